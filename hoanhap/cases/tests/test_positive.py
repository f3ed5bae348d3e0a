"""What a positive drug test leads to, for every case the person can be in on the day of the test.

Luật 120/2025 Điều 23.2, 24.4.a, 24.5.a, 31.1.c–d, 35.1.a–b, 36.1.a–b; Luật 73/2021 Điều 22.2, 23.4,
23.5.a, 27.1.a, d, 32.1–2, 33.1.a–b; Nghị định 105/2021 Điều 43.2.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.substitution import enrol_substitution
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_assessment import assess as assess_criteria
from hoanhap.cases.tests.test_voluntary import assess, register
from hoanhap.inbox.registry import due_items_for_commune

NOT_ADDICTED = ["craving"]


def kinds(officer):
    return sorted(i.kind for i in due_items_for_commune(officer.commune_id) if i.kind != "residence_check")


def outcome(test):
    """Which of the four follow-ups the service stored on the test."""
    stored = {
        "decision": test.decision_rule,
        "assessment": test.assessment_rule,
        "ground": test.ground_rule,
        "none": test.no_step_rule,
    }
    (kind,) = [k for k, rule in stored.items() if rule is not None]
    return kind, stored[kind]["citation"]


# No open case -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "citation", "signer"),
    [
        (at(2026, 9, 1), "Luật 120/2025 Điều 24.4.a", "commune_police_head"),
        (at(2026, 3, 2), "Luật 73/2021 Điều 23.4", "commune_chairman"),
    ],
)
def test_no_open_case_a_management_decision_falls_due(
    officer_a, person_a, positive_test, when, citation, signer
):
    test = positive_test(person_a, when)
    assert outcome(test)[0] == "decision" and citation in test.decision_rule["citation"]
    (item,) = [i for i in due_items_for_commune(person_a.commune_id) if i.kind == "decide_management"]
    assert item.responsible_role == signer
    assert status_of(person_a).status == Status.POSITIVE_PENDING


# Under user management ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "again", "citation"),
    [
        (at(2026, 9, 1), at(2026, 10, 1), "Luật 120/2025 Điều 31.1.c"),
        (at(2026, 3, 2), at(2026, 5, 4), "Luật 73/2021 Điều 27.1.a"),
    ],
)
def test_under_management_a_positive_result_calls_for_an_addiction_determination_first(
    officer_a, person_a, positive_test, decide, first, again, citation
):
    decide(person_a, positive_test(person_a, first), decided_on=first.date() + dt.timedelta(days=1))
    test = positive_test(person_a, again)
    assert outcome(test) == ("assessment", citation)
    assert kinds(officer_a) == ["refer_assessment"]
    with pytest.raises(ValidationError, match=re.escape(citation)):
        decide(person_a, test, decided_on=again.date() + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("first", "again", "result_on", "regime_words"),
    [
        (at(2026, 3, 2), at(2026, 5, 4), dt.date(2026, 5, 11), "Luật 73/2021 Điều 23.4"),
        (at(2026, 9, 1), at(2026, 10, 1), dt.date(2026, 10, 6), "Luật 120/2025 Điều 24.4.a"),
    ],
)
def test_found_not_addicted_a_new_decision_restarts_the_year(
    officer_a, person_a, positive_test, decide, first, again, result_on, regime_words
):
    """Nghị định 105/2021 Điều 43.2: a new decision only once the person is found not addicted."""
    current = decide(person_a, positive_test(person_a, first), decided_on=first.date() + dt.timedelta(days=1))
    test = positive_test(person_a, again)
    assess_criteria(officer_a, person_a, NOT_ADDICTED, result_on=result_on)
    test.refresh_from_db()
    assert "Nghị định 105/2021 Điều 43.2" in test.decision_rule["citation"]
    assert regime_words in test.decision_rule["citation"]
    assert kinds(officer_a) == ["decide_management"]
    second = decide(person_a, test, decided_on=result_on, number="21/QĐ")
    current.refresh_from_db()
    assert current.state.value == "renewed" and second.ends_on == result_on.replace(year=result_on.year + 1)
    assert kinds(officer_a) == []


def test_found_addicted_under_management_no_new_decision_but_registration(
    officer_a, person_a, positive_test, decide
):
    decide(person_a, positive_test(person_a))
    test = positive_test(person_a, at(2026, 10, 1))
    assess(officer_a, person_a, dt.date(2026, 10, 6))
    test.refresh_from_db()
    assert test.decision_rule is None
    assert status_of(person_a).status == Status.ADDICTED
    assert "register_rehab" in kinds(officer_a) and "decide_management" not in kinds(officer_a)


# Under post-rehab management ----------------------------------------------------------------------


@pytest.fixture
def in_aftercare(officer_a, person_a):
    from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    return decide_aftercare(officer_a, episode)


def test_in_aftercare_a_positive_result_calls_for_an_addiction_determination(
    officer_a, person_a, positive_test, decide, in_aftercare, not_prosecuted
):
    test = positive_test(person_a, at(2026, 9, 10))
    assert outcome(test) == ("assessment", "Luật 120/2025 Điều 31.1.d")
    # Bộ luật Hình sự Điều 256a.1.b: first the investigation body (test_criminal.py); then the referral.
    assert kinds(officer_a) == ["criminal_handover"]
    test = not_prosecuted(test)
    assert kinds(officer_a) == ["refer_assessment"]
    with pytest.raises(ValidationError, match=re.escape("Luật 120/2025 Điều 31.1.d")):
        decide(person_a, test, decided_on=dt.date(2026, 9, 11))
    assert status_of(person_a).status == Status.AFTERCARE


def test_in_aftercare_found_addicted_leaves_aftercare_and_opens_the_compulsory_ground(
    officer_a, person_a, positive_test, in_aftercare
):
    positive_test(person_a, at(2026, 9, 10))
    assess(officer_a, person_a, dt.date(2026, 9, 15))
    assert status_of(person_a).status == Status.ADDICTED  # no longer "aftercare" after a relapse
    assert "open_dossier" in kinds(officer_a) and "refer_assessment" not in kinds(officer_a)


def test_rehab_completed_awaiting_the_aftercare_decision_counts_as_aftercare(
    officer_a, person_a, positive_test
):
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    assert status_of(person_a).status == Status.REHAB_COMPLETED
    test = positive_test(person_a, at(2026, 8, 10))
    assert outcome(test) == ("assessment", "Luật 120/2025 Điều 31.1.d")


def test_in_aftercare_under_the_old_law(officer_a, person_a, positive_test, in_aftercare):
    # The aftercare began under Luật 120; a test dated before it is judged by the case of its day.
    with time_machine.travel(at(2026, 12, 1), tick=False):
        test = positive_test(person_a, at(2026, 5, 4))
    assert outcome(test)[0] == "ground"  # on 04/05/2026 the person was in voluntary rehab (Luật 73)
    assert "Luật 73/2021 Điều 32.2" in test.ground_rule["citation"]


# In voluntary rehab -------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["voluntary_community", "voluntary_private", "voluntary_private_partial"])
def test_in_voluntary_rehab_a_positive_result_is_a_ground_for_compulsory_rehab(
    officer_a, person_a, positive_test, decide, form, not_prosecuted
):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 12), form=form)
    test = positive_test(person_a, at(2026, 11, 2))
    assert outcome(test) == ("ground", "Luật 120/2025 Điều 35.1.b, 36.1.b")
    test = not_prosecuted(test)  # Bộ luật Hình sự Điều 256a.1.a: the investigation body first
    (item,) = [i for i in due_items_for_commune(person_a.commune_id) if i.kind == "open_dossier"]
    assert item.due_at.date() == dt.date(2027, 2, 2)  # the 3-month limitation from the test
    assert item.responsible_role == "commune_police_head"
    with pytest.raises(ValidationError, match="không dẫn đến quyết định quản lý"):
        decide(person_a, test, decided_on=dt.date(2026, 11, 3))
    assert status_of(person_a).status == Status.IN_REHAB


def test_the_ground_goes_once_a_dossier_is_opened_on_it(officer_a, person_a, positive_test, not_prosecuted):
    from hoanhap.cases.tests.test_dossier import open_for

    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 12))
    not_prosecuted(positive_test(person_a, at(2026, 11, 2)))  # Bộ luật Hình sự Điều 256a.1.a first
    open_for(officer_a, person_a, dt.date(2026, 11, 3), ground="used_in_voluntary", last=dt.date(2026, 11, 2))
    assert "open_dossier" not in kinds(officer_a)


def test_voluntary_rehab_in_a_public_facility(officer_a, person_a, positive_test):
    """Luật 120/2025 Điều 23.2: not sent to the commune; Luật 73/2021 Điều 22.2 excepted only
    compulsory rehab, so then it was a ground (Điều 32.2)."""
    f.in_voluntary_rehab(officer_a, person_a, started_on=dt.date(2026, 7, 10), form="voluntary_public")
    test = positive_test(person_a, at(2026, 9, 1))
    assert outcome(test) == ("none", "Luật 120/2025 Điều 23.2")
    assert kinds(officer_a) == []


def test_voluntary_rehab_in_a_public_facility_under_the_old_law_is_a_ground(
    officer_a, make_person, positive_test
):
    person = make_person(officer_a, stable_residence="permanent")
    episode = f.in_voluntary_rehab(
        officer_a, person, started_on=dt.date(2026, 1, 10), form="voluntary_public"
    )
    assert episode.regime == "law73"
    test = positive_test(person, at(2026, 3, 2))
    assert outcome(test) == ("ground", "Luật 73/2021 Điều 32.2, 33.1.b")


# In compulsory rehab ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opened", "started", "term", "when", "citation"),
    [
        # Ordered on 02/07/2026, under Luật 120/2025, which fixes the term.
        (dt.date(2026, 6, 15), dt.date(2026, 7, 10), None, at(2026, 9, 1), "Luật 120/2025 Điều 23.2"),
        # Ordered on 27/11/2025, under Luật 73/2021: the court chose 24 months.
        (dt.date(2025, 11, 10), dt.date(2026, 1, 10), 24, at(2026, 3, 2), "Luật 73/2021 Điều 22.2"),
    ],
)
def test_in_compulsory_rehab_the_result_does_not_go_to_the_commune(
    officer_a, person_a, positive_test, decide, opened, started, term, when, citation
):
    f.court_ordered_rehab(officer_a, person_a, opened_on=opened, admitted_on=started, term_months=term)
    test = positive_test(person_a, when)
    assert outcome(test) == ("none", citation)
    assert kinds(officer_a) == []
    with pytest.raises(ValidationError, match=re.escape(citation)):
        decide(person_a, test, decided_on=when.date() + dt.timedelta(days=1))
    assert status_of(person_a).status == Status.IN_REHAB


# Already found addicted ---------------------------------------------------------------------------


def test_found_addicted_and_not_yet_in_rehab_no_user_management(officer_a, person_a, positive_test):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    test = positive_test(person_a, at(2026, 10, 12))
    assert outcome(test) == ("none", "Luật 120/2025 Điều 24.5.a")
    assert status_of(person_a).status == Status.ADDICTED
    assert "decide_management" not in kinds(officer_a)


def test_on_substitution_treatment_no_user_management(officer_a, person_a, positive_test):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở điều trị Methadone Diễn Châu",
        patient_code="MT-01",
        enrolled_on=dt.date(2026, 10, 12),
    )
    test = positive_test(person_a, at(2026, 11, 2))
    assert outcome(test) == ("none", "Luật 120/2025 Điều 24.5.a")
    # No administrative step; the use may be a crime (Bộ luật Hình sự Điều 256a.1.a, test_criminal.py).
    assert kinds(officer_a) == ["criminal_handover"]
    assert status_of(person_a).status == Status.ON_SUBSTITUTION


# Not registering after an "addicted" result -------------------------------------------------------


@pytest.mark.parametrize(
    ("result_on", "deadline", "limitation_end"),
    [
        # Luật 120/2025: 5 working days from Friday 09/10/2026 → Friday 16/10; 3 months → Saturday
        # 16/01/2027, a time limit for the authority, so Monday 18/01 (BLDS Điều 148.5).
        (dt.date(2026, 10, 9), dt.date(2026, 10, 16), dt.date(2027, 1, 18)),
    ],
)
def test_not_registering_within_the_deadline_is_a_ground_dated_from_the_deadline(
    officer_a, person_a, result_on, deadline, limitation_end
):
    """Luật 120/2025 Điều 35.1.a, 36.1.a: "Không đăng ký … cai nghiện ma túy tự nguyện"."""
    assessment = assess(officer_a, person_a, result_on)
    assert assessment.registration_due.date() == deadline
    with time_machine.travel(at(deadline.year, deadline.month, deadline.day, 20), tick=False):
        assert kinds(officer_a) == ["register_rehab"]  # the deadline has not run out yet
    with time_machine.travel(at(2026, 10, 19), tick=False):
        items = [i for i in due_items_for_commune(person_a.commune_id) if i.kind == "open_dossier"]
        assert [i.due_at.date() for i in items] == [limitation_end]
    registered = register(officer_a, person_a, dt.date(2026, 10, 20))
    assert registered.pk and "open_dossier" not in kinds(officer_a)


def test_the_person_page_says_where_a_result_leads(login, officer_a, person_a, positive_test, not_prosecuted):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 12))
    not_prosecuted(positive_test(person_a, at(2026, 11, 2)))  # Bộ luật Hình sự Điều 256a.1.a first
    client = login(officer_a)
    page = client.get(reverse("cases:panel", args=[person_a.uuid]))
    text = page.content.decode()
    assert "Căn cứ lập hồ sơ đề nghị đưa đi cai nghiện bắt buộc (Luật 120/2025 Điều 35.1.b, 36.1.b)" in text
    assert "cần ra quyết định quản lý" not in text
    from hoanhap.cases.tests.test_dossier import open_for

    open_for(officer_a, person_a, dt.date(2026, 11, 3), ground="used_in_voluntary", last=dt.date(2026, 11, 2))
    text = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "Căn cứ lập hồ sơ đề nghị đưa đi cai nghiện bắt buộc" not in text  # acted on: the card goes


def test_the_person_page_drops_a_referral_once_the_assessment_began(
    login, officer_a, person_a, positive_test, in_aftercare, not_prosecuted
):
    not_prosecuted(positive_test(person_a, at(2026, 9, 10)))  # Bộ luật Hình sự Điều 256a.1.b first
    client = login(officer_a)
    url = reverse("cases:panel", args=[person_a.uuid])
    referral = "Đề nghị xác định tình trạng nghiện (Luật 120/2025 Điều 31.1.d)"
    assert referral in client.get(url).content.decode()
    assess_criteria(officer_a, person_a, NOT_ADDICTED, result_on=dt.date(2026, 9, 15))
    assert status_of(person_a).status == Status.AFTERCARE  # not addicted: post-rehab management goes on
    assert referral not in client.get(url).content.decode()


def test_the_person_page_shows_only_the_results_of_the_present_situation(
    login, officer_a, person_a, positive_test
):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    positive_test(person_a, at(2026, 10, 12))
    client = login(officer_a)
    url = reverse("cases:panel", args=[person_a.uuid])
    no_step = "Không ra quyết định quản lý người sử dụng trái phép chất ma túy (Luật 120/2025 Điều 24.5.a)"
    assert no_step in client.get(url).content.decode()
    register(officer_a, person_a, dt.date(2026, 10, 15))  # now in rehab: that result is history
    assert no_step not in client.get(url).content.decode()


def test_while_a_compulsory_rehab_dossier_is_prepared_no_user_management(officer_a, person_a, positive_test):
    from hoanhap.cases.tests.test_dossier import open_for

    assess(officer_a, person_a, dt.date(2026, 10, 10))
    open_for(officer_a, person_a, dt.date(2026, 10, 30))
    assert status_of(person_a).status == Status.COMPULSORY_PENDING
    test = positive_test(person_a, at(2026, 11, 2))
    assert outcome(test) == ("none", "Luật 120/2025 Điều 24.5.a")


# Without a stable residence, and long after a completed rehab --------------------------------------


@pytest.mark.parametrize(
    ("when", "citation"),
    [(at(2026, 9, 1), "Luật 120/2025 Điều 31.1.đ, 24.6"), (at(2026, 3, 2), "Luật 73/2021 Điều 27.1.b")],
)
def test_without_a_stable_residence_an_addiction_determination_comes_first(
    officer_a, make_person, positive_test, decide, when, citation
):
    person = make_person(officer_a, stable_residence="none")
    test = positive_test(person, when)
    assert outcome(test) == ("assessment", citation)
    assert kinds(officer_a) == ["refer_assessment"]
    with pytest.raises(ValidationError, match=re.escape(citation)):
        decide(person, test, decided_on=when.date() + dt.timedelta(days=1))


def test_a_rehab_completed_long_ago_is_no_longer_a_post_rehab_term(officer_a, person_a, positive_test):
    """The post-rehab term runs one year from completion (Luật 120/2025 Điều 42.1) with or without its
    decision: a result after it is that of someone with no open case."""
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    with time_machine.travel(at(2027, 9, 1), tick=False):
        assert status_of(person_a).status == Status.REHAB_COMPLETED
        inside = positive_test(person_a, at(2027, 8, 1))
        after = positive_test(person_a, at(2027, 8, 2))
    assert outcome(inside) == ("assessment", "Luật 120/2025 Điều 31.1.d")
    assert outcome(after)[0] == "decision"


@pytest.mark.parametrize(
    ("start", "relapse_on", "registers"),
    [
        # Luật 73/2021 Điều 27.5.c names points a, b, c and đ, not d: no registration, the relapse
        # is the ground of Điều 32.4.
        (dt.date(2025, 3, 3), dt.date(2026, 3, 10), False),
        # Luật 120/2025 Điều 31.6: register voluntary rehab at a public facility; and Điều 35.1.d.
        (dt.date(2026, 1, 5), dt.date(2026, 9, 15), True),
    ],
)
def test_found_addicted_in_aftercare_registers_only_where_the_law_says(
    officer_a, person_a, start, relapse_on, registers
):
    from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
    from hoanhap.cases.tests.test_episodes import _move

    with time_machine.travel(at(relapse_on.year, relapse_on.month, relapse_on.day + 2), tick=False):
        assess(officer_a, person_a, start - dt.timedelta(days=3))
        episode = register(officer_a, person_a, start, term_months=6)
        for stage, days in [(1, 10), (2, 30), (3, 60)]:
            _move(officer_a, episode, "stage_done", start + dt.timedelta(days=days), stage=stage)
        completed = start + dt.timedelta(days=200)
        record_rehab_event(officer_a, episode=episode, kind="complete", on=completed)
        decide_aftercare(officer_a, episode, on=completed + dt.timedelta(days=2))
        relapse = assess(officer_a, person_a, relapse_on)
        assert (relapse.registration_due is not None) is registers
        assert ("register_rehab" in kinds(officer_a)) is registers
        assert "open_dossier" in kinds(officer_a)  # Luật 73/2021 Điều 32.4; Luật 120/2025 Điều 35.1.d
        assert status_of(person_a).status == Status.ADDICTED
