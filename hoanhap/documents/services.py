"""Issuing official documents: number from the unit's register, render, store with hashes, audit."""

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from typing import Any

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
from hoanhap.documents.models import Document, DocumentKind, NumberSeries
from hoanhap.documents.sources import CaseRow
from hoanhap.people.models import Person


def reserve_number(*, commune_id: str, role: str, on: dt.date, type_: str = drafts.DECISION) -> str:
    """The next "số, ký hiệu" of the body that ``role`` signs for, e.g. "07/QĐ-CAX": numbers run
    from 01 each calendar year, with a leading zero below 10 (Nghị định 30/2020 Điều 15,
    Phụ lục I mục II.3). Call inside the transaction that records the decision."""
    body = SIGNERS[role][0]
    symbol = drafts.symbol(role, type_)
    series, _created = NumberSeries.objects.get_or_create(commune_id=commune_id, body=body, year=on.year)
    while True:
        NumberSeries.objects.filter(pk=series.pk).update(last=F("last") + 1)
        series.refresh_from_db(fields=["last"])
        number = f"{series.last:02d}/{symbol}"
        # A number typed from a paper register may already be taken: skip it.
        taken = Document.objects.filter(commune_id=commune_id, body=body, year=on.year, number=number)
        if not taken.exists():
            return number


def issue_management_decision(actor: User, *, management: CaseRow) -> Document:
    return _issue(actor, management.person, drafts.management_decision(management), management.uuid)


def issue_aftercare_decision(actor: User, *, aftercare: CaseRow) -> Document:
    return _issue(actor, aftercare.person, drafts.aftercare_decision(aftercare), aftercare.uuid)


# Documents that record one event of a case: the builder, and the case the event belongs to.
EVENT_DOCUMENTS: dict[str, tuple[Callable[..., Draft], str]] = {
    DocumentKind.MANAGEMENT_EVENT_DECISION: (drafts.management_event_decision, "management"),
    DocumentKind.REHAB_CERTIFICATE: (drafts.completion_certificate, "episode"),
    DocumentKind.AFTERCARE_CERTIFICATE: (drafts.aftercare_certificate, "aftercare"),
    DocumentKind.DOSSIER_NOTICE: (drafts.dossier_notice, "dossier"),
    DocumentKind.DOSSIER_FORWARDING: (drafts.dossier_forwarding, "dossier"),
}


def issue_for_event(actor: User, *, kind: str, event: Any, signer_name: str) -> Document:
    """The decision, notice or certificate an event records, signed by ``signer_name`` in the role
    the event's rule named. A blank number on the event is filled with the register's."""
    build, parent_field = EVENT_DOCUMENTS[kind]
    if event.signer_role not in SIGNERS:
        raise ValidationError(_("Văn bản này do cơ quan, cơ sở khác ban hành."))
    if not signer_name.strip():
        raise ValidationError({"signer_name": _("Hãy ghi họ tên người ký.")})
    parent = getattr(event, parent_field)
    document = _issue(actor, parent.person, build(parent, event, signer_name.strip()), event.uuid)
    if not event.document_number:
        type(event).objects.filter(pk=event.pk, document_number="").update(document_number=document.number)
    return document


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
                type_ = draft.symbol.split("-", 1)[0]
                draft.number = reserve_number(
                    commune_id=person.commune_id, role=role, on=issued_on, type_=type_
                )
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
