"""The data-protection registers: record a request or a breach with its legal deadline, answer or
notify, every step scoped to the user's unit and audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.timezone import now
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Cap, Level
from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.law import services as law
from hoanhap.people.models import Person
from hoanhap.privacy.models import Breach, DataRequest, RequestKind, RequestOutcome


def requests_for(user: User) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(unit_filter(user, cap=Cap.HANDLE_DATA_REQUESTS))


def breaches_for(user: User) -> QuerySet[Breach]:
    return Breach.objects.filter(unit_filter(user, cap=Cap.RECORD_BREACHES))


def _not_future(moment: dt.datetime, field: str) -> None:
    if moment > now():
        raise ValidationError({field: _("Thời điểm này chưa đến.")})


def receive_request(actor: User, *, data: dict[str, Any], person: Person | None = None) -> DataRequest:
    """A request received in person, by letter or by phone; due within the response time from the
    moment it was received (working days, Vietnam's calendar)."""
    province_id, commune_id = actor.province_id, actor.commune_id
    if not (actor.has_cap(Cap.HANDLE_DATA_REQUESTS) and actor.level is Level.COMMUNE):
        raise PermissionDenied
    if province_id is None or commune_id is None:
        raise PermissionDenied
    if person is not None and person.commune_id != actor.commune_id:
        raise PermissionDenied
    if data.get("kind") not in RequestKind.values:
        raise ValidationError({"kind": _("Chọn nội dung yêu cầu.")})
    received_at: dt.datetime = data["received_at"]
    _not_future(received_at, "received_at")
    rule = law.rule_on("data_request_response", on=law.to_local_date(received_at))
    request = DataRequest(
        province_id=province_id,
        commune_id=commune_id,
        person=person,
        requester=data["requester"].strip(),
        contact=data["contact"].strip(),
        on_behalf=bool(data.get("on_behalf")),
        kind=data["kind"],
        details=data.get("details", "").strip(),
        received_at=received_at,
        due_rule=rule.as_json(),
        due_at=law.deadline(rule, start=received_at),
        created_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        _audit(actor, Action.DATA_REQUEST, request, "receive", person)
    return request


def answer_request(actor: User, *, request: DataRequest, outcome: str, answer: str) -> DataRequest:
    """The answer given to the requester. A refusal (a law-enforcement record the law keeps, for
    instance) must say on what ground."""
    if not requests_for(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    if outcome not in RequestOutcome.values:
        raise ValidationError({"outcome": _("Chọn kết quả.")})
    if not answer.strip():
        raise ValidationError(
            {"answer": _("Ghi nội dung đã trả lời người yêu cầu (và căn cứ, nếu từ chối).")}
        )
    with transaction.atomic():
        updated = DataRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(
            outcome=outcome, answer=answer.strip(), answered_at=now(), answered_by=actor
        )
        if not updated:
            raise ValidationError(_("Yêu cầu này đã được trả lời."))
        request.refresh_from_db()
        _audit(actor, Action.DATA_REQUEST, request, f"answer:{outcome}", request.person)
    return request


def record_breach(actor: User, *, data: dict[str, Any]) -> Breach:
    """A breach recorded in the user's unit. If it may cause harm, the specialised agency must be
    told within the notification time from its detection."""
    if not actor.has_cap(Cap.RECORD_BREACHES):
        raise PermissionDenied
    detected_at: dt.datetime = data["detected_at"]
    _not_future(detected_at, "detected_at")
    rule = law.rule_on("breach_notification", on=law.to_local_date(detected_at))
    may_harm = bool(data.get("may_harm"))
    breach = Breach(
        province_id=actor.province_id,
        commune_id=actor.commune_id if actor.level is Level.COMMUNE else None,
        detected_at=detected_at,
        description=data["description"].strip(),
        data_affected=data["data_affected"].strip(),
        people_affected=data.get("people_affected") or 0,
        may_harm=may_harm,
        notify_rule=rule.as_json(),
        notify_by=law.deadline(rule, start=detected_at) if may_harm else None,
        measures=data.get("measures", "").strip(),
        created_by=actor,
    )
    breach.full_clean()
    with transaction.atomic():
        breach.save()
        _audit(actor, Action.BREACH, breach, "record")
    return breach


def note_notice(actor: User, *, breach: Breach, notified_at: dt.datetime, reference: str) -> Breach:
    """The notice sent to the specialised agency: when, under which document number."""
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    _not_future(notified_at, "notified_at")
    if notified_at < breach.detected_at:
        raise ValidationError({"notified_at": _("Thời điểm thông báo phải sau thời điểm phát hiện.")})
    if not reference.strip():
        raise ValidationError({"notice_reference": _("Ghi số văn bản thông báo.")})
    with transaction.atomic():
        updated = Breach.objects.filter(pk=breach.pk, notified_at__isnull=True).update(
            notified_at=notified_at, notice_reference=reference.strip()[:60]
        )
        if not updated:
            raise ValidationError(_("Sự cố này đã được ghi nhận thông báo."))
        breach.refresh_from_db()
        _audit(actor, Action.BREACH, breach, "notify")
    return breach


def close_breach(actor: User, *, breach: Breach, measures: str) -> Breach:
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    if breach.awaiting_notice:
        raise ValidationError(_("Sự cố có thể gây hại: cần ghi nhận việc thông báo trước khi kết thúc."))
    if not measures.strip():
        raise ValidationError({"measures": _("Ghi các biện pháp đã thực hiện.")})
    with transaction.atomic():
        updated = Breach.objects.filter(pk=breach.pk, closed_at__isnull=True).update(
            closed_at=now(), measures=measures.strip()
        )
        if not updated:
            raise ValidationError(_("Sự cố này đã kết thúc."))
        breach.refresh_from_db()
        _audit(actor, Action.BREACH, breach, "close")
    return breach


def _audit(actor: User, action: Action, obj: Any, step: str, person: Person | None = None) -> None:
    extra = {"step": step, "entry": str(obj.uuid)}
    if person is not None:
        extra["person"] = str(person.uuid)
    record(actor, action, purpose=Purpose.DATA_PROTECTION, obj=obj, extra=extra)
