"""Drug tests: recording a result and what a positive result starts (Luật 120/2025 Điều 23–24)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.criminal import criminal_situation
from hoanhap.cases.models import DrugTest, Sample
from hoanhap.cases.positive import Response, outcome_of_positive
from hoanhap.cases.services.common import audit, check_writer
from hoanhap.law import services as law
from hoanhap.lib.dates import age_on, now
from hoanhap.people.models import Person

TEST_FIELDS = (
    "tested_at",
    "place",
    "reason",
    "sample",
    "testing_body",
    "tester",
    "same_sex_supervision",
    "guardian_consent",
    "result",
    "substances",
    "result_received_at",
)


def record_drug_test(actor: User, *, person: Person, data: dict[str, Any]) -> DrugTest:
    """A body drug test. A positive result starts the clock for the management decision."""
    check_writer(actor, person)
    test = DrugTest(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in TEST_FIELDS if k in data},
    )
    _check_test(test, person)
    if test.is_positive:
        _start_follow_up(test, person)
    else:
        test.substances = []
    with transaction.atomic():
        test.save()
        audit(actor, person, {"drug_test": str(test.uuid), "result": test.result})
    return test


def _start_follow_up(test: DrugTest, person: Person) -> None:
    """What the result leads to depends on the person's case on the day of the test
    (``cases.positive``): a management decision falls due, an addiction determination, a ground for
    compulsory rehab, or no step at the commune. The rule that decided it is stored on the test."""
    received = test.result_received_at or test.tested_at
    test.result_received_at = received
    regime = law.regime_for_decision(decided_on=law.to_local_date(received))
    outcome = outcome_of_positive(person, tested_on=law.to_local_date(test.tested_at), regime=regime)
    if outcome.response is Response.DECISION:
        test.decision_rule = outcome.rule.as_json()
        test.decision_due = law.deadline(outcome.rule, start=received)
    elif outcome.response is Response.ASSESSMENT:
        test.assessment_rule = outcome.rule.as_json()
    elif outcome.response is Response.GROUND:
        test.ground_rule = outcome.rule.as_json()
    else:
        test.no_step_rule = outcome.rule.as_json()
    if outcome.response is not Response.NOT_SENT:
        _note_criminal_point(test, person)


def _note_criminal_point(test: DrugTest, person: Person) -> None:
    """A use in a situation of Bộ luật Hình sự Điều 256a.1 may be a crime (``cases.criminal``): the
    point and the rule are stored, and the step above waits for the investigation body. Not for a
    result the law does not send to the commune (in a public facility, Luật 120/2025 Điều 23.2): the
    commune police have no step on it, criminal or administrative."""
    tested_on = law.to_local_date(test.tested_at)
    point = criminal_situation(person, tested_on)
    if point is not None:
        test.criminal_point = point
        test.criminal_rule = law.rule("criminal_use", regime=law.regime_on(tested_on)).as_json()


def _check_test(test: DrugTest, person: Person) -> None:
    if test.tested_at > now():
        raise ValidationError({"tested_at": _("Thời điểm xét nghiệm không thể ở tương lai.")})
    if test.result_received_at and test.result_received_at < test.tested_at:
        raise ValidationError({"result_received_at": _("Không thể nhận kết quả trước khi xét nghiệm.")})
    try:
        regime = law.regime_on(law.to_local_date(test.tested_at))
    except law.NoRegimeError as exc:  # an old test, before the law HoaNhap applies: refused, not a 500
        raise ValidationError({"tested_at": exc.messages}) from exc
    consent = law.rule("sample_consent_age", regime=regime)
    minor = person.birth_date and age_on(person.birth_date, test.tested_at.date()) < int(consent.value)
    if minor and test.sample != Sample.URINE and not test.guardian_consent:
        message = _(
            "Người dưới %(age)s tuổi: lấy mẫu không phải nước tiểu phải được cha, mẹ, người giám hộ "
            "đồng ý (%(c)s)."
        )
        raise ValidationError({"guardian_consent": message % {"age": consent.value, "c": consent.citation}})
