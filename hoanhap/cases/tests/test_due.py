"""Due items of case work (``cases.due``): each source, through the services that record the facts it
reads, gives its item with the deadline the rule sets, the person it is about and who acts. The
sources are gathered by the inbox (``hoanhap.inbox.registry``), where ``CasesConfig.ready`` registers them."""

import datetime as dt

import pytest
import time_machine

from hoanhap.cases import criminal_due, due, monitoring_due
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
from hoanhap.cases.tests.test_dossier import open_for
from hoanhap.cases.tests.test_episodes import _old_episode
from hoanhap.cases.tests.test_voluntary import assess, register
from hoanhap.inbox import registry
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law.services import end_of_day


def _items(person, kind):
    """(due at, person, who acts) of the items of ``kind`` in the person's commune."""
    return [
        (i.due_at, i.person, i.responsible_role)
        for i in due_items_for_commune(person.commune_id)
        if i.kind == kind
    ]


def test_every_source_of_case_work_is_registered_with_the_inbox():
    registered = registry.sources()
    for source in (*due.sources(), monitoring_due.monitoring_items, criminal_due.criminal_items):
        assert source in registered, source.__name__


def test_an_undecided_positive_test_is_due_for_a_management_decision_within_24_hours(person_a, positive_test):
    """Luật 120/2025 Điều 24.4.a: the Head of commune police decides "trong thời hạn 24 giờ kể từ khi
    nhận được kết quả xét nghiệm dương tính"."""
    with time_machine.travel(at(2026, 11, 20, 10)):
        positive_test(person_a, at(2026, 11, 20, 8))
        assert _items(person_a, "decide_management") == [
            (at(2026, 11, 21, 8), person_a, "commune_police_head")
        ]


def test_an_unknown_residence_is_due_for_verification_three_working_days_after_the_result(
    officer_a, make_person, positive_test
):
    """Nghị định 105/2021 Điều 41, under Luật 73/2021: received Friday 06/03/2026, due Wednesday 11/03."""
    person = make_person(officer_a, stable_residence="unknown")
    with time_machine.travel(at(2026, 3, 6, 12)):
        positive_test(person, at(2026, 3, 6, 10))
        assert _items(person, "verify_residence") == [
            (end_of_day(dt.date(2026, 3, 11)), person, "commune_police")
        ]


def test_an_active_management_is_due_for_its_monthly_residence_check_a_week_ahead(
    person_a, positive_test, decide
):
    """Nghị định 105/2021 Điều 47.1: each month of the management, from the decision of 02/09/2026."""
    decide(person_a, positive_test(person_a))
    with time_machine.travel(at(2026, 9, 24)):
        assert _items(person_a, "residence_check") == []
    with time_machine.travel(at(2026, 9, 26)):
        assert _items(person_a, "residence_check") == [
            (end_of_day(dt.date(2026, 10, 2)), person_a, "commune_police")
        ]


def test_a_management_reaching_its_year_is_due_to_end_the_day_after_its_last_day(
    person_a, positive_test, decide
):
    """The year decided on 05/12/2025 ends with 05/12/2026, whole (Bộ luật Dân sự 2015 Điều 148): it is
    ended from the day after, by the Head of commune police (Luật 120/2025 Điều 24.5–7, in force then);
    it shows 30 days ahead."""
    decide(
        person_a, positive_test(person_a, at(2025, 12, 1)), decided_on=dt.date(2025, 12, 5), late_reason="Chờ"
    )
    with time_machine.travel(at(2026, 11, 10)):
        assert _items(person_a, "terminate_management") == [
            (end_of_day(dt.date(2026, 12, 6)), person_a, "commune_police_head")
        ]


def test_an_addicted_result_is_due_for_registration_within_five_working_days(officer_a, person_a):
    """Five working days (rule ``registration_after_addicted``, Nghị định 116/2021 Điều 28, unverified):
    result on Saturday 10/10/2026, registration by Friday 16/10, received by the Head of commune police."""
    with time_machine.travel(at(2026, 10, 12)):
        result = assess(officer_a, person_a, dt.date(2026, 10, 10))
        assert _items(person_a, "register_rehab") == [
            (result.registration_due, person_a, "commune_police_head")
        ]
        assert result.registration_due == end_of_day(dt.date(2026, 10, 16))


def test_a_completed_rehab_is_due_for_the_post_rehab_decision_within_five_working_days(officer_a, person_a):
    """The commune chairman decides (Luật 120/2025 Điều 42.6) within five working days (rule
    ``aftercare_decision_deadline``, Nghị định 116/2021, unverified): completed Saturday 01/08/2026, due
    Friday 07/08."""
    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    with time_machine.travel(at(2026, 8, 3)):
        ((due_at, person, role),) = _items(person_a, "decide_aftercare")
    assert (due_at.date(), person, role) == (dt.date(2026, 8, 7), person_a, "commune_chairman")


def test_a_post_rehab_management_reaching_its_term_is_due_for_its_certificate(officer_a, person_a):
    """One year from the completion on 01/08/2026 (Luật 120/2025 Điều 42.1), whole (Bộ luật Dân sự 2015
    Điều 148): the certificate is due the day after, from the commune chairman (Điều 42.6)."""
    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    decide_aftercare(officer_a, episode)
    with time_machine.travel(at(2027, 6, 1)):
        assert _items(person_a, "complete_aftercare") == []
    with time_machine.travel(at(2027, 7, 15)):
        assert _items(person_a, "complete_aftercare") == [
            (end_of_day(dt.date(2027, 8, 2)), person_a, "commune_chairman")
        ]


def test_use_again_under_management_is_due_for_an_assessment_with_no_deadline(
    person_a, positive_test, decide
):
    """Luật 120/2025 Điều 31.1.c: refer for an addiction determination; the law sets no time for it."""
    decide(person_a, positive_test(person_a))
    with time_machine.travel(at(2026, 10, 2)):
        positive_test(person_a, at(2026, 10, 1))
        (item,) = [i for i in due_items_for_commune(person_a.commune_id) if i.kind == "refer_assessment"]
    assert (item.due_at, item.person, item.responsible_role) == (at(2026, 10, 1), person_a, "commune_police")
    assert not item.has_deadline and not item.overdue


def test_quitting_voluntary_rehab_is_due_for_a_dossier_before_the_limitation_runs_out(officer_a, person_a):
    """Quitting voluntary rehab is a ground for compulsory rehab (Luật 120/2025 Điều 35.1), open for the
    three months of the limitation (Điều 35.4): quit on 01/11/2026, the dossier by 01/02/2027."""
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    episode = register(officer_a, person_a, dt.date(2026, 10, 15))
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 11, 1), exit_reason="quit")
    with time_machine.travel(at(2026, 11, 2)):
        assert _items(person_a, "open_dossier") == [
            (end_of_day(dt.date(2027, 2, 1)), person_a, "commune_police_head")
        ]


def test_an_open_dossier_is_due_for_its_notice_before_the_limitation_runs_out(officer_a, person_a):
    """Luật 120/2025 Điều 35.4: the dossier opened on 05/11/2026 on a violation of 01/11 is to be
    notified by 01/02/2027; once opened, the dossier to open leaves."""
    with time_machine.travel(at(2026, 11, 5)):
        open_for(officer_a, person_a, dt.date(2026, 11, 5), last=dt.date(2026, 11, 1))
        assert _items(person_a, "notify_dossier") == [
            (end_of_day(dt.date(2027, 2, 1)), person_a, "commune_police_head")
        ]
        assert _items(person_a, "open_dossier") == []


def test_rehab_at_home_reaching_its_term_is_due_for_the_completion_certificate(officer_a, person_a):
    """Luật 120/2025 Điều 32.5: the commune certifies completion of rehab at home on the term's last day."""
    assess(officer_a, person_a, dt.date(2026, 1, 2))
    register(officer_a, person_a, dt.date(2026, 1, 5), term_months=6)  # Luật 73: ends 05/07/2026
    with time_machine.travel(at(2026, 6, 1)):
        assert _items(person_a, "episode_end") == []
    with time_machine.travel(at(2026, 6, 10)):
        assert _items(person_a, "episode_end") == [
            (end_of_day(dt.date(2026, 7, 5)), person_a, "commune_police_head")
        ]


@pytest.mark.parametrize("people", [False, True])
def test_case_items_name_their_person_by_id_until_the_inbox_reads_them(person_a, positive_test, people):
    with time_machine.travel(at(2026, 11, 20, 10)):
        positive_test(person_a, at(2026, 11, 20, 8))
        (item,) = due_items_for_commune(person_a.commune_id, people=people)
    assert item.person_id == person_a.pk
    assert item.person == (person_a if people else None)
