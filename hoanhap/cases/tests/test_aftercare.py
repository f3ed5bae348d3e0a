"""Post-rehab management: Luật 120/2025 Điều 42 (terms, commune chairman), 47.1, 48.4 (relapse)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.rehab import AftercareState
from hoanhap.cases.services.aftercare import decide_aftercare, record_aftercare_event
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_episodes import _old_episode
from hoanhap.cases.tests.test_voluntary import assess
from hoanhap.inbox.registry import due_items_for_commune


@pytest.fixture
def completed(officer_a, person_a):
    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    return episode


def decide(actor, episode, on=dt.date(2026, 8, 5)):
    return decide_aftercare(
        actor,
        episode=episode,
        decided_on=on,
        decision_number="30/QĐ-UBND",
        signer_name="Nguyễn Đình Thắng",
        assigned_helper="Hội Phụ nữ xã",
    )


def test_one_year_from_completion_decided_by_the_commune_chairman(officer_a, person_a, completed):
    aftercare = decide(officer_a, completed)
    assert (aftercare.signer_role, aftercare.starts_on, aftercare.ends_on) == (
        "commune_chairman",
        dt.date(2026, 8, 1),
        dt.date(2027, 8, 1),
    )
    assert status_of(person_a).status == Status.AFTERCARE


def test_two_years_after_an_adults_compulsory_rehab(officer_a, person_a):
    """Luật 120/2025 Điều 42.2: two years from completion after an adult's compulsory rehab."""
    # Ordered on 19/05/2024 under Luật 73/2021, whose court chose 12 to 24 months.
    episode = f.court_ordered_rehab(
        officer_a, person_a, opened_on=dt.date(2024, 5, 2), admitted_on=dt.date(2024, 7, 1), term_months=24
    )
    f.complete_rehab(officer_a, episode, dt.date(2026, 7, 1))
    assert decide(officer_a, episode).ends_on == dt.date(2028, 7, 1)


def test_decision_needs_a_completed_episode_once_and_in_date_order(officer_a, person_a, completed):
    with pytest.raises(ValidationError, match="từ ngày hoàn thành"):
        decide(officer_a, completed, on=dt.date(2026, 7, 30))
    decide(officer_a, completed)
    with pytest.raises(ValidationError, match="Đã có quyết định quản lý sau cai"):
        decide(officer_a, completed)


def test_completed_rehab_puts_the_decision_in_the_inbox_until_made(officer_a, person_a, completed):
    (item,) = due_items_for_commune(person_a.commune_id)
    # Completed Saturday 01/08/2026: five working days end on Friday 07/08/2026.
    assert (item.kind, item.responsible_role, item.due_at.date()) == (
        "decide_aftercare",
        "commune_chairman",
        dt.date(2026, 8, 7),
    )
    assert status_of(person_a).status == Status.REHAB_COMPLETED
    decide(officer_a, completed)
    assert due_items_for_commune(person_a.commune_id) == []


def test_relapse_takes_the_person_off_the_list(officer_a, person_a, completed):
    aftercare = decide(officer_a, completed)
    assess(officer_a, person_a, dt.date(2026, 10, 1))
    assert aftercare.state == AftercareState.ENDED
    assert aftercare.events.get().end_reason == "addicted"
    assert status_of(person_a).status == Status.ADDICTED


def test_completion_only_at_the_end_of_the_term(officer_a, person_a, completed):
    aftercare = decide(officer_a, completed)
    with pytest.raises(ValidationError, match="01/08/2027"):
        record_aftercare_event(officer_a, aftercare=aftercare, kind="complete", on=dt.date(2026, 11, 1))
    with time_machine.travel(at(2027, 8, 3)):
        assert [i.kind for i in due_items_for_commune(person_a.commune_id)] == ["complete_aftercare"]
        # 01/08/2027 is the term's last day, whole (Bộ luật Dân sự 2015 Điều 148): not yet completed.
        with pytest.raises(ValidationError, match="01/08/2027"):
            record_aftercare_event(officer_a, aftercare=aftercare, kind="complete", on=dt.date(2027, 8, 1))
        event = record_aftercare_event(
            officer_a, aftercare=aftercare, kind="complete", on=dt.date(2027, 8, 2), document_number="5/GCN"
        )
        assert event.signer_role == "commune_chairman" and status_of(person_a).status == Status.NONE


def test_ending_early_needs_a_reason(officer_a, person_a, completed):
    aftercare = decide(officer_a, completed)
    with pytest.raises(ValidationError, match="lý do"):
        record_aftercare_event(officer_a, aftercare=aftercare, kind="end", on=dt.date(2026, 9, 1))
    event = record_aftercare_event(
        officer_a, aftercare=aftercare, kind="end", on=dt.date(2026, 9, 1), end_reason="death"
    )
    # Luật 120/2025 Điều 48.4: the commune police take someone off the list, not the chairman.
    assert event.signer_role == "commune_police"


def test_an_interrupted_aftercare_is_due_on_the_day_its_completion_is_accepted(
    officer_a, person_a, completed
):
    """Luật 120/2025 Điều 47.1: a prison sentence interrupts post-rehab management and the rest is
    served after release, so the term's end moves back by the time inside; the inbox item falls on
    the first day the completion is accepted, and not before the moved end is near."""
    aftercare = decide(officer_a, completed)  # from 01/08/2026 to 01/08/2027
    record_aftercare_event(officer_a, aftercare=aftercare, kind="interrupt", on=dt.date(2026, 10, 1))
    record_aftercare_event(officer_a, aftercare=aftercare, kind="resume", on=dt.date(2026, 10, 31))  # 30 days
    with time_machine.travel(at(2027, 7, 20)):  # the decided end is near, the moved one is not
        assert [i.kind for i in due_items_for_commune(person_a.commune_id)] == []
    with time_machine.travel(at(2027, 9, 3)):
        (item,) = due_items_for_commune(person_a.commune_id)
        # The moved end, 31/08/2027, is the term's last day, whole: completion from 01/09/2027.
        assert (item.kind, item.due_at.date()) == ("complete_aftercare", dt.date(2027, 9, 1))
        with pytest.raises(ValidationError, match="31/08/2027"):
            record_aftercare_event(officer_a, aftercare=aftercare, kind="complete", on=dt.date(2027, 8, 31))
        record_aftercare_event(officer_a, aftercare=aftercare, kind="complete", on=item.due_at.date())
