"""Addiction determination: the result and what follows from it (TT 18/2021/TT-BYT Điều 3;
Luật 120/2025 Điều 24.5.a, 31, 48.4.b)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.lifecycle import Kind, StopReason
from hoanhap.cases.models import CRITERIA, AddictionAssessment
from hoanhap.cases.rehab import AftercareEndReason, AftercareEvent
from hoanhap.cases.services.aftercare import open_aftercare, record_aftercare_event
from hoanhap.cases.services.common import audit, check_writer, start_of_day
from hoanhap.cases.services.management import open_management, record_management_event
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.lib.dates import today
from hoanhap.people.models import Person

ASSESSMENT_FIELDS = (
    "trigger",
    "requesting_unit",
    "health_facility",
    "started_on",
    "result_on",
    "substance_class",
    "criteria",
    "result_number",
)


def record_assessment(actor: User, *, person: Person, data: dict[str, Any]) -> AddictionAssessment:
    """The result of an addiction determination. Addicted when at least the threshold of the six
    criteria hold (TT 18/2021/TT-BYT Điều 3); then user management stops (Luật 120/2025 Điều 24.5.a)
    and the registration for rehab or substitution treatment falls due."""
    check_writer(actor, person)
    assessment = AddictionAssessment(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in ASSESSMENT_FIELDS if k in data},
    )
    _check_assessment(assessment)
    regime = law.regime_for_decision(decided_on=assessment.result_on)
    threshold = law.rule("addiction_criteria_threshold", regime=regime)
    assessment.addicted = len(set(assessment.criteria)) >= int(threshold.value)
    assessment.threshold_rule = threshold.as_json()
    if law.has_rule("assessment_validity", regime=regime):  # Luật 120/2025 Điều 31.1.b only
        validity = law.rule("assessment_validity", regime=regime)
        assessment.valid_until = law.last_day(validity, assessment.result_on)
    if assessment.addicted and _must_register(person, assessment.result_on, regime):
        registration = law.rule("registration_after_addicted", regime=regime)
        assessment.registration_rule = registration.as_json()
        assessment.registration_due = law.deadline(registration, start=start_of_day(assessment.result_on))
    with transaction.atomic():
        assessment.save()
        if assessment.addicted:
            _stop_management_of_addicted(actor, person, assessment.result_on)
            _end_aftercare_of_relapsed(actor, person, assessment.result_on)
        else:
            _decision_after_not_addicted(person, assessment.result_on)
        audit(actor, person, {"assessment": str(assessment.uuid), "addicted": assessment.addicted})
    return assessment


def _must_register(person: Person, on: dt.date, regime: Regime) -> bool:
    """Found addicted, a person registers for rehab or substitution treatment, except, under Luật 73,
    someone under post-rehab management, whose relapse is a ground for compulsory rehab instead."""
    aftercare = open_aftercare(person)
    if aftercare is None or aftercare.starts_on > on:
        return True
    return law.rule("registration_after_aftercare_relapse", regime=regime).value != "not_required"


def _check_assessment(assessment: AddictionAssessment) -> None:
    if not assessment.started_on <= assessment.result_on <= today():
        raise ValidationError({"result_on": _("Ngày có kết quả phải từ ngày bắt đầu đến hôm nay.")})
    unknown = set(assessment.criteria) - {code for code, _label in CRITERIA}
    if unknown:
        raise ValidationError({"criteria": _("Tiêu chí không hợp lệ.")})


def _decision_after_not_addicted(person: Person, on: dt.date) -> None:
    """Someone under management who used again and is found not addicted: a new decision, the year
    counted again from it (Nghị định 105/2021 Điều 43.2), falls due on the result; the referred test
    is its basis."""
    current = open_management(person)
    if current is None or current.decided_on > on:
        return
    regime = law.regime_for_decision(decided_on=on)
    response = law.rule("not_addicted_under_management", regime=regime)
    if response.value != "new_decision":
        return
    referred = (
        person.drug_tests.filter(
            assessment_rule__isnull=False,
            decision_rule__isnull=True,
            tested_at__date__gte=current.decided_on,
            tested_at__date__lte=on,
        )
        .order_by("-tested_at")
        .first()
    )
    if referred is None:
        return
    applied = law.rule("user_management_decision", regime=regime)
    referred.decision_rule = {**applied.as_json(), "citation": f"{response.citation}; {applied.citation}"}
    referred.decision_due = law.deadline(applied, start=start_of_day(on))
    referred.save(update_fields=["decision_rule", "decision_due"])


def _end_aftercare_of_relapsed(actor: User, person: Person, on: dt.date) -> None:
    """Relapse: out of the post-rehab list (Luật 120/2025 Điều 48.4.b); an adult then faces the
    compulsory-rehab dossier (Điều 35.1.d), which the commune opens."""
    aftercare = open_aftercare(person)
    if aftercare is not None and aftercare.starts_on <= on:
        record_aftercare_event(
            actor, aftercare=aftercare, kind=AftercareEvent.END, on=on, end_reason=AftercareEndReason.ADDICTED
        )


def _stop_management_of_addicted(actor: User, person: Person, on: dt.date) -> None:
    management = open_management(person)
    if management is not None and management.decided_on <= on:
        record_management_event(
            actor, management=management, kind=Kind.STOP, on=on, stop_reason=StopReason.ADDICTED
        )
