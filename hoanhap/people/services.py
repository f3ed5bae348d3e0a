"""Registry use cases. Each is one transaction that checks the rule, writes, and audits."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, record_many
from hoanhap.geo.models import Commune, Hamlet
from hoanhap.lib import crypto
from hoanhap.lib.roles import Cap, Level
from hoanhap.lib.vntext import clean, search_key
from hoanhap.people import national_id, reviews
from hoanhap.people.duplicates import Candidates, find_candidates, id_index
from hoanhap.people.models import Person, PersonAlias, PersonMerge, PersonTransfer, ReviewKind, ReviewSource

# Plain fields a form may set; identifiers and derived fields are handled separately.
PROFILE_FIELDS = (
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "religion",
    "education",
    "nationality",
    "occupation",
    "workplace",
    "hamlet",
    "permanent_address",
    "temporary_address",
    "current_address",
    "stable_residence",
    "father_name",
    "mother_name",
    "guardian_name",
    "guardian_relation",
    "guardian_phone",
    "phone",
    "social_account",
    "has_drug_crime_record",
    "has_drug_violation_record",
    "has_other_record",
    "record_notes",
    "substances",
    "route",
    "frequency",
    "dose",
    "first_use_on",
    "first_detected_on",
    "has_psychosis",
    "prior_rehab_count",
    "prior_rehab_notes",
)
IDENTIFIER_FIELDS = {
    "national_id": "national_id_encrypted",
    "father_id": "father_id_encrypted",
    "mother_id": "mother_id_encrypted",
}


class PossibleDuplicateError(ValidationError):
    """Creation would likely duplicate an existing record; the caller may confirm and retry."""

    def __init__(self, candidates: Candidates) -> None:
        super().__init__(
            _("Có thể đã có hồ sơ của người này. Hãy kiểm tra trước khi tạo mới."), code="duplicate"
        )
        self.candidates = candidates


class StaleEditError(ValidationError):
    """Someone saved the record after this edit began: the edit is refused, nothing is overwritten."""

    def __init__(self, current: Person) -> None:
        super().__init__(
            _(
                "Hồ sơ đã được người khác cập nhật trong lúc bạn sửa. Thay đổi của bạn chưa được lưu; "
                "dưới đây là nội dung hiện tại."
            ),
            code="stale",
        )
        self.current = current


def create_person(
    actor: User,
    *,
    commune: Commune,
    data: dict[str, Any],
    aliases: list[str] | None = None,
    confirm_not_duplicate: bool = False,
    source: ReviewSource = ReviewSource.FORM,
) -> Person:
    """A new record of the actor's commune. Likely duplicates within the commune are shown (the
    officer confirms); one outside it is never named (``people.reviews``): an ID already on a
    record elsewhere sends the record for review instead of creating it, a similar name and birth
    elsewhere creates it and asks the reviewer whether both are one person."""
    if not (
        actor.has_cap(Cap.EDIT_PEOPLE) and actor.level is Level.COMMUNE and actor.commune_id == commune.pk
    ):
        raise PermissionDenied
    person = Person(commune=commune, province_id=commune.province_id, created_by=actor)
    _apply(person, data)
    _check_hamlet(person)
    candidates = find_candidates(
        national_id=data.get("national_id", ""),
        full_name=person.full_name,
        birth_date=person.birth_date,
        birth_year=person.birth_year,
    )
    elsewhere = reviews.outside_scope(actor, [*candidates.same_id, *candidates.similar])
    if candidates.same_id and candidates.same_id[0] not in elsewhere:
        raise ValidationError({"national_id": _("Số định danh này đã có trong hồ sơ của một người khác.")})
    if candidates.same_id:
        reviews.check_allowance(actor)
        review = reviews.open_review(
            actor, kind=ReviewKind.SAME_ID, source=source, matches=candidates.same_id, data=data
        )
        raise reviews.SentForReviewError(review)
    similar_here = [p for p in candidates.similar if p not in elsewhere]
    if similar_here and not confirm_not_duplicate:
        raise PossibleDuplicateError(Candidates(similar=similar_here))
    with transaction.atomic():
        _save_unique(person, actor)
        _set_aliases(person, aliases or [])
        record(
            actor,
            Action.PERSON_CREATE,
            purpose=Purpose.CASE_WORK,
            obj=person,
            extra={"possible_duplicates": len(candidates.similar)},
        )
        if elsewhere:  # similar records outside the commune: a question for the reviewer, not the officer
            reviews.open_review(
                actor,
                kind=ReviewKind.SIMILAR,
                source=source,
                matches=elsewhere,
                data=data,
                created_person=person,
            )
    return person


def create_people(
    actor: User, *, commune: Commune, rows: list[tuple[dict[str, Any], list[str]]], extra: dict[str, Any]
) -> list[Person]:
    """Many new records at once (an imported list whose rows were already checked against the
    registry): the same normalisation as ``create_person``, written in bulk with their history,
    aliases and one audit entry each. All or nothing."""
    if not (
        actor.has_cap(Cap.EDIT_PEOPLE) and actor.level is Level.COMMUNE and actor.commune_id == commune.pk
    ):
        raise PermissionDenied
    people = []
    for data, _aliases in rows:
        person = Person(commune=commune, province_id=commune.province_id, created_by=actor)
        _apply(person, data)
        _check_hamlet(person)
        people.append(person)
    try:
        with transaction.atomic():
            created: list[Person] = bulk_create_with_history(
                people, Person, batch_size=1000, default_user=actor
            )
            PersonAlias.objects.bulk_create(
                [
                    PersonAlias(person=person, name=clean(n), search_name=search_key(n))
                    for person, (_data, aliases) in zip(created, rows, strict=True)
                    for n in dict.fromkeys(aliases)
                    if clean(n)
                ],
                batch_size=1000,
            )
            record_many(actor, Action.PERSON_CREATE, purpose=Purpose.CASE_WORK, objs=created, extra=extra)
    except IntegrityError as exc:  # a concurrent save took one of the personal IDs
        raise ValidationError(
            {
                "national_id": _(
                    "Số định danh đã có trong hồ sơ của một người khác: hãy kiểm tra lại danh sách."
                )
            }
        ) from exc
    return created


def update_person(
    actor: User,
    *,
    person: Person,
    expected_version: int,
    data: dict[str, Any],
    aliases: list[str] | None = None,
) -> Person:
    """Save an edit that began at ``expected_version``; refuse it if the record moved on since."""
    if not can_write(actor, person):
        raise PermissionDenied
    try:
        with transaction.atomic():
            # Claim the version first: of two concurrent saves, exactly one gets the row.
            claimed = Person.objects.filter(pk=person.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if claimed != 1:
                raise StaleEditError(Person.objects.get(pk=person.pk))
            changed = _apply(person, data)
            _check_hamlet(person)
            _check_id_unique(actor, person, data)
            person.version = expected_version + 1
            _save_unique(person, actor)
            if aliases is not None:
                _set_aliases(person, aliases)
            record(
                actor, Action.PERSON_UPDATE, purpose=Purpose.CASE_WORK, obj=person, extra={"fields": changed}
            )
    except StaleEditError:
        record(actor, Action.PERSON_UPDATE_CONFLICT, purpose=Purpose.CASE_WORK, obj=person)
        raise
    except _SendForReview as pending:  # the edit rolled back; the question goes to the reviewer
        entered = {name: getattr(person, name, None) for name in reviews.SHOWN_FIELDS}
        entered["national_id"] = pending.data.get("national_id", "")
        reviews.check_allowance(actor)
        review = reviews.open_review(
            actor, kind=ReviewKind.SAME_ID, source=ReviewSource.EDIT, matches=pending.matches, data=entered
        )
        raise reviews.SentForReviewError(review) from None
    return person


def transfer_person(
    actor: User, *, person: Person, to_commune: Commune, moved_on: dt.date, reason: str = ""
) -> PersonTransfer:
    """Hand a person who moved over to the new commune; the old commune keeps a read-only trace."""
    if not (can_write(actor, person) and actor.has_cap(Cap.TRANSFER_PEOPLE)):
        raise PermissionDenied
    return move_person(actor, person=person, to_commune=to_commune, moved_on=moved_on, reason=reason)


def move_person(
    actor: User, *, person: Person, to_commune: Commune, moved_on: dt.date, reason: str = ""
) -> PersonTransfer:
    """The move itself, for a caller that has checked the actor may make it (the commune's transfer,
    or a reviewer's decision that a record elsewhere is the person a commune now has)."""
    if to_commune.pk == person.commune_id:
        raise ValidationError({"to_commune": _("Xã chuyển đến phải khác xã đang quản lý.")})
    if to_commune.retired_on is not None:
        raise ValidationError({"to_commune": _("Xã chuyển đến đã giải thể hoặc sáp nhập.")})
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        transfer = PersonTransfer.objects.create(
            person=locked,
            from_province_id=locked.province_id,
            from_commune_id=locked.commune_id,
            to_commune=to_commune,
            moved_on=moved_on,
            reason=clean(reason),
            created_by=actor,
        )
        locked.commune, locked.province_id, locked.hamlet = to_commune, to_commune.province_id, None
        locked.version += 1
        _save_unique(locked, actor)
        _move_open_cases(locked, to_commune)
        record(
            actor,
            Action.PERSON_TRANSFER,
            purpose=Purpose.CASE_WORK,
            obj=locked,
            extra={"from_commune": transfer.from_commune_id, "to_commune": to_commune.pk},
        )
    return transfer


def _move_open_cases(person: Person, to_commune: Commune) -> None:
    """Rows of later apps that follow the person to the new commune say so with a
    ``follow_transfer(person=, to_commune=)`` class method (an open case does; a past test does not)."""
    for rel in Person._meta.related_objects:
        follow = getattr(rel.related_model, "follow_transfer", None)
        if follow is not None:
            follow(person=person, to_commune=to_commune)


# Fields compared when merging; identifiers are compared in clear and journaled masked.
MERGE_FIELDS = (*PROFILE_FIELDS, "national_id")


def merge_people(
    actor: User, *, survivor: Person, absorbed: Person, take_from_absorbed: set[str], reason: str
) -> PersonMerge:
    """Fold ``absorbed`` into ``survivor``. Empty survivor fields are filled from the absorbed record;
    where both hold different values the survivor's is kept unless the field is in
    ``take_from_absorbed``. Every such conflict is journaled; the absorbed row is kept, marked merged."""
    _check_merge_allowed(actor, survivor, absorbed, reason)
    with transaction.atomic():
        survivor = Person.objects.select_for_update().get(pk=survivor.pk)
        absorbed = Person.objects.select_for_update().get(pk=absorbed.pk)
        conflicts = _fold_fields(survivor, absorbed, take_from_absorbed)
        absorbed.merged_into, absorbed.version = survivor, absorbed.version + 1
        _save_unique(absorbed, actor)
        survivor.version += 1
        _save_unique(survivor, actor)
        moved = _reattach(absorbed, survivor)
        if absorbed.full_name != survivor.full_name:
            PersonAlias.objects.get_or_create(
                person=survivor, name=absorbed.full_name, search_name=absorbed.search_name
            )
        merge = PersonMerge.objects.create(
            survivor=survivor,
            absorbed=absorbed,
            province_id=survivor.province_id,
            commune_id=survivor.commune_id,
            reason=clean(reason),
            conflicts=conflicts,
            moved=moved,
            merged_by=actor,
        )
        for person in (survivor, absorbed):
            record(
                actor,
                Action.PERSON_MERGE,
                purpose=Purpose.DUPLICATE_REVIEW,
                obj=person,
                extra={"merge": str(merge.uuid), "conflicts": len(conflicts)},
            )
    return merge


def _check_merge_allowed(actor: User, survivor: Person, absorbed: Person, reason: str) -> None:
    if not (actor.has_cap(Cap.MERGE_PEOPLE) and can_write(actor, survivor) and can_write(actor, absorbed)):
        raise PermissionDenied
    if survivor.pk == absorbed.pk or survivor.is_merged or absorbed.is_merged:
        raise ValidationError(_("Chỉ hợp nhất được hai hồ sơ khác nhau, chưa bị hợp nhất."))
    if not clean(reason):
        raise ValidationError({"reason": _("Hãy ghi căn cứ xác định hai hồ sơ là của cùng một người.")})


def _fold_fields(survivor: Person, absorbed: Person, take: set[str]) -> list[dict[str, Any]]:
    conflicts = []
    for name in MERGE_FIELDS:
        mine, theirs = _merge_value(survivor, name), _merge_value(absorbed, name)
        if _empty(theirs) or mine == theirs:
            continue
        if _empty(mine) or name in take:
            _set_merge_value(survivor, name, theirs)
            if not _empty(mine):
                conflicts.append(_conflict(name, kept=theirs, discarded=mine, source="absorbed"))
        else:
            conflicts.append(_conflict(name, kept=mine, discarded=theirs, source="survivor"))
    return conflicts


def _merge_value(person: Person, name: str) -> Any:
    if name == "national_id":
        return person.national_id
    value = getattr(person, name)
    return value.pk if hasattr(value, "pk") else value


def _set_merge_value(person: Person, name: str, value: Any) -> None:
    if name == "national_id":
        person.national_id_encrypted, person.national_id_index = crypto.encrypt(value), id_index(value)
    elif name == "hamlet":
        person.hamlet_id = value
    else:
        setattr(person, name, value)
        if name == "full_name":
            person.search_name = search_key(value)


def _conflict(name: str, *, kept: Any, discarded: Any, source: str) -> dict[str, Any]:
    def shown(value: Any) -> Any:
        if name == "national_id":
            return national_id.mask(value)
        return value.isoformat() if isinstance(value, dt.date) else value

    return {"field": name, "kept": shown(kept), "discarded": shown(discarded), "kept_from": source}


def _empty(value: Any) -> bool:
    return value in (None, "", [], 0, False)


def _reattach(absorbed: Person, survivor: Person) -> dict[str, int]:
    """Point every row that refers to the absorbed person at the survivor (later apps' rows too)."""
    moved = {}
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model in (Person, PersonMerge) or model.__name__.startswith("Historical") or not rel.one_to_many:
            continue
        count = model._default_manager.filter(**{rel.field.name: absorbed}).update(
            **{rel.field.name: survivor}
        )
        if count:
            moved[model._meta.label_lower] = count
    return moved


def _apply(person: Person, data: dict[str, Any]) -> list[str]:
    """Copy form data onto the record, normalised; return the names of the fields that changed."""
    changed = []
    for name in PROFILE_FIELDS:
        if name not in data:
            continue
        value = clean(data[name]) if isinstance(data[name], str) else data[name]
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    for name, column in IDENTIFIER_FIELDS.items():
        if name in data and (data[name] or "") != crypto.decrypt(getattr(person, column)):
            setattr(person, column, crypto.encrypt(data[name] or ""))
            changed.append(name)
    person.search_name = search_key(person.full_name)
    person.national_id_index = id_index(person.national_id)
    if person.birth_date:
        person.birth_year = person.birth_date.year
    return changed


def _check_hamlet(person: Person) -> None:
    hamlet: Hamlet | None = person.hamlet
    if hamlet is not None and hamlet.commune_id != person.commune_id:
        raise ValidationError({"hamlet": _("Thôn, tổ dân phố không thuộc xã quản lý hồ sơ.")})


def _check_id_unique(actor: User, person: Person, data: dict[str, Any]) -> None:
    """An ID already on another record: named if that record is the commune's own, sent for review
    (and the edit refused) if it is elsewhere."""
    if not person.national_id_index:
        return
    others = list(
        Person.objects.current().filter(national_id_index=person.national_id_index).exclude(pk=person.pk)
    )
    if not others:
        return
    if not reviews.outside_scope(actor, others):
        raise ValidationError({"national_id": _("Số định danh này đã có trong hồ sơ của một người khác.")})
    raise _SendForReview(others, data)


class _SendForReview(Exception):  # noqa: N818 - control flow out of the edit's transaction
    def __init__(self, matches: list[Person], data: dict[str, Any]) -> None:
        self.matches, self.data = matches, data


def _save_unique(person: Person, actor: User) -> None:
    person._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent save took the same personal ID
        raise ValidationError(
            {"national_id": _("Số định danh này đã có trong hồ sơ của một người khác.")}
        ) from exc


def _set_aliases(person: Person, names: list[str]) -> None:
    wanted = {clean(n): search_key(n) for n in names if clean(n)}
    person.aliases.exclude(name__in=wanted).delete()
    existing = set(person.aliases.values_list("name", flat=True))
    PersonAlias.objects.bulk_create(
        PersonAlias(person=person, name=n, search_name=k) for n, k in wanted.items() if n not in existing
    )
