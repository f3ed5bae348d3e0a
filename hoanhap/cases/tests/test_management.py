"""The management of illegal drug users under both regimes: the decision, its events and the year it
runs (Luật 120/2025 Điều 24; Nghị định 105/2021 Điều 43, 47, 48)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.lifecycle import Kind, State
from hoanhap.cases.services.management import record_management_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.conftest import at
from hoanhap.geo.models import Commune
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.people.services import transfer_person


def test_decision_under_the_new_law_is_signed_by_the_head_of_commune_police(person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    assert management.signer_role == "commune_police_head" and management.regime == "law120"
    assert management.ends_on == dt.date(2027, 9, 2)


def test_decision_under_the_old_law_is_signed_by_the_commune_chairman(person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a, at(2026, 6, 10)), decided_on=dt.date(2026, 6, 12))
    assert management.signer_role == "commune_chairman" and management.regime == "law73"


def test_article_56_test_before_the_change_decision_after_follows_the_new_law(
    person_a, positive_test, decide
):
    test = positive_test(person_a, at(2026, 6, 29))
    management = decide(person_a, test, decided_on=dt.date(2026, 7, 2))
    assert (management.regime, management.signer_role) == ("law120", "commune_police_head")


def test_decision_needs_a_positive_test_of_the_person_and_no_open_management(
    officer_a, make_person, person_a, positive_test, decide
):
    negative = positive_test(person_a, result="negative")
    with pytest.raises(ValidationError, match="dương tính"):
        decide(person_a, negative)
    test = positive_test(person_a)
    decide(person_a, test)
    with pytest.raises(ValidationError, match="Đã có quyết định"):
        decide(person_a, test)
    with pytest.raises(ValidationError, match="không dẫn đến quyết định quản lý"):
        decide(person_a, positive_test(person_a, at(2026, 9, 5)), decided_on=dt.date(2026, 9, 6))
    earlier = positive_test(person_a, at(2026, 8, 20))  # before the decision: still "no open case" then
    with pytest.raises(ValidationError, match="còn hiệu lực"):
        decide(person_a, earlier, decided_on=dt.date(2026, 9, 6))
    other = make_person(officer_a, full_name="Lê Văn Bình", birth_date=dt.date(1985, 1, 1))
    with pytest.raises(ValidationError, match="của người này"):
        decide(other, test)


@pytest.mark.parametrize(
    ("moves", "last_refused", "final"),
    [
        ([("suspend", 10), ("resume", 40)], False, State.ACTIVE),
        ([("suspend", 10), ("stop", 40)], False, State.STOPPED),
        ([("stop", 10)], False, State.STOPPED),
        ([("resume", 10)], True, State.ACTIVE),
        ([("stop", 10), ("suspend", 20)], True, State.STOPPED),
        ([("suspend", 10), ("suspend", 20)], True, State.SUSPENDED),
        ([("stop", 10), ("terminate", 400)], True, State.STOPPED),
        ([("terminate", 30)], True, State.ACTIVE),  # before the year is over
    ],
)
def test_state_machine(officer_a, person_a, positive_test, decide, moves, last_refused, final):
    management = decide(person_a, positive_test(person_a, at(2025, 9, 1)), decided_on=dt.date(2025, 9, 2))
    *allowed, last = moves
    for kind, day in allowed:
        on = management.decided_on + dt.timedelta(days=day)
        record_management_event(officer_a, management=management, kind=kind, on=on, stop_reason="prison")
    kind, day = last
    on = management.decided_on + dt.timedelta(days=day)
    if last_refused:
        with pytest.raises(ValidationError):
            record_management_event(officer_a, management=management, kind=kind, on=on, stop_reason="prison")
    else:
        record_management_event(officer_a, management=management, kind=kind, on=on, stop_reason="prison")
    assert management.state == final


def test_refusal_names_the_rule(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    with pytest.raises(ValidationError, match=re.escape("Điều 24.5–7")):
        record_management_event(officer_a, management=management, kind=Kind.RESUME, on=dt.date(2026, 9, 10))


def test_stop_needs_a_reason_and_events_go_forward_in_time(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a))
    with pytest.raises(ValidationError, match="lý do"):
        record_management_event(officer_a, management=management, kind="stop", on=dt.date(2026, 9, 10))
    record_management_event(officer_a, management=management, kind="suspend", on=dt.date(2026, 9, 20))
    with pytest.raises(ValidationError, match="Ngày phải từ 20/09/2026"):
        record_management_event(officer_a, management=management, kind="resume", on=dt.date(2026, 9, 15))


def test_termination_at_the_end_of_the_year(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a, at(2025, 11, 1)), decided_on=dt.date(2025, 11, 3))
    assert management.ends_on == dt.date(2026, 11, 3)
    # 03/11/2026 is the term's last day, whole (Bộ luật Dân sự 2015 Điều 147.2, 148): not yet.
    with pytest.raises(ValidationError, match=re.escape("từ ngày 04/11/2026 (Luật 120/2025 Điều 24.2")):
        record_management_event(officer_a, management=management, kind="terminate", on=dt.date(2026, 11, 3))
    event = record_management_event(
        officer_a,
        management=management,
        kind="terminate",
        on=dt.date(2026, 11, 4),
        document_number="20/QĐ-CAX",
    )
    # Terminated under the new law: the head of commune police signs, whoever signed the decision.
    assert (event.signer_role, management.state) == ("commune_police_head", State.TERMINATED)


def test_status_is_derived_from_the_facts(officer_a, person_a, positive_test, decide):
    assert status_of(person_a).status == Status.NONE
    test = positive_test(person_a)
    assert status_of(person_a).status == Status.POSITIVE_PENDING
    management = decide(person_a, test)
    assert status_of(person_a).status == Status.USER_MANAGED
    record_management_event(officer_a, management=management, kind="suspend", on=dt.date(2026, 10, 1))
    assert status_of(person_a).status == Status.USER_SUSPENDED
    assert status_of(person_a, on=dt.date(2026, 9, 15)).status == Status.USER_MANAGED  # as of a past date
    record_management_event(
        officer_a, management=management, kind="stop", on=dt.date(2026, 10, 5), stop_reason="prison"
    )
    assert status_of(person_a).status == Status.NONE


def test_due_items_turn_overdue_and_disappear_when_done(person_a, positive_test, decide):
    test = positive_test(person_a, at(2026, 11, 20, 8))
    with time_machine.travel(at(2026, 11, 20, 20)):
        (item,) = due_items_for_commune(person_a.commune_id)
        assert (item.kind, item.responsible_role, item.overdue) == (
            "decide_management",
            "commune_police_head",
            False,
        )
    with time_machine.travel(at(2026, 11, 21, 9)):
        (item,) = due_items_for_commune(person_a.commune_id)
        assert item.overdue and item.escalated
        decide(person_a, test, decided_on=dt.date(2026, 11, 21))
        assert due_items_for_commune(person_a.commune_id) == []


def test_term_end_appears_thirty_days_ahead(person_a, positive_test, decide):
    test = positive_test(person_a, at(2025, 12, 1))
    decide(person_a, test, decided_on=dt.date(2025, 12, 5), late_reason="Chờ xác minh nơi cư trú")

    def term_items():  # the monthly residence checks of the year are due too; not the subject here
        return [i for i in due_items_for_commune(person_a.commune_id) if i.kind != "residence_check"]

    with time_machine.travel(at(2026, 11, 1)):
        assert term_items() == []
    with time_machine.travel(at(2026, 11, 10)):
        (item,) = term_items()
        # The term's last day is 05/12/2026, whole; the termination falls on the day after.
        assert item.kind == "terminate_management" and item.due_at.date() == dt.date(2026, 12, 6)


def test_open_management_follows_the_person_closed_one_stays(
    officer_a, officer_c, person_a, positive_test, decide
):
    closed = decide(person_a, positive_test(person_a, at(2025, 1, 5)), decided_on=dt.date(2025, 1, 6))
    record_management_event(
        officer_a, management=closed, kind="stop", on=dt.date(2025, 3, 1), stop_reason="prison"
    )
    current = decide(person_a, positive_test(person_a))
    transfer_person(
        officer_a,
        person=person_a,
        to_commune=Commune.objects.get(pk=officer_c.commune_id),
        moved_on=dt.date(2026, 10, 1),
    )
    current.refresh_from_db()
    closed.refresh_from_db()
    assert current.commune_id == officer_c.commune_id and closed.commune_id == officer_a.commune_id
    assert current.ends_on == dt.date(2027, 9, 2)  # the remaining period carries over


def test_repeated_use_under_the_new_law_calls_for_an_assessment_not_a_new_decision(
    officer_a, person_a, positive_test, decide
):
    """Luật 120/2025 Điều 31.1.c; a result "not addicted" then calls for a new decision (Nghị định
    105/2021 Điều 43.2, carried over): test_positive.py follows that on."""
    decide(person_a, positive_test(person_a))
    again = positive_test(person_a, at(2026, 10, 1))
    assert again.decision_due is None and "Điều 31.1.c" in again.assessment_rule["citation"]
    (item,) = [i for i in due_items_for_commune(person_a.commune_id) if i.kind != "residence_check"]
    assert (item.kind, item.responsible_role, item.overdue) == ("refer_assessment", "commune_police", False)
    with pytest.raises(ValidationError, match=re.escape("Luật 120/2025 Điều 31.1.c")):
        decide(person_a, again, decided_on=dt.date(2026, 10, 2))
    assert status_of(person_a).status == Status.USER_MANAGED


def test_repeated_use_under_the_old_law_calls_for_an_assessment_too(person_a, positive_test, decide):
    """Luật 73/2021 Điều 27.1.a: a new decision (Nghị định 105/2021 Điều 43.2) only after "not addicted"."""
    decide(person_a, positive_test(person_a, at(2026, 3, 2)), decided_on=dt.date(2026, 3, 3))
    again = positive_test(person_a, at(2026, 5, 4))
    assert again.decision_due is None and "Luật 73/2021 Điều 27.1.a" in again.assessment_rule["citation"]
    with pytest.raises(ValidationError, match=re.escape("Luật 73/2021 Điều 27.1.a")):
        decide(person_a, again, decided_on=dt.date(2026, 5, 5))


def test_a_late_decision_is_accepted_with_its_reason(login, officer_a, person_a, positive_test, decide):
    """Received Tuesday 01/09/2026 09:00: 24 hours under Luật 120/2025 Điều 24.4.a, so due 02/09."""
    test = positive_test(person_a, at(2026, 9, 1))
    with pytest.raises(
        ValidationError, match=re.escape("sau thời hạn 02/09/2026 (Luật 120/2025 Điều 24.4.a)")
    ):
        decide(person_a, test, decided_on=dt.date(2026, 9, 3))
    management = decide(person_a, test, decided_on=dt.date(2026, 9, 3), late_reason="  Người đi vắng  ")
    assert management.late_reason == "Người đi vắng"
    assert AuditEntry.objects.filter(extra__late=True).count() == 1
    panel = login(officer_a).get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "Ra sau thời hạn</span> Người đi vắng" in panel


def test_a_decision_in_time_keeps_no_late_reason(officer_a, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a, at(2026, 9, 1)), late_reason="không cần")
    assert management.late_reason == ""
