"""Substitution treatment (methadone) in place of registering for voluntary rehab (Luật 120/2025
Điều 31.6, 35.1.c, 42.1)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import SubstitutionEventRecord, SubstitutionTreatment
from hoanhap.cases.rehab import (
    OPEN_EPISODE_STATES,
    SUBSTITUTION,
    SUBSTITUTION_STATE_LABELS,
    SubstitutionEvent,
    SubstitutionState,
)
from hoanhap.cases.services.common import audit, check_in_order, check_writer
from hoanhap.lib.dates import today
from hoanhap.people.models import Person


def treatment_completion_date(treatment: SubstitutionTreatment) -> dt.date | None:
    return next((e.on for e in treatment.events.all() if e.kind == SubstitutionEvent.COMPLETE), None)


def open_treatment(person: Person) -> SubstitutionTreatment | None:
    for treatment in person.substitution_treatments.prefetch_related("events"):
        if treatment.state is SubstitutionState.ON_TREATMENT:
            return treatment
    return None


def enrol_substitution(
    actor: User,
    *,
    person: Person,
    clinic: str,
    patient_code: str,
    enrolled_on: dt.date,
    medication: str = "Methadone",
) -> SubstitutionTreatment:
    """Enrolment in substitution treatment, which stands in for registering for voluntary rehab
    (Luật 120/2025 Điều 31.6). It closes the registration item of an "addicted" result."""
    check_writer(actor, person)
    if enrolled_on > today():
        raise ValidationError({"enrolled_on": _("Ngày bắt đầu điều trị không thể ở tương lai.")})
    if open_treatment(person) is not None:
        raise ValidationError(_("Người này đang điều trị bằng thuốc thay thế."))
    if any(e.state in OPEN_EPISODE_STATES for e in person.rehab_episodes.prefetch_related("events")):
        raise ValidationError(_("Người này đang trong một đợt cai nghiện chưa kết thúc."))
    treatment = SubstitutionTreatment(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        clinic=clinic.strip(),
        patient_code=patient_code.strip(),
        enrolled_on=enrolled_on,
        medication=medication.strip() or "Methadone",
        source_assessment=person.assessments.filter(addicted=True, result_on__lte=enrolled_on)
        .order_by("-result_on")
        .first(),
        created_by=actor,
    )
    treatment.full_clean()
    with transaction.atomic():
        treatment.save()
        audit(actor, person, {"substitution": str(treatment.uuid)})
    return treatment


def record_substitution_event(
    actor: User, *, treatment: SubstitutionTreatment, kind: str, on: dt.date, document_number: str = ""
) -> SubstitutionEventRecord:
    """Completion, quitting, or expulsion for violations; the last two are grounds for compulsory
    rehab (Luật 120/2025 Điều 35.1.c, 36.1.c)."""
    check_writer(actor, treatment.person)
    with transaction.atomic():
        locked = SubstitutionTreatment.objects.select_for_update().get(pk=treatment.pk)
        events = list(locked.events.all())
        state = locked.state
        move = SubstitutionEvent(kind)
        if not SUBSTITUTION.allows(state, move):
            raise ValidationError(
                _("Không thể “%(move)s” khi “%(state)s” (Luật 120/2025 Điều 31.6, 35.1.c, 42.1).")
                % {"move": move.label, "state": SUBSTITUTION_STATE_LABELS[state]}
            )
        check_in_order(on, events[-1].on if events else locked.enrolled_on)
        event = SubstitutionEventRecord.objects.create(
            treatment=locked, kind=kind, on=on, document_number=document_number.strip(), created_by=actor
        )
        audit(actor, locked.person, {"substitution": str(locked.uuid), "event": kind})
    return event
