"""Addiction determination: TT 18/2021/TT-BYT Điều 3 (3 of 6 criteria), Luật 120/2025 Điều 24.5.a and 31."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.lifecycle import State
from hoanhap.cases.services.assessment import record_assessment
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.conftest import at
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law import services as law
from hoanhap.law.rulebook import LAW_120

THREE = ["craving", "loss_of_control", "withdrawal"]


def assess(actor, person, criteria, result_on=dt.date(2026, 10, 10), **extra):
    data = {
        "trigger": "repeated_use",
        "requesting_unit": "Công an xã Diễn Châu",
        "health_facility": "Trung tâm Y tế khu vực Diễn Châu",
        "started_on": result_on - dt.timedelta(days=3),
        "result_on": result_on,
        "substance_class": "stimulants",
        "criteria": criteria,
        "result_number": "15/PKQ",
        **extra,
    }
    return record_assessment(actor, person=person, data=data)


@pytest.mark.parametrize(
    ("criteria", "addicted"),
    [(THREE, True), (THREE[:2], False), ([], False), (["craving", "tolerance", "neglect", "harm"], True)],
)
def test_addicted_when_at_least_three_of_six_criteria_hold(officer_a, person_a, criteria, addicted):
    result = assess(officer_a, person_a, criteria)
    assert result.addicted is addicted
    assert "Thông tư 18/2021/TT-BYT Điều 3" in result.threshold_rule["citation"]


def test_the_threshold_is_a_rule_an_administrator_may_correct(officer_a, sysadmin, person_a):
    law.set_override(
        sysadmin,
        regime=LAW_120,
        code="addiction_criteria_threshold",
        value="4",
        note="Đối chiếu Thông tư 18/2021 bản gốc",
    )
    assert assess(officer_a, person_a, THREE).addicted is False


def test_result_is_valid_six_months_for_registration(officer_a, person_a):
    """Luật 120/2025 Điều 31.1.b "đã quá 06 tháng": from 10/10/2026 six months end on Saturday
    10/04/2027; registering is an act at the commune, so the time runs to Monday (BLDS Điều 148.5)."""
    assert assess(officer_a, person_a, THREE).valid_until == dt.date(2027, 4, 12)


def test_addicted_result_stops_user_management(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    assess(officer_a, person_a, THREE)
    assert management.state == State.STOPPED
    event = management.events.get()
    assert (event.on, event.stop_reason) == (dt.date(2026, 10, 10), "addicted")
    assert status_of(person_a).status == Status.ADDICTED


def test_not_addicted_result_keeps_management_going(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    assess(officer_a, person_a, THREE[:1])
    assert management.state == State.ACTIVE and status_of(person_a).status == Status.USER_MANAGED


def test_registration_falls_due_five_working_days_after_the_result_even_across_tet(officer_a, person_a):
    with time_machine.travel(at(2027, 2, 20)):
        result = assess(officer_a, person_a, THREE, result_on=dt.date(2027, 2, 3))
        assert result.registration_due.date() == dt.date(2027, 2, 17)
        items = due_items_for_commune(person_a.commune_id)
        # Not registered by the deadline: a ground for compulsory rehab from that day (Luật 120/2025
        # Điều 35.1.a), open for the 3-month limitation.
        (dossier,) = [i for i in items if i.kind == "open_dossier"]
        assert dossier.due_at.date() == dt.date(2027, 5, 17)
        (item,) = [i for i in items if i.kind == "register_rehab"]
        assert (item.kind, item.responsible_role, item.overdue) == (
            "register_rehab",
            "commune_police_head",
            True,
        )


@pytest.mark.parametrize(
    ("criteria", "extra"),
    [
        (THREE, {"result_on": dt.date(2030, 1, 1)}),
        (THREE, {"started_on": dt.date(2026, 10, 20)}),
        (["nope"], {}),
    ],
)
def test_bad_assessments_are_refused(officer_a, person_a, criteria, extra):
    with pytest.raises(ValidationError):
        assess(officer_a, person_a, criteria, **extra)
