"""Support use cases: assign a helper, end an assignment, record a contact or a service."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.models import Aftercare
from hoanhap.cases.rehab import OPEN_AFTERCARE_STATES
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Cap, Role
from hoanhap.people.models import Person
from hoanhap.support.models import (
    Assignment,
    CheckIn,
    Concern,
    Contact,
    PreventionPlan,
    Provider,
    Referral,
    ReferralStatus,
    SupportService,
)


def _audit(actor: User, person: Person, extra: dict[str, Any]) -> None:
    record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, obj=person, extra=extra)


def assign_helper(
    actor: User, *, person: Person, helper: User, organisation: str, starts_on: dt.date
) -> Assignment:
    """A helper of the person's commune takes on the person, within the limit of people per helper
    (``HELPER_MAX_PEOPLE``)."""
    if not can_write(actor, person):
        raise PermissionDenied
    if helper.role != Role.HELPER or not helper.is_active or helper.commune_id != person.commune_id:
        raise ValidationError({"helper": _("Người giúp đỡ phải là tài khoản người giúp đỡ của xã này.")})
    with transaction.atomic():
        User.objects.select_for_update().get(pk=helper.pk)  # one assignment at a time per helper
        current = Assignment.objects.active(starts_on).filter(helper=helper)
        if current.filter(person=person).exists():
            raise ValidationError(_("Người giúp đỡ này đang được phân công cho người này."))
        if current.count() >= settings.HELPER_MAX_PEOPLE:
            raise ValidationError(
                {
                    "helper": _("Mỗi người giúp đỡ chỉ được phân công tối đa %(n)s người.")
                    % {"n": settings.HELPER_MAX_PEOPLE}
                }
            )
        assignment = Assignment(
            province_id=person.province_id,
            commune_id=person.commune_id,
            helper=helper,
            person=person,
            organisation=organisation,
            starts_on=starts_on,
            created_by=actor,
        )
        assignment.full_clean()
        assignment.save()
        _audit(actor, person, {"assignment": str(assignment.uuid)})
    return assignment


def end_assignment(actor: User, *, assignment: Assignment, ends_on: dt.date) -> Assignment:
    """The helper's access ends with the assignment."""
    if not can_write(actor, assignment.person):
        raise PermissionDenied
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
    with transaction.atomic():
        updated = Assignment.objects.filter(pk=assignment.pk, ends_on__isnull=True).update(ends_on=ends_on)
        if not updated:
            raise ValidationError(_("Phân công này đã kết thúc."))
        _audit(actor, assignment.person, {"assignment": str(assignment.uuid), "ended": ends_on.isoformat()})
    assignment.refresh_from_db()
    return assignment


def record_contact(
    actor: User, *, assignment: Assignment, on: dt.date, kind: str, concerns: list[str], notes: str = ""
) -> Contact:
    """A contact by the helper of an assignment in force (or by a commune officer for them)."""
    is_helper = actor.pk == assignment.helper_id
    if not (is_helper or can_write(actor, assignment.person)):
        raise PermissionDenied
    if is_helper and not Assignment.objects.active().filter(pk=assignment.pk).exists():
        raise PermissionDenied
    if not assignment.starts_on <= on <= today():
        raise ValidationError(
            {
                "on": _("Ngày phải từ ngày được phân công (%(d)s) đến hôm nay.")
                % {"d": f"{assignment.starts_on:%d/%m/%Y}"}
            }
        )
    if set(concerns) - set(Concern.values):
        raise ValidationError({"concerns": _("Điều cần lưu ý không hợp lệ.")})
    contact = Contact(
        assignment=assignment,
        on=on,
        kind=kind,
        concerns=sorted(set(concerns)),
        notes=notes.strip(),
        created_by=actor,
    )
    contact.full_clean()
    with transaction.atomic():
        contact.save()
        _audit(actor, assignment.person, {"contact": str(contact.uuid), "concerns": len(contact.concerns)})
    return contact


SERVICE_FIELDS = ("kind", "title", "provider", "starts_on", "ends_on", "amount", "status", "result")


def record_service(actor: User, *, person: Person, data: dict[str, Any]) -> SupportService:
    """A support service, tied to the person's current rehab episode or aftercare term if any."""
    if not can_write(actor, person):
        raise PermissionDenied
    service = SupportService(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data.get(k) for k in SERVICE_FIELDS if data.get(k) not in (None, "")},
    )
    if service.starts_on and service.starts_on > today():
        raise ValidationError({"starts_on": _("Ngày bắt đầu không thể ở tương lai.")})
    if service.ends_on and service.starts_on and service.ends_on < service.starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
    service.episode = person.rehab_episodes.filter(started_on__lte=service.starts_on).first()
    service.aftercare = person.aftercares.filter(
        starts_on__lte=service.starts_on, ends_on__gte=service.starts_on
    ).first()
    service.full_clean()
    with transaction.atomic():
        service.save()
        _audit(actor, person, {"service": str(service.uuid), "kind": service.kind})
    return service


def add_provider(actor: User, *, data: dict[str, Any]) -> Provider:
    """A commune adds a provider of its own commune or province to the directory."""
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id and actor.province_id):
        raise PermissionDenied
    provider = Provider(
        name=data["name"].strip(),
        kind=data["kind"],
        province_id=actor.province_id,
        commune_id=actor.commune_id if data.get("in_commune") else None,
        address=data.get("address", "").strip(),
        phone=data.get("phone", "").strip(),
        created_by=actor,
    )
    provider.full_clean()
    with transaction.atomic():
        provider.save()
        record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, extra={"provider": str(provider.uuid)})
    return provider


def send_referral(
    actor: User, *, person: Person, provider: Provider, service: str, reason: str, sent_on: dt.date
) -> Referral:
    """Refer a person to a provider of the directory; the answer is due within
    ``REFERRAL_RESPONSE_DAYS``."""
    if not can_write(actor, person):
        raise PermissionDenied
    if not provider.active or provider.province_id != person.province_id:
        raise ValidationError({"provider": _("Chỉ giới thiệu đến nơi đang hoạt động trong tỉnh.")})
    if sent_on > today():
        raise ValidationError({"sent_on": _("Ngày gửi không thể ở tương lai.")})
    referral = Referral(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        provider=provider,
        service=service,
        reason=reason.strip(),
        sent_on=sent_on,
        respond_by=sent_on + dt.timedelta(days=settings.REFERRAL_RESPONSE_DAYS),
        created_by=actor,
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        _audit(actor, person, {"referral": str(referral.uuid), "provider": str(provider.uuid)})
    return referral


# What the receiving side may do next, from each status.
REFERRAL_MOVES = {
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED),
    ReferralStatus.ACCEPTED: (ReferralStatus.COMPLETED,),
}


def answer_referral(actor: User, *, referral: Referral, status: str, on: dt.date, note: str = "") -> Referral:
    """The provider accepts or declines, then records the result: a member of the provider, or the
    sending commune writing down a paper answer."""
    if not (referral.provider.members.filter(pk=actor.pk).exists() or can_write(actor, referral.person)):
        raise PermissionDenied
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in REFERRAL_MOVES.get(ReferralStatus(locked.status), ()):
            raise ValidationError(
                _("Không thể chuyển giới thiệu từ “%(a)s” sang “%(b)s”.")
                % {"a": locked.get_status_display(), "b": ReferralStatus(status).label}
            )
        if not locked.sent_on <= on <= today():
            raise ValidationError({"on": _("Ngày phải từ ngày gửi đến hôm nay.")})
        locked.status = status
        if status == ReferralStatus.COMPLETED:
            locked.closed_on, locked.result = on, note.strip()
        else:
            locked.responded_on, locked.response_note = on, note.strip()
        locked.save()
        _audit(actor, locked.person, {"referral": str(locked.uuid), "status": status})
    return locked


def make_plan(
    actor: User,
    *,
    aftercare: Aftercare,
    starts_on: dt.date,
    goals: str,
    checkin_days: int,
    test_days: int | None = None,
) -> PreventionPlan:
    """The relapse-prevention plan of an aftercare term in force."""
    if not can_write(actor, aftercare.person):
        raise PermissionDenied
    if aftercare.state not in OPEN_AFTERCARE_STATES:
        raise ValidationError(_("Chỉ lập kế hoạch cho người đang được quản lý sau cai nghiện."))
    if hasattr(aftercare, "prevention_plan"):
        raise ValidationError(_("Đã có kế hoạch phòng, chống tái nghiện cho lần quản lý này."))
    if not aftercare.starts_on <= starts_on <= aftercare.ends_on:
        raise ValidationError(
            {"starts_on": _("Kế hoạch phải bắt đầu trong thời gian quản lý sau cai nghiện.")}
        )
    plan = PreventionPlan(
        aftercare=aftercare,
        starts_on=starts_on,
        goals=goals.strip(),
        checkin_days=checkin_days,
        test_days=test_days,
        created_by=actor,
    )
    plan.full_clean()
    with transaction.atomic():
        plan.save()
        _audit(actor, aftercare.person, {"prevention_plan": str(plan.uuid)})
    return plan


def record_checkin(
    actor: User, *, plan: PreventionPlan, kind: str, on: dt.date, done_by: str, outcome: str = ""
) -> CheckIn:
    person = plan.aftercare.person
    if not can_write(actor, person):
        raise PermissionDenied
    if not plan.starts_on <= on <= today():
        raise ValidationError({"on": _("Ngày phải từ ngày bắt đầu kế hoạch đến hôm nay.")})
    checkin = CheckIn(
        plan=plan, kind=kind, on=on, done_by=done_by.strip(), outcome=outcome.strip(), created_by=actor
    )
    checkin.full_clean()
    with transaction.atomic():
        checkin.save()
        _audit(actor, person, {"checkin": str(checkin.uuid), "kind": kind})
    return checkin
