"""Importing an old list: upload, map the columns, check every row, commit all-or-nothing.

Uploading reads only the first rows (the header, the columns, a preview, and the count of a short
list), and opens a workbook only if it is small once unzipped: a large file is read by the worker,
never in the web request. Checking reads the whole file and says, row by row, what is wrong; it
changes nothing. Committing checks again inside one transaction and creates every new person or
none: a failure or a killed process leaves the registry as it was. Rows already in the registry
(same personal ID, or same name and birth in the commune) are counted as present and skipped, so
importing a file twice creates nothing the second time."""

import base64
import hashlib
import json
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Hamlet
from hoanhap.imports import parsing
from hoanhap.imports.columns import FIELDS, label
from hoanhap.imports.models import INLINE_ROWS, BatchStatus, ImportBatch, ImportedRow
from hoanhap.imports.reading import HEADER_SCAN, Head, head, iter_rows, open_cost
from hoanhap.lib import crypto
from hoanhap.lib.dates import now
from hoanhap.lib.roles import Cap, Level
from hoanhap.lib.vntext import clean, search_key
from hoanhap.people import reviews
from hoanhap.people.duplicates import id_index
from hoanhap.people.models import Person, ReviewKind, ReviewSource
from hoanhap.people.services import create_people
from hoanhap.people.validation import identity_errors

MAX_BYTES = 10 * 1024 * 1024
LENGTHS = {"full_name": 120, "permanent_address": 255, "current_address": 255, "phone": 20}
PROGRESS_EVERY = 250
# Rows the upload reads: the header's rows and one more than a list checked in the request, so that a
# list short enough for that is counted there and any other is counted by the worker's check.
HEAD_ROWS = HEADER_SCAN + INLINE_ROWS
# openpyxl parses a workbook's shared strings (and a sheet that does not state its size) in full as
# it opens it, a few MB a second: the request opens only a workbook this small once unzipped.
OPEN_IN_REQUEST = 1024 * 1024


def _check_actor(actor: User) -> None:
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.level is Level.COMMUNE and actor.commune_id):
        raise PermissionDenied


def upload(actor: User, *, file_name: str, content: bytes) -> ImportBatch:
    """Keep the file and read its first rows, in the web request: bounded work whatever the file.
    A workbook too large to open here is kept "reading" for the worker (``run_read``); a zip bomb
    is refused before anything opens it."""
    _check_actor(actor)
    if len(content) > MAX_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
    if open_cost(content, file_name) <= OPEN_IN_REQUEST:
        found = _head_fields(head(content, file_name, limit=HEAD_ROWS))
    else:
        found = {"status": BatchStatus.READING}
    if not (actor.commune_id and actor.province_id):
        raise PermissionDenied
    batch = ImportBatch.objects.create(
        province_id=actor.province_id,
        commune_id=actor.commune_id,
        file_name=file_name[:200],
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=crypto.encrypt(base64.b64encode(content).decode()),
        created_by=actor,
        **found,
    )
    record(
        actor, Action.IMPORT, purpose=Purpose.CASE_WORK, extra={"batch": str(batch.uuid), "step": "upload"}
    )
    return batch


def _head_fields(found: Head) -> dict[str, Any]:
    sample = [[_shown(value)[:200] for value in cells] for cells in found.sample]
    return {
        "status": BatchStatus.UPLOADED,
        "header_row": found.header_row,
        "headers": found.headers,
        "mapping": found.mapping,
        "total_rows": found.data_rows,
        "sample": crypto.encrypt(json.dumps(sample, ensure_ascii=False)),
    }


def run_read(batch: ImportBatch) -> ImportBatch:
    """The upload's reading of a workbook too large to open in the request, done by the worker.
    Safe to run again: a batch that is no longer "reading" is left as it is."""
    content = base64.b64decode(crypto.decrypt(batch.content))
    try:
        found = _head_fields(head(content, batch.file_name, limit=HEAD_ROWS))
    except ValidationError as exc:
        found = {"status": BatchStatus.FAILED, "failure": _failure(exc)}
    ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.READING).update(**found)
    batch.refresh_from_db()
    return batch


def set_mapping(actor: User, *, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    _check_owner(actor, batch)
    if batch.status == BatchStatus.READING or not batch.headers:
        raise ValidationError(_("Chưa đọc được dòng tiêu đề của tệp: chưa ghép cột được."))
    chosen = {column: f for column, f in mapping.items() if f}
    if len(set(chosen.values())) != len(chosen):
        raise ValidationError(_("Mỗi trường chỉ được ghép với một cột."))
    if "full_name" not in chosen.values() or "sex" not in chosen.values():
        raise ValidationError(_("Cần ghép ít nhất cột Họ và tên và cột Giới tính."))
    if not {"birth_date", "birth_year"} & set(chosen.values()):
        raise ValidationError(_("Cần ghép cột Ngày sinh hoặc cột Năm sinh."))
    if any(f not in FIELDS for f in chosen.values()):
        raise ValidationError(_("Trường không hợp lệ."))
    ImportBatch.objects.filter(pk=batch.pk).update(mapping=chosen, status=BatchStatus.UPLOADED, errors=[])
    batch.refresh_from_db()
    return batch


def _check_owner(actor: User, batch: ImportBatch) -> None:
    _check_actor(actor)
    if batch.commune_id != actor.commune_id:
        raise PermissionDenied
    if batch.status in (BatchStatus.COMMITTED, BatchStatus.COMMITTING):
        raise ValidationError(_("Danh sách này đã được ghi hoặc đang được ghi."))


class AlreadyCommittedError(ValidationError):
    """The list was written by another commit of the same batch; nothing more to do."""


@dataclass
class Checked:
    new: list[tuple[int, dict[str, Any], list[str]]] = field(default_factory=list)
    present: int = 0  # rows already in the commune's records
    errors: list[dict[str, Any]] = field(default_factory=list)
    # Rows that match records outside the commune (``people.reviews``), with those records:
    # an ID already on one (sent for review, not created) or the same name and birth (created,
    # and the reviewer asked whether both are one person). Reported as new until the commit.
    review: list[tuple[int, dict[str, Any], list[Person]]] = field(default_factory=list)
    similar_elsewhere: dict[int, list[Person]] = field(default_factory=dict)
    rows: int = 0  # rows after the header, all read


def check(batch: ImportBatch, *, progress: Callable[[int], None] | None = None) -> Checked:
    """Every row read, parsed and checked against the file and the registry. Changes nothing.
    The file is read one row at a time: only what a row's check keeps stays in memory."""
    content = base64.b64decode(crypto.decrypt(batch.content))
    hamlets = {h.search_name: h for h in Hamlet.objects.active().filter(commune_id=batch.commune_id)}
    result = Checked()
    parsed: list[tuple[int, dict[str, Any], list[str]]] = []
    with closing(iter_rows(content, batch.file_name)) as rows:
        after_header = ((n, cells) for n, cells in rows if n > batch.header_row)
        for index, (number, cells) in enumerate(after_header, start=1):
            data, aliases, errors = _parse(batch, cells, hamlets)
            for column, message in errors:
                result.errors.append({"row": number, "column": column, "message": message})
            if not errors:
                parsed.append((number, data, aliases))
            result.rows = index
            if progress and index % PROGRESS_EVERY == 0:
                progress(index)
    _against_file_and_registry(batch, parsed, result)
    if progress:
        progress(result.rows)
    return result


Parsed = list[tuple[int, dict[str, Any], list[str]]]


def _parse(
    batch: ImportBatch, cells: list[Any], hamlets: dict[str, Hamlet]
) -> tuple[dict[str, Any], list[str], list[tuple[str, str]]]:
    raw = {f: cells[int(c)] if int(c) < len(cells) else None for c, f in batch.mapping.items()}
    data: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []

    def fail(name: str, message: str) -> None:
        errors.append((label(name), message))

    data["full_name"] = clean(str(raw.get("full_name") or ""))
    if not data["full_name"]:
        fail("full_name", _("Thiếu họ và tên."))
    try:
        data["birth_date"], data["birth_year"] = parsing.birth(raw.get("birth_date"))
        if raw.get("birth_year") is not None:
            _date, year = parsing.birth(raw.get("birth_year"))
            if data["birth_year"] and year and year != data["birth_year"]:
                fail("birth_year", _("Năm sinh không khớp với ngày sinh."))
            data["birth_year"] = data["birth_year"] or year
    except ValidationError as exc:
        fail("birth_date", " ".join(exc.messages))
    try:
        data["sex"] = parsing.sex(raw.get("sex"))
    except ValidationError as exc:
        fail("sex", " ".join(exc.messages))
    if raw.get("national_id") is not None:
        data["national_id"] = parsing.national_id(raw["national_id"])
    for name in ("permanent_address", "current_address", "phone"):
        if raw.get(name) is not None:
            data[name] = clean(str(raw[name]))
    if raw.get("status") is not None:
        data["status"] = clean(str(raw["status"]))[:200]
    for name, limit in LENGTHS.items():
        if len(str(data.get(name) or "")) > limit:
            fail(name, _("Dài quá %(n)s ký tự.") % {"n": limit})
    if raw.get("hamlet") is not None:
        hamlet = hamlets.get(search_key(str(raw["hamlet"])))
        if hamlet is None:
            fail(
                "hamlet",
                _('"%(v)s" không có trong danh sách thôn, tổ dân phố của xã.')
                % {"v": str(raw["hamlet"])[:60]},
            )
        data["hamlet"] = hamlet
    if raw.get("commune") is not None:
        given = search_key(str(raw["commune"]))
        if given not in (
            batch.commune_id,
            search_key(batch.commune.name),
            search_key(batch.commune.place_name),
        ):
            fail(
                "commune",
                _("Dòng thuộc đơn vị khác (%(v)s): chỉ nhập người của xã mình.")
                % {"v": str(raw["commune"])[:60]},
            )
    if not errors:
        for name, messages in identity_errors(data).items():
            for message in messages:
                fail(name, message)
    aliases = [clean(a) for a in str(raw.get("aliases") or "").replace(";", ",").split(",") if clean(a)]
    return data, aliases, errors


def _identity_key(data: dict[str, Any]) -> tuple[str, Any]:
    return (search_key(data["full_name"]), data.get("birth_date") or data.get("birth_year"))


def _same_birth(person: Person, data: dict[str, Any]) -> bool:
    """The same date where both are known, else the same year (a record with a date has its year)."""
    if data.get("birth_date") and person.birth_date:
        return bool(person.birth_date == data["birth_date"])
    return bool(person.birth_year == data.get("birth_year"))


def _against_file_and_registry(batch: ImportBatch, parsed: Parsed, result: Checked) -> None:
    """Each row against the rows above it and against the registry. Of the registry the commune
    learns only its own records: a row matching a record elsewhere is for the reviewer
    (``people.reviews``), and until the commit it reads exactly as a new row."""
    ids = {id_index(d["national_id"]): d["national_id"] for _n, d, _a in parsed if d.get("national_id")}
    by_id = {  # personal ID -> its record
        ids[p.national_id_index]: p
        for p in Person.objects.current()
        .filter(national_id_index__in=list(ids))
        .only("search_name", "national_id_index", "commune_id", "province_id")
    }
    names = {search_key(d["full_name"]) for _n, d, _a in parsed}
    in_commune: dict[str, list[Person]] = {}
    elsewhere: dict[str, list[Person]] = {}
    for person in (
        Person.objects.current()
        .filter(search_name__in=names)
        .only("search_name", "birth_date", "birth_year", "commune_id", "province_id")
    ):
        mine = person.commune_id == batch.commune_id
        (in_commune if mine else elsewhere).setdefault(person.search_name, []).append(person)
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple[str, Any], int] = {}
    for number, data, aliases in parsed:
        key = _identity_key(data)
        number_id = data.get("national_id") or ""
        earlier = seen_ids.get(number_id) or seen_people.get(key)
        if earlier:
            result.errors.append(
                {"row": number, "column": "", "message": _("Trùng với dòng %(n)s của tệp.") % {"n": earlier}}
            )
            continue
        if number_id:
            seen_ids[number_id] = number
        seen_people[key] = number
        existing = by_id.get(number_id)
        if existing is not None and existing.commune_id != batch.commune_id:
            result.review.append((number, data, [existing]))
            continue
        if existing is not None and existing.search_name != key[0]:
            result.errors.append(
                {
                    "row": number,
                    "column": label("national_id"),
                    "message": _("Số định danh này đã thuộc hồ sơ của một người khác trong sổ."),
                }
            )
            continue
        same = existing is not None or any(_same_birth(p, data) for p in in_commune.get(key[0], []))
        if same:
            result.present += 1
            continue
        result.new.append((number, data, aliases))
        similar = [p for p in elsewhere.get(key[0], []) if _same_birth(p, data)]
        if similar:
            result.similar_elsewhere[number] = similar


def _open_reviews(actor: User, result: Checked, people: list[Person]) -> None:
    """The reviews of a commit: rows whose ID is on a record elsewhere (not created), and created
    records with the same name and birth as one elsewhere."""
    for _number, data, matches in result.review:
        reviews.open_review(
            actor, kind=ReviewKind.SAME_ID, source=ReviewSource.IMPORT, matches=matches, data=data
        )
    for (number, data, _aliases), person in zip(result.new, people, strict=True):
        if number in result.similar_elsewhere:
            reviews.open_review(
                actor,
                kind=ReviewKind.SIMILAR,
                source=ReviewSource.IMPORT,
                matches=result.similar_elsewhere[number],
                data=data,
                created_person=person,
            )


def preview(batch: ImportBatch) -> tuple[list[str], list[list[str]]]:
    """The first rows of the file as the mapping reads them, before anything is checked."""
    if not batch.sample:  # read at upload: showing the batch never opens the file
        return [], []
    columns = sorted(batch.mapping.items(), key=lambda item: int(item[0]))
    rows = json.loads(crypto.decrypt(batch.sample))
    shown = [[cells[int(c)] if int(c) < len(cells) else "" for c, _f in columns] for cells in rows]
    return [label(f) for _c, f in columns], shown


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:%d/%m/%Y}" if hasattr(value, "strftime") else str(value)


def _failure(exc: ValidationError) -> str:
    """What a failed batch says: the error's messages, as long as the field holds."""
    return " ".join(exc.messages)[:300]


def run_check(batch: ImportBatch) -> ImportBatch:
    """Check the batch and store what was found; progress is saved as rows are read."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CHECKING, rows_checked=0)

    def progress(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_checked=done)

    try:
        result = check(batch, progress=progress)
    except ValidationError as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, failure=_failure(exc))
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.CHECKED,
            total_rows=result.rows,
            new_rows=len(result.new) + len(result.review),
            present_rows=result.present,
            errors=sorted(result.errors, key=lambda e: e["row"])[:2000],
        )
    batch.refresh_from_db()
    return batch


def commit(actor: User, *, batch: ImportBatch, resume: bool = False) -> ImportBatch:
    """All new rows or none. Checked again inside the transaction: the registry may have changed.

    The batch row stays locked for the whole transaction, so a second commit of the same list
    (a double click, or a worker resuming a job it believes abandoned) waits and then finds it
    written. ``resume`` also takes a batch left "committing" by a worker that was killed: its
    transaction was rolled back, so nothing of it was written."""
    _check_actor(actor)
    if batch.commune_id != actor.commune_id:
        raise PermissionDenied
    claimable = [BatchStatus.CHECKED, BatchStatus.COMMITTING] if resume else [BatchStatus.CHECKED]
    if batch.status not in claimable or batch.errors:
        raise ValidationError(_("Chỉ ghi được danh sách đã kiểm tra và không còn lỗi."))
    claimed = ImportBatch.objects.filter(pk=batch.pk, status__in=claimable).update(
        status=BatchStatus.COMMITTING
    )
    if not claimed:
        raise AlreadyCommittedError(_("Danh sách này đã được ghi hoặc đang được ghi."))
    try:
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().only("status").get(pk=batch.pk)
            if locked.status != BatchStatus.COMMITTING:  # another commit finished while we waited
                raise AlreadyCommittedError(_("Danh sách này đã được ghi hoặc đang được ghi."))
            result = check(batch)
            if result.errors:
                raise ValidationError(_("Sổ đã thay đổi từ khi kiểm tra: hãy kiểm tra lại."))
            reviews.check_allowance(actor, needed=len(result.review))
            statuses = [data.pop("status", "") for _n, data, _a in result.new]
            people = create_people(
                actor,
                commune=batch.commune,
                rows=[(data, aliases) for _n, data, aliases in result.new],
                extra={"import_batch": str(batch.uuid)},
            )
            _open_reviews(actor, result, people)
            ImportedRow.objects.bulk_create(
                [
                    ImportedRow(batch=batch, row=number, person=person, legacy_status=status)
                    for (number, _d, _a), person, status in zip(result.new, people, statuses, strict=True)
                ],
                batch_size=1000,
            )
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=BatchStatus.COMMITTED,
                created_count=len(result.new),
                review_rows=len(result.review),
                present_rows=result.present,
                committed_at=now(),
                content="",
                sample="",
            )
            record(
                actor,
                Action.IMPORT,
                purpose=Purpose.CASE_WORK,
                extra={
                    "batch": str(batch.uuid),
                    "step": "commit",
                    "created": len(result.new),
                    "review": len(result.review),
                },
            )
    except AlreadyCommittedError:
        raise
    except ValidationError as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, failure=_failure(exc))
        raise
    except BaseException:
        # Nothing was written (the transaction rolled back); say so and let the error go on.
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, failure=_("Bị gián đoạn khi ghi; không có dữ liệu nào được ghi.")
        )
        raise
    batch.refresh_from_db()
    return batch
