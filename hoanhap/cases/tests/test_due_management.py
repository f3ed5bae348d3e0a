"""Due items of the management year: residence verification after a positive result (Nghị định
105/2021 Điều 41) and the monthly residence check (Điều 47.1), closed by the facts that answer them."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.services.management import record_management_activity, record_management_event
from hoanhap.cases.tests.conftest import at
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.people.services import update_person


def _kinds(user, kind):
    return [i for i in due_items_for_commune(user.commune_id) if i.kind == kind]


def test_unverified_residence_is_due_three_working_days_after_the_result_under_the_old_law(
    officer_a, make_person, positive_test
):
    person = make_person(officer_a, stable_residence="unknown")
    # Received Friday 06/03/2026: Monday 9, Tuesday 10, Wednesday 11 (Nghị định 105/2021 Điều 41).
    positive_test(person, at(2026, 3, 6, 10))
    items = _kinds(officer_a, "verify_residence")
    assert [(i.due_at.date(), i.responsible_role) for i in items] == [
        (dt.date(2026, 3, 11), "commune_police")
    ]
    assert items[0].has_deadline and "Điều 41" in items[0].citation
    update_person(
        officer_a, person=person, expected_version=person.version, data={"stable_residence": "permanent"}
    )
    assert not _kinds(officer_a, "verify_residence")


def test_under_the_new_law_the_verification_has_no_period_of_its_own(officer_a, make_person, positive_test):
    """Its 03 working days contradict the decision within 24 hours (Luật 120/2025 Điều 24.4.a), and a
    decree stays only where it does not contradict the law (Luật Ban hành VBQPPL 2025 Điều 57.2)."""
    person = make_person(officer_a, stable_residence="unknown")
    positive_test(person, at(2026, 9, 4, 10))
    (item,) = _kinds(officer_a, "verify_residence")
    assert not item.has_deadline and not item.overdue
    assert "Điều 24.4.a" in item.citation and "Điều 57.2" in item.citation
    (decision,) = _kinds(officer_a, "decide_management")
    assert decision.has_deadline  # the 24 hours are the decision's


def test_monthly_residence_check_comes_due_and_a_check_resets_it(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))  # decided 02/09/2026
    with time_machine.travel(dt.date(2026, 9, 28)):
        assert [i.due_at.date() for i in _kinds(officer_a, "residence_check")] == [dt.date(2026, 10, 2)]
        record_management_activity(
            officer_a, management=management, on=dt.date(2026, 9, 28), kind="residence_check", by="Lê Thị Hoa"
        )
        assert not _kinds(officer_a, "residence_check")
    with time_machine.travel(dt.date(2026, 10, 25)):
        assert [i.due_at.date() for i in _kinds(officer_a, "residence_check")] == [dt.date(2026, 10, 28)]


def test_the_monthly_check_shows_a_week_ahead_in_vietnam_time(officer_a, person_a, positive_test, decide):
    decide(person_a, positive_test(person_a))  # decided 02/09/2026: due 02/10
    # 01:00 on 25/09 in Vietnam, still 24/09 in UTC: a week ahead of 25/09 reaches 02/10.
    with time_machine.travel(dt.datetime(2026, 9, 24, 18, tzinfo=dt.UTC), tick=False):
        assert [i.due_at.date() for i in _kinds(officer_a, "residence_check")] == [dt.date(2026, 10, 2)]
    with time_machine.travel(dt.datetime(2026, 9, 24, 16, tzinfo=dt.UTC), tick=False):  # 23:00 on 24/09
        assert not _kinds(officer_a, "residence_check")


def test_activities_only_during_an_open_management_and_in_order(
    officer_a, officer_b, person_a, positive_test, decide
):
    management = decide(person_a, positive_test(person_a))
    with pytest.raises(ValidationError, match="02/09/2026"):
        record_management_activity(
            officer_a, management=management, on=dt.date(2026, 9, 1), kind="home_visit", by="Võ Thị Mai"
        )
    record_management_event(
        officer_a, management=management, kind="stop", on=dt.date(2026, 9, 10), stop_reason="prison"
    )
    with pytest.raises(ValidationError, match="đã kết thúc"):
        record_management_activity(
            officer_a, management=management, on=dt.date(2026, 9, 11), kind="home_visit", by="Võ Thị Mai"
        )


def test_term_end_of_rehab_at_home_is_due_to_the_registrar_and_facilities_must_report(officer_a, make_person):
    from hoanhap.cases.tests.test_voluntary import assess, register

    at_home = make_person(officer_a, full_name="Đinh Văn Hải", stable_residence="permanent")
    assess(officer_a, at_home, dt.date(2026, 1, 2))
    register(officer_a, at_home, dt.date(2026, 1, 5), term_months=6)  # Luật 73: ends 05/07/2026
    private = make_person(officer_a, full_name="Mai Thị Lan", stable_residence="permanent")
    assess(officer_a, private, dt.date(2026, 1, 2))
    register(officer_a, private, dt.date(2026, 1, 6), form="voluntary_private", term_months=6)
    with time_machine.travel(at(2026, 6, 1)):
        assert not _kinds(officer_a, "episode_end")
    with time_machine.travel(at(2026, 7, 7)):
        items = sorted(_kinds(officer_a, "episode_end"), key=lambda i: i.due_at)
        # At home: the registrar of the law in force at the end (Luật 120: the Head of commune police).
        assert (items[0].person, items[0].due_at.date(), items[0].responsible_role) == (
            at_home,
            dt.date(2026, 7, 5),
            "commune_police_head",
        )
        assert items[0].overdue
        # Private facility: 24 hours after its last day to report (Luật 120/2025 Điều 32.8.c, 46.2.i).
        assert (items[1].person, items[1].due_at.date(), items[1].responsible_role) == (
            private,
            dt.date(2026, 7, 7),
            "commune_police",
        )
        assert "46.2.i" in items[1].citation
