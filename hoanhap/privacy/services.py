"""The data-protection registers: record a request or a breach with its legal deadlines, acknowledge,
extend, answer or notify, every step scoped to the user's unit and audited. The law applied is the
personal-data regime in force on the day the request was received or the breach detected
(``hoanhap.law.personal_data``)."""

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.timezone import now
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Province
from hoanhap.law import personal_data
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.lib.roles import Cap, Level
from hoanhap.people.models import Person
from hoanhap.privacy import notice
from hoanhap.privacy.models import (
    Breach,
    DataProtectionOfficer,
    DataRequest,
    NoticeChannel,
    RequestKind,
    RequestOutcome,
)


def requests_for(user: User) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(unit_filter(user, cap=Cap.HANDLE_DATA_REQUESTS))


def breaches_for(user: User) -> QuerySet[Breach]:
    return Breach.objects.filter(unit_filter(user, cap=Cap.RECORD_BREACHES))


def _not_future(moment: dt.datetime, field: str) -> None:
    if moment > now():
        raise ValidationError({field: _("Thời điểm này chưa đến.")})


def receive_request(actor: User, *, data: dict[str, Any], person: Person | None = None) -> DataRequest:
    """A request received in person, by letter or by phone. Under the law in force that day it must
    be acknowledged within the response time (working days, Vietnam's calendar) and carried out
    within the time set for its kind; either is left empty where that law set none."""
    province_id, commune_id = actor.province_id, actor.commune_id
    if not (actor.has_cap(Cap.HANDLE_DATA_REQUESTS) and actor.level is Level.COMMUNE):
        raise PermissionDenied
    if province_id is None or commune_id is None:
        raise PermissionDenied
    if person is not None and person.commune_id != actor.commune_id:
        raise PermissionDenied
    kind = data.get("kind")
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Chọn nội dung yêu cầu.")})
    received_at: dt.datetime = data["received_at"]
    _not_future(received_at, "received_at")
    regime = personal_data.regime_on(law.to_local_date(received_at))
    response = personal_data.response_rule(regime=regime)
    fulfil = personal_data.fulfilment_rule(kind, regime=regime)
    request = DataRequest(
        province_id=province_id,
        commune_id=commune_id,
        person=person,
        requester=data["requester"].strip(),
        contact=data["contact"].strip(),
        on_behalf=bool(data.get("on_behalf")),
        kind=kind,
        details=data.get("details", "").strip(),
        received_at=received_at,
        regime=regime.code if regime else "",
        due_rule=response.as_json() if response else None,
        due_at=law.deadline(response, start=received_at) if response else None,
        fulfil_rule=fulfil.as_json() if fulfil else None,
        fulfil_due_at=law.deadline(fulfil, start=received_at) if fulfil else None,
        created_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        _audit(actor, Action.DATA_REQUEST, request, "receive", person)
    return request


def request_regime(request: DataRequest) -> Regime | None:
    """The personal-data regime the request was received under."""
    return personal_data.regime_on(law.to_local_date(request.received_at))


def respond_to_request(actor: User, *, request: DataRequest, response: str) -> DataRequest:
    """The first reply, within the response time: the request was received, and this is the
    procedure and what follows (NĐ 356/2025 Điều 5.2–5.5 "phản hồi ..., cung cấp đầy đủ thông tin
    cho chủ thể dữ liệu cá nhân về thủ tục"). The request stays open until it is carried out."""
    _check_in_scope(actor, request)
    if not response.strip():
        raise ValidationError({"response": _("Ghi nội dung đã phản hồi người yêu cầu.")})
    with transaction.atomic():
        updated = DataRequest.objects.filter(
            pk=request.pk, answered_at__isnull=True, responded_at__isnull=True
        ).update(responded_at=now(), response=response.strip())
        if not updated:
            raise ValidationError(_("Yêu cầu này đã được phản hồi hoặc đã giải quyết xong."))
        request.refresh_from_db()
        _audit(actor, Action.DATA_REQUEST, request, "respond", request.person)
    return request


def extend_request(actor: User, *, request: DataRequest, days: int, reason: str) -> DataRequest:
    """The one extension of the time to carry a request out, at most the length the law sets for
    its kind, with the reasons told to the requester (NĐ 356/2025 Điều 5.2–5.5: "kéo dài thêm tối đa
    01 lần gia hạn ... thông báo cho chủ thể dữ liệu cá nhân lý do cần gia hạn")."""
    _check_in_scope(actor, request)
    rule = personal_data.extension_rule(request.kind, regime=request_regime(request))
    if rule is None or request.fulfil_due_at is None or request.fulfil_rule is None:
        raise ValidationError(_("Quy định áp dụng cho yêu cầu này không cho phép gia hạn."))
    if not isinstance(rule.value, int) or not 0 < days <= rule.value:
        raise ValidationError(
            {"days": _("Gia hạn tối đa %(n)s ngày (%(c)s).") % {"n": rule.value, "c": rule.citation}}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi lý do cần gia hạn đã thông báo cho người yêu cầu.")})
    # The extension lengthens the period itself, counted from the same receipt: its new last day is
    # then moved past a day off like the first (Bộ luật Dân sự 2015 Điều 147.2, 148.5).
    fulfil = law.AppliedRule(**request.fulfil_rule)
    lengthened = dataclasses.replace(fulfil, value=int(fulfil.value) + days)
    new_due = law.deadline(lengthened, start=request.received_at)
    with transaction.atomic():
        updated = DataRequest.objects.filter(
            pk=request.pk, answered_at__isnull=True, extended_at__isnull=True
        ).update(
            extension_days=days,
            extension_reason=reason.strip(),
            extended_at=now(),
            extended_by=actor,
            fulfil_due_at=new_due,
        )
        if not updated:
            raise ValidationError(_("Yêu cầu này đã được gia hạn một lần hoặc đã giải quyết xong."))
        request.refresh_from_db()
        _audit(actor, Action.DATA_REQUEST, request, "extend", request.person, days=days)
    return request


def answer_request(
    actor: User, *, request: DataRequest, outcome: str, answer: str, refusal_ground: str = ""
) -> DataRequest:
    """The request carried out, in part or refused, which closes it (and, if it had had no reply
    yet, is that reply too). A refusal names one of the grounds the law in force gives for that kind
    of request (Luật 91/2025 Điều 10.1, 14.2, 15.2.a, 19; Nghị định 13/2023 Điều 14.4, 16.2)."""
    _check_in_scope(actor, request)
    if outcome not in RequestOutcome.values:
        raise ValidationError({"outcome": _("Chọn kết quả.")})
    if not answer.strip():
        raise ValidationError(
            {"answer": _("Ghi nội dung đã trả lời người yêu cầu (và căn cứ, nếu từ chối).")}
        )
    ground = _refusal(request, outcome, refusal_ground)
    moment = now()
    with transaction.atomic():
        updated = DataRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(
            outcome=outcome,
            answer=answer.strip(),
            answered_at=moment,
            answered_by=actor,
            refusal_ground=ground.code if ground else "",
            refusal_citation=ground.citation if ground else "",
        )
        if not updated:
            raise ValidationError(_("Yêu cầu này đã được trả lời."))
        DataRequest.objects.filter(pk=request.pk, responded_at__isnull=True).update(responded_at=moment)
        request.refresh_from_db()
        _audit(actor, Action.DATA_REQUEST, request, f"answer:{outcome}", request.person)
    return request


def _refusal(request: DataRequest, outcome: str, code: str) -> personal_data.RefusalGround | None:
    """The ground of a refusal, among those the law gives for this kind; a refusal needs one where
    the law gives any."""
    if outcome != RequestOutcome.REFUSED:
        return None
    regime = request_regime(request)
    ground = personal_data.refusal_ground(code, request.kind, regime=regime)
    if ground is None and personal_data.refusal_grounds(request.kind, regime=regime):
        raise ValidationError({"refusal_ground": _("Chọn căn cứ từ chối theo quy định của pháp luật.")})
    return ground


def _check_in_scope(actor: User, request: DataRequest) -> None:
    if not requests_for(actor).filter(pk=request.pk).exists():
        raise PermissionDenied


def record_breach(actor: User, *, data: dict[str, Any]) -> Breach:
    """A breach recorded in the user's unit, under the personal-data law in force when it was
    detected. Luật 91/2025 Điều 23.1: one that may cause harm is notified within 72 hours of its
    detection; Nghị định 13/2023 Điều 23.1: every breach, within 72 hours of when it happened."""
    if not actor.has_cap(Cap.RECORD_BREACHES):
        raise PermissionDenied
    detected_at: dt.datetime = data["detected_at"]
    occurred_at: dt.datetime | None = data.get("occurred_at")
    _not_future(detected_at, "detected_at")
    if occurred_at is not None and occurred_at > detected_at:
        raise ValidationError({"occurred_at": _("Thời điểm xảy ra phải trước thời điểm phát hiện.")})
    may_harm = bool(data.get("may_harm"))
    regime = personal_data.regime_on(law.to_local_date(detected_at))
    rule = personal_data.applied("breach_notification", regime=regime)
    breach = Breach(
        province_id=actor.province_id,
        commune_id=actor.commune_id if actor.level is Level.COMMUNE else None,
        detected_at=detected_at,
        occurred_at=occurred_at,
        regime=regime.code if regime else "",
        place=data.get("place", "").strip(),
        description=data["description"].strip(),
        parties=data.get("parties", "").strip(),
        consequences=data.get("consequences", "").strip(),
        data_affected=data["data_affected"].strip(),
        people_affected=data.get("people_affected") or 0,
        may_harm=may_harm,
        notify_rule=rule.as_json() if rule else None,
        notify_by=_notify_by(rule, regime, detected_at, occurred_at, may_harm),
        measures=data.get("measures", "").strip(),
        created_by=actor,
    )
    breach.full_clean()
    with transaction.atomic():
        breach.save()
        _audit(actor, Action.BREACH, breach, "record")
    return breach


def _notify_by(
    rule: law.AppliedRule | None,
    regime: Regime | None,
    detected_at: dt.datetime,
    occurred_at: dt.datetime | None,
    may_harm: bool,
) -> dt.datetime | None:
    """When the agency must have been told, or None when this breach need not be notified. The
    law says which breaches and from which moment (rules ``breach_notification_scope``, ``_start``);
    a breach whose time of occurrence is unknown counts from its detection."""
    scope = personal_data.applied("breach_notification_scope", regime=regime)
    start = personal_data.applied("breach_notification_start", regime=regime)
    if rule is None or scope is None or start is None or (scope.value == "may_harm" and not may_harm):
        return None
    moment = occurred_at if start.value == "from_occurrence" and occurred_at else detected_at
    return law.deadline(rule, start=moment)


def breach_regime(breach: Breach) -> Regime | None:
    return personal_data.regime_on(law.to_local_date(breach.detected_at))


def note_notice(
    actor: User,
    *,
    breach: Breach,
    notified_at: dt.datetime,
    reference: str,
    channel: str,
    late_reason: str = "",
) -> Breach:
    """The notice sent to the specialised agency: when, under which document number, directly or
    through the national portal (NĐ 356/2025 Điều 28.2). Under Nghị định 13/2023 Điều 23.1 a notice
    sent after the 72 hours carries the reason it is late."""
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    _not_future(notified_at, "notified_at")
    if notified_at < breach.detected_at:
        raise ValidationError({"notified_at": _("Thời điểm thông báo phải sau thời điểm phát hiện.")})
    if not reference.strip():
        raise ValidationError({"notice_reference": _("Ghi số văn bản thông báo.")})
    if channel not in NoticeChannel.values:
        raise ValidationError({"notice_channel": _("Chọn cách gửi thông báo.")})
    late = breach.notify_by is not None and notified_at > breach.notify_by
    if late and not late_reason.strip() and _late_reason_required(breach):
        raise ValidationError({"late_reason": _("Thông báo sau thời hạn: ghi lý do thông báo chậm, muộn.")})
    with transaction.atomic():
        updated = Breach.objects.filter(pk=breach.pk, notified_at__isnull=True).update(
            notified_at=notified_at,
            notice_reference=reference.strip()[:60],
            notice_channel=channel,
            late_reason=late_reason.strip(),
        )
        if not updated:
            raise ValidationError(_("Sự cố này đã được ghi nhận thông báo."))
        breach.refresh_from_db()
        _audit(actor, Action.BREACH, breach, "notify")
    return breach


def _late_reason_required(breach: Breach) -> bool:
    late = personal_data.applied("breach_late_notice", regime=breach_regime(breach))
    return late is not None and late.value == "reason_required"


def note_record(actor: User, *, breach: Breach, reference: str, made_on: dt.date) -> Breach:
    """The "biên bản xác nhận" the unit draws up of the breach (Luật 91/2025 Điều 23.2: "phải lập
    biên bản xác nhận về việc xảy ra hành vi vi phạm"; Nghị định 13/2023 Điều 23.5)."""
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    if not reference.strip():
        raise ValidationError({"record_reference": _("Ghi số biên bản xác nhận.")})
    if made_on < law.to_local_date(breach.detected_at) or made_on > law.to_local_date(now()):
        raise ValidationError({"record_made_on": _("Ngày lập biên bản phải từ ngày phát hiện đến hôm nay.")})
    with transaction.atomic():
        updated = Breach.objects.filter(pk=breach.pk, record_reference="").update(
            record_reference=reference.strip()[:60], record_made_on=made_on
        )
        if not updated:
            raise ValidationError(_("Sự cố này đã có biên bản xác nhận."))
        breach.refresh_from_db()
        _audit(actor, Action.BREACH, breach, "record_report")
    return breach


def close_breach(actor: User, *, breach: Breach, measures: str) -> Breach:
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    if breach.awaiting_notice:
        raise ValidationError(_("Sự cố phải thông báo: cần ghi nhận việc thông báo trước khi kết thúc."))
    record_rule = personal_data.applied("breach_record", regime=breach_regime(breach))
    if record_rule is not None and not breach.record_reference:
        raise ValidationError(
            _("Cần lập biên bản xác nhận vi phạm (%(c)s) trước khi kết thúc.") % {"c": record_rule.citation}
        )
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


def officer_for(province_id: str | None) -> DataProtectionOfficer | None:
    """The province's designated data-protection unit or officer, if recorded."""
    if province_id is None:
        return None
    return DataProtectionOfficer.objects.filter(province_id=province_id).first()


def officers_all() -> QuerySet[DataProtectionOfficer]:
    return DataProtectionOfficer.objects.all()


def notice_draft(actor: User, *, breach: Breach) -> bytes:
    """The draft notice of a breach (NĐ 356/2025 Mẫu 08) with the province's officer, as .docx; the
    export is audited."""
    if not breaches_for(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied
    content = notice.to_word(breach, officer_for(breach.province_id))
    _audit(actor, Action.EXPORT, breach, "notice_draft")
    return content


def can_designate(user: User) -> bool:
    """Who records a province's data-protection officer: the system's administrators (there is no
    province administrator role; ``lib.roles``)."""
    return bool(user.has_cap(Cap.MANAGE_USERS))


def designate_officer(
    actor: User, *, province: Province, data: dict[str, Any], version: int | None
) -> DataProtectionOfficer:
    """Record or change the province's data-protection unit or officer (Luật 91/2025 Điều 33.2; NĐ
    356/2025 Điều 13.1: designated "bằng văn bản chính thức"). ``version`` is the one the form was
    read at: a save over someone else's change is refused."""
    if not can_designate(actor):
        raise PermissionDenied
    fields = ("unit_name", "officer_name", "officer_title", "phone", "email", "designation")
    values = {f: str(data.get(f, "")).strip() for f in fields}
    with transaction.atomic():
        current = DataProtectionOfficer.objects.select_for_update().filter(province=province).first()
        if current is not None and current.version != version:
            raise ValidationError(_("Thông tin đã được người khác sửa; hãy tải lại trang rồi sửa lại."))
        officer = current or DataProtectionOfficer(province=province, version=0)
        for name, value in values.items():
            setattr(officer, name, value)
        officer.version += 1
        officer.updated_by = actor
        officer.full_clean()
        officer.save()
        record(
            actor,
            Action.RULE_CHANGE,
            purpose=Purpose.DATA_PROTECTION,
            obj=officer,
            extra={"step": "designate_officer", "version": officer.version},
        )
    return officer


def _audit(
    actor: User, action: Action, obj: Any, step: str, person: Person | None = None, **more: Any
) -> None:
    extra = {"step": step, "entry": str(obj.uuid), **more}
    if person is not None:
        extra["person"] = str(person.uuid)
    record(actor, action, purpose=Purpose.DATA_PROTECTION, obj=obj, extra=extra)
