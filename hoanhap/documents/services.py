"""Issuing official documents: number from the unit's register, render, store with hashes, audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.documents import drafts, render
from hoanhap.documents.drafts import SIGNERS, Draft
from hoanhap.documents.models import Document, NumberSeries
from hoanhap.people.models import Person

if TYPE_CHECKING:  # cases imports reserve_number from here
    from hoanhap.cases.models import Aftercare, CompulsoryDossier, UserManagement


def reserve_number(*, commune_id: str, role: str, on: dt.date) -> str:
    """The next "số, ký hiệu" of the body that ``role`` signs for, e.g. "07/QĐ-CAX": numbers run
    from 01 each calendar year, with a leading zero below 10 (Nghị định 30/2020 Điều 15,
    Phụ lục I mục II.3). Call inside the transaction that records the decision."""
    body, symbol, _preamble, _title = SIGNERS[role]
    series, _created = NumberSeries.objects.get_or_create(commune_id=commune_id, body=body, year=on.year)
    while True:
        NumberSeries.objects.filter(pk=series.pk).update(last=F("last") + 1)
        series.refresh_from_db(fields=["last"])
        number = f"{series.last:02d}/{symbol}"
        # A number typed from a paper register may already be taken: skip it.
        taken = Document.objects.filter(commune_id=commune_id, body=body, year=on.year, number=number)
        if not taken.exists():
            return number


def issue_management_decision(actor: User, *, management: UserManagement) -> Document:
    return _issue(actor, management.person, drafts.management_decision(management), management.uuid)


def issue_aftercare_decision(actor: User, *, aftercare: Aftercare) -> Document:
    return _issue(actor, aftercare.person, drafts.aftercare_decision(aftercare), aftercare.uuid)


def issue_dossier_forwarding(actor: User, *, dossier: CompulsoryDossier, signer_name: str) -> Document:
    event = next((e for e in dossier.events.all() if e.kind == "forward"), None)
    if event is None:
        raise ValidationError(_("Hồ sơ chưa có quyết định chuyển Tòa án."))
    draft = drafts.dossier_forwarding(dossier, event, signer_name.strip())
    return _issue(actor, dossier.person, draft, event.uuid)


def issue_correction(
    actor: User, *, original: Document, issued_on: dt.date, reason: str, signer_name: str
) -> Document:
    """A correcting decision: a new number, a reference to the original, which stays as issued."""
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi nội dung đính chính.")})
    if issued_on < original.issued_on:
        raise ValidationError({"issued_on": _("Ngày đính chính không thể trước ngày ban hành văn bản gốc.")})
    draft = drafts.correction(
        Draft.from_json(original.content),
        issued_on=issued_on,
        reason=reason.strip(),
        signer_name=signer_name.strip(),
        original_number=original.number,
    )
    return _issue(actor, original.person, draft, original.source, corrects=original)


def _issue(
    actor: User, person: Person, draft: Draft, source: uuid.UUID, *, corrects: Document | None = None
) -> Document:
    if not can_write(actor, person):
        raise PermissionDenied
    issued_on = dt.date.fromisoformat(draft.issued_on)
    try:
        with transaction.atomic():
            if not draft.number:
                role = next(r for r, spec in SIGNERS.items() if spec[0] == draft.body)
                draft.number = reserve_number(commune_id=person.commune_id, role=role, on=issued_on)
            docx, pdf = render.to_docx(draft), render.to_pdf(draft)
            document = Document.objects.create(
                province_id=person.province_id,
                commune_id=person.commune_id,
                person=person,
                kind=draft.kind,
                body=draft.body,
                number=draft.number,
                issued_on=issued_on,
                year=issued_on.year,
                source=source,
                content=draft.as_json(),
                docx=docx,
                pdf=pdf,
                docx_sha256=hashlib.sha256(docx).hexdigest(),
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                corrects=corrects,
                created_by=actor,
            )
            record(
                actor,
                Action.CASE_WRITE,
                purpose=Purpose.CASE_WORK,
                obj=person,
                extra={"document": str(document.uuid), "kind": draft.kind},
            )
    except IntegrityError:
        raise ValidationError(
            _("Văn bản này đã được phát hành (hoặc trùng số). Nếu có sai sót, hãy ra quyết định đính chính.")
        ) from None
    return document
