"""Handling tips: receive (stored before anything else), assign, act, close, reveal the reporter to
those who must see them, and link a tip to a person's record without the reporter."""

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write, unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune
from hoanhap.hotline.categories import HANDLING, Category
from hoanhap.hotline.models import (
    CrimeReport,
    Hotspot,
    HotspotChange,
    RequestKind,
    Tip,
    TipRequest,
    TipStatus,
    TipStep,
)
from hoanhap.law import services as law
from hoanhap.lib import crypto
from hoanhap.lib.dates import now, today
from hoanhap.lib.roles import Cap
from hoanhap.people.models import Person

REPORTER_FIELDS = ("name", "phone", "address")


def receive_tip(
    actor: User | None,
    *,
    channel: str,
    category: str,
    summary: str,
    commune: Commune,
    location: str = "",
    reporter: dict[str, str] | None = None,
    received_at: dt.datetime | None = None,
) -> Tip:
    """A tip as received: priority and response deadline from its category; the reporter's details
    sealed. ``actor`` is None for a tip sent from the public portal."""
    if actor is not None and not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id):
        raise PermissionDenied
    handling = HANDLING[Category(category)]
    received = received_at or now()
    if received > now():
        raise ValidationError({"received_at": _("Thời điểm tiếp nhận không thể ở tương lai.")})
    details = {k: v.strip() for k, v in (reporter or {}).items() if k in REPORTER_FIELDS and v and v.strip()}
    tip = Tip(
        channel=channel,
        category=category,
        priority=handling.priority,
        received_at=received,
        respond_by=received + dt.timedelta(hours=handling.respond_within_hours),
        summary=summary.strip(),
        location=location.strip(),
        province_id=commune.province_id,
        commune=commune,
        status=TipStatus.ASSIGNED,
        reporter_sealed=crypto.encrypt(json.dumps(details, ensure_ascii=False)) if details else "",
        created_by=actor,
    )
    tip.full_clean()
    with transaction.atomic():
        tip.save()
        if actor is not None:
            record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, extra={"tip": str(tip.uuid)})
    return tip


def _check_handler(actor: User, tip: Tip) -> None:
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and tip.commune_id and tip.commune_id == actor.commune_id):
        raise PermissionDenied


def add_step(actor: User, *, tip: Tip, action: str) -> TipStep:
    _check_handler(actor, tip)
    if tip.status == TipStatus.CLOSED:
        raise ValidationError(_("Tin báo đã xử lý xong."))
    if not action.strip():
        raise ValidationError({"action": _("Hãy ghi việc đã làm.")})
    with transaction.atomic():
        step = TipStep.objects.create(tip=tip, action=action.strip(), by=actor)
        record(
            actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, extra={"tip": str(tip.uuid), "step": step.pk}
        )
    return step


def close_tip(actor: User, *, tip: Tip, outcome: str) -> Tip:
    _check_handler(actor, tip)
    if not outcome.strip():
        raise ValidationError({"outcome": _("Hãy ghi kết quả xử lý.")})
    with transaction.atomic():
        updated = (
            Tip.objects.filter(pk=tip.pk)
            .exclude(status=TipStatus.CLOSED)
            .update(status=TipStatus.CLOSED, outcome=outcome.strip(), closed_at=now())
        )
        if not updated:
            raise ValidationError(_("Tin báo đã xử lý xong."))
        record(
            actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, extra={"tip": str(tip.uuid), "closed": True}
        )
    tip.refresh_from_db()
    return tip


def crime_rule() -> law.AppliedRule:
    """How a crime tip is passed on, as the law in force today says (rulebook ``crime_tip_handover``)."""
    return law.rule_on("crime_tip_handover", on=today())


def record_crime_receipt(
    actor: User, *, tip: Tip, receipt_at: dt.datetime, receipt_number: str = ""
) -> CrimeReport:
    """The receipt record ("biên bản tiếp nhận") of a crime tip, by the commune police (Bộ luật Tố
    tụng hình sự 2015 Điều 146.3, rulebook ``crime_tip_handover``). Recorded once; the officer who
    records it is the receiver."""
    _check_handler(actor, tip)
    if not tip.is_crime:
        raise ValidationError(_("Chỉ lập biên bản tiếp nhận cho tin báo về tội phạm."))
    if not tip.received_at <= receipt_at <= now():
        raise ValidationError(
            {"receipt_at": _("Thời điểm lập biên bản phải từ lúc tiếp nhận tin báo đến nay.")}
        )
    report = CrimeReport(
        tip=tip, receipt_at=receipt_at, receipt_number=receipt_number.strip(), receipt_by=actor
    )
    report.full_clean(exclude=["tip"])
    try:
        with transaction.atomic():
            report.save()
            TipStep.objects.create(
                tip=tip,
                action=_("Lập biên bản tiếp nhận tin báo về tội phạm lúc %(at)s")
                % {"at": f"{localtime(receipt_at):%d/%m/%Y %H:%M}"}
                + (f" ({report.receipt_number})" if report.receipt_number else ""),
                by=actor,
            )
            record(
                actor,
                Action.CASE_WRITE,
                purpose=Purpose.CASE_WORK,
                obj=tip,
                extra={"tip": str(tip.uuid), "crime_receipt": True},
            )
    except IntegrityError:  # recorded meanwhile by someone else: the one-to-one refuses the second
        raise ValidationError(_("Đã lập biên bản tiếp nhận cho tin báo này.")) from None
    return report


def hand_over_crime_tip(
    actor: User, *, tip: Tip, handed_over_at: dt.datetime, investigation_body: str, handover_number: str
) -> CrimeReport:
    """The crime tip handed over to the competent investigation body ("chuyển ngay ... cho Cơ quan
    điều tra có thẩm quyền", Bộ luật Tố tụng hình sự 2015 Điều 146.3): after the receipt record,
    once, with the body and the document that carried it."""
    _check_handler(actor, tip)
    report = CrimeReport.objects.filter(tip=tip).first()
    if report is None:
        raise ValidationError(
            _("Hãy lập biên bản tiếp nhận trước khi chuyển tin báo (%(c)s).") % {"c": crime_rule().citation}
        )
    errors = {}
    if not report.receipt_at <= handed_over_at <= now():
        errors["handed_over_at"] = _("Thời điểm chuyển phải từ lúc lập biên bản tiếp nhận đến nay.")
    if not investigation_body.strip():
        errors["investigation_body"] = _("Hãy ghi cơ quan điều tra nhận tin báo.")
    if not handover_number.strip():
        errors["handover_number"] = _("Hãy ghi số văn bản chuyển.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        updated = CrimeReport.objects.filter(pk=report.pk, handed_over_at__isnull=True).update(
            handed_over_at=handed_over_at,
            investigation_body=investigation_body.strip(),
            handover_number=handover_number.strip(),
            handed_over_by=actor,
        )
        if not updated:  # two officers at once: the first hand-over stands
            raise ValidationError(_("Tin báo đã được chuyển cho cơ quan điều tra."))
        TipStep.objects.create(
            tip=tip,
            action=_("Chuyển tin báo về tội phạm cho %(body)s, văn bản số %(n)s")
            % {"body": investigation_body.strip(), "n": handover_number.strip()},
            by=actor,
        )
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=tip,
            extra={"tip": str(tip.uuid), "crime_handover": True},
        )
    report.refresh_from_db()
    return report


def reveal_reporter(actor: User, *, tip: Tip) -> dict[str, str]:
    """The sealed details, for the roles that must see them; every view is audited."""
    in_scope = Tip.objects.filter(unit_filter(actor), pk=tip.pk).exists()
    if not (actor.has_cap(Cap.VIEW_REPORTER) and in_scope):
        record(
            actor, Action.DENIED, purpose=Purpose.CASE_WORK, obj=tip, extra={"tip_reporter": str(tip.uuid)}
        )
        raise PermissionDenied
    record(actor, Action.REPORTER_REVEAL, purpose=Purpose.CASE_WORK, obj=tip, extra={"tip": str(tip.uuid)})
    return json.loads(crypto.decrypt(tip.reporter_sealed)) if tip.reporter_sealed else {}


def link_person(actor: User, *, tip: Tip, person: Person) -> Tip:
    """The tip is about this person: the link is kept, the reporter stays in the tip only."""
    _check_handler(actor, tip)
    if not can_write(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        Tip.objects.filter(pk=tip.pk).update(person=person)
        record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, obj=person, extra={"tip": str(tip.uuid)})
    tip.refresh_from_db()
    return tip


# A tip is a ground to suspect use, and so to test, only once verified.
TEST_GROUND_CITATION = "Luật 120/2025 Điều 23.1; Nghị định 105/2021 Điều 38.1 (tin báo đã được xác minh)"


def request_follow_up(
    actor: User,
    *,
    tip: Tip,
    person: Person,
    kind: str,
    due_on: dt.date,
    verified: bool = False,
    note: str = "",
) -> TipRequest:
    """The tip leads to a screening or a body drug test of this person. A verified tip is one of the
    grounds to suspect use that allow a test (``TEST_GROUND_CITATION``). The request waits in the inbox
    until a screening or test of the person is recorded; the tip is linked to the person if it was not
    yet. The reporter stays sealed in the tip."""
    _check_handler(actor, tip)
    if kind == RequestKind.DRUG_TEST and not verified:
        raise ValidationError(
            {
                "verified": _("Chỉ đề nghị xét nghiệm khi tin báo đã được xác minh (%(c)s).")
                % {"c": TEST_GROUND_CITATION}
            }
        )
    if not can_write(actor, person):
        raise PermissionDenied
    if tip.status == TipStatus.CLOSED:
        raise ValidationError(_("Tin báo đã xử lý xong."))
    if due_on < today():
        raise ValidationError({"due_on": _("Hạn thực hiện không thể ở quá khứ.")})
    if TipRequest.objects.filter(tip=tip, person=person, kind=kind).pending().exists():
        raise ValidationError({"kind": _("Đã có đề nghị này cho người này, đang chờ thực hiện.")})
    request = TipRequest(
        tip=tip,
        person=person,
        kind=kind,
        requested_on=today(),
        due_on=due_on,
        note=note.strip(),
        requested_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        if tip.person_id is None:
            Tip.objects.filter(pk=tip.pk).update(person=person)
        TipStep.objects.create(
            tip=tip,
            action=_("Đề nghị %(kind)s, hạn %(due)s")
            % {"kind": RequestKind(kind).label.lower(), "due": f"{due_on:%d/%m/%Y}"},
            by=actor,
        )
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=person,
            extra={"tip": str(tip.uuid), "request": kind},
        )
    return request


def withdraw_request(actor: User, *, request: TipRequest, reason: str) -> TipRequest:
    _check_handler(actor, request.tip)
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do rút đề nghị.")})
    with transaction.atomic():
        if not TipRequest.objects.filter(pk=request.pk).pending().exists():
            raise ValidationError(_("Đề nghị đã được thực hiện hoặc đã rút."))
        TipRequest.objects.filter(pk=request.pk).update(withdrawn_at=now(), withdrawn_reason=reason.strip())
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=request.person,
            extra={"tip": str(request.tip.uuid), "request_withdrawn": request.kind},
        )
    request.refresh_from_db()
    return request


def public_status(reference: str) -> dict[str, Any] | None:
    """What a reference code reveals: the status and the day it last changed. Nothing else."""
    tip = Tip.objects.filter(reference=reference.strip().upper()).only("status", "updated_at").first()
    if tip is None:
        return None
    return {"status": TipStatus(tip.status).label, "updated_on": localdate(tip.updated_at)}


def add_hotspot(actor: User, *, name: str, kind: str, address: str = "", tip: Tip | None = None) -> Hotspot:
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id and actor.province_id):
        raise PermissionDenied
    hotspot = Hotspot(
        province_id=actor.province_id,
        commune_id=actor.commune_id,
        name=name.strip(),
        address=address.strip(),
        kind=kind,
        created_by=actor,
    )
    hotspot.full_clean()
    with transaction.atomic():
        hotspot.save()
        if tip is not None:
            _check_handler(actor, tip)
            hotspot.tips.add(tip)
        record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, extra={"hotspot": str(hotspot.uuid)})
    return hotspot


def change_hotspot(
    actor: User, *, hotspot: Hotspot, on: dt.date, status: str, note: str = ""
) -> HotspotChange:
    """A dated change of status: reported, verified and active, handled and monitored, cleared."""
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id == hotspot.commune_id):
        raise PermissionDenied
    last = hotspot.changes.order_by("-on", "-created_at").first()
    if on > today() or (last is not None and on < last.on):
        raise ValidationError({"on": _("Ngày phải theo thứ tự thời gian và không ở tương lai.")})
    change = HotspotChange(hotspot=hotspot, on=on, status=status, note=note.strip(), by=actor)
    change.full_clean()
    with transaction.atomic():
        change.save()
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            extra={"hotspot": str(hotspot.uuid), "status": status},
        )
    return change
