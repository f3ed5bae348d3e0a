"""What a helper may see: their assignments in force, and of each person only what a helper needs."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import Http404

from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, record_denied
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Level
from hoanhap.support.models import Assignment, Provider, Referral


def my_assignments(helper) -> list[Assignment]:
    return list(
        Assignment.objects.active()
        .filter(helper=helper)
        .select_related("person__hamlet")
        .prefetch_related("contacts")
        .order_by("starts_on")
    )


def get_assignment_for_helper(helper, assignment_uuid: uuid.UUID) -> Assignment:
    """The helper's own assignment in force, or 404 (an ended or someone else's looks missing).
    Every access is audited as a read of the person."""
    assignment = (
        Assignment.objects.active()
        .filter(helper=helper, uuid=assignment_uuid)
        .select_related("person__hamlet", "person__commune")
        .first()
    )
    if assignment is None:
        record_denied(helper, model=Assignment, row_uuid=assignment_uuid, purpose=Purpose.CASE_WORK)
        raise Http404
    record(helper, Action.PERSON_READ, purpose=Purpose.CASE_WORK, obj=assignment.person)
    return assignment


@dataclass(frozen=True)
class HelperCard:
    """The fields a helper sees: who, where, how to reach them. No identifiers, court, medical or
    criminal details."""

    full_name: str
    birth_year: int | None
    sex: str
    hamlet: str
    address: str
    phone: str
    family_phone: str


def card(assignment: Assignment) -> HelperCard:
    p = assignment.person
    return HelperCard(
        full_name=p.full_name,
        birth_year=p.birth_year,
        sex=p.get_sex_display(),
        hamlet=str(p.hamlet or ""),
        address=p.current_address or p.permanent_address,
        phone=p.phone,
        family_phone=p.guardian_phone,
    )


def next_contact_due(assignment: Assignment) -> dt.date:
    """A helper keeps in touch every ``HELPER_CONTACT_DAYS`` days, counted from the last contact
    (or from the start of the assignment)."""
    last = max([assignment.starts_on, *(c.on for c in assignment.contacts.all())])
    return last + dt.timedelta(days=settings.HELPER_CONTACT_DAYS)


def is_overdue(assignment: Assignment) -> bool:
    return next_contact_due(assignment) < today()


def providers_for(user, *, kind: str = "", commune_id: str = "", q: str = ""):
    """The directory as the user's unit sees it: their province (every province for national roles)."""
    providers = Provider.objects.filter(active=True).select_related("province", "commune")
    if user.level is not Level.NATIONAL:
        providers = providers.filter(province_id=user.province_id)
    if kind:
        providers = providers.filter(kind=kind)
    if commune_id:
        providers = providers.filter(Q(commune_id=commune_id) | Q(commune__isnull=True))
    if q.strip():
        providers = providers.filter(name__icontains=q.strip())
    return providers


def referrals_sent(user):
    return Referral.objects.filter(unit_filter(user)).select_related("person", "provider")


def referrals_received(user):
    return Referral.objects.filter(provider__members=user).select_related("person", "provider")


def get_referral_for_user(user, referral_uuid: uuid.UUID) -> Referral:
    """A referral of the user's unit, or one sent to a provider the user belongs to; else 404.
    Audited as a read of the person."""
    scope = unit_filter(user)
    if scope:  # an empty Q means every unit; "Q() | x" would narrow it to x
        scope |= Q(provider__members=user)
    referral = Referral.objects.filter(scope, uuid=referral_uuid).select_related("person", "provider").first()
    if referral is None:
        record_denied(user, model=Referral, row_uuid=referral_uuid, purpose=Purpose.CASE_WORK)
        raise Http404
    record(user, Action.PERSON_READ, purpose=Purpose.CASE_WORK, obj=referral.person)
    return referral
