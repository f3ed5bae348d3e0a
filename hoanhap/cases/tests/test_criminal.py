"""A positive test that may be a crime: Bộ luật Hình sự 2015 Điều 256a.1 (added by Luật 86/2025/QH15, in
force from 01/07/2025), points a–d and their 02-year windows; the administrative step of Luật 120/2025
Điều 31.1.c–d applies "nếu không thuộc trường hợp bị xử lý theo quy định của pháp luật về hình sự":
held while the investigation body decides, back after "không xử lý hình sự", closed after "khởi tố".
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.criminal import criminal_situation
from hoanhap.cases.services.aftercare import record_aftercare_event
from hoanhap.cases.services.criminal import hand_over_use, record_investigation_answer
from hoanhap.cases.services.dossier import open_dossier
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.substitution import enrol_substitution, record_substitution_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_voluntary import assess, register
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.law import services as law
from hoanhap.law.rulebook import LAW_73, LAW_120, RULES

INVESTIGATION = "Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An"


def items(officer):
    return [i for i in due_items_for_commune(officer.commune_id) if i.kind != "residence_check"]


def kinds(officer):
    return sorted(i.kind for i in items(officer))


def hand_over(officer, test, on):
    return hand_over_use(
        officer, test=test, handed_over_on=on, investigation_body=INVESTIGATION, handover_number="15/CV-CAX"
    )


def answer(officer, test, on, kind="not_prosecuted"):
    return record_investigation_answer(
        officer, test=test, answer=kind, answered_on=on, answer_number="88/CSĐT"
    )


def quit_voluntary(officer, person, registered_on, quit_on):
    assess(officer, person, registered_on - dt.timedelta(days=2))
    episode = register(officer, person, registered_on)
    record_rehab_event(officer, episode=episode, kind="exit", on=quit_on, exit_reason="quit")
    return episode


@pytest.fixture
def in_aftercare(officer_a, person_a):
    """Rehab completed on 01/08/2026; post-rehab management to 01/08/2027 (Luật 120/2025 Điều 42.1)."""
    from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    return decide_aftercare(officer_a, episode)


# The rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("regime", [LAW_73, LAW_120])
def test_article_256a_rules_are_cited_and_unverified_in_both_regimes_in_force_after_1_july_2025(regime):
    """Điều 256a came into force on 01/07/2025, inside the Luật 73 regime: both carry the rules. Its
    Vietnamese text was not read, so neither is verified."""
    window, use = RULES[regime.code]["criminal_use_window"], RULES[regime.code]["criminal_use"]
    assert (window.value, window.unit, window.period) == (24, "months", "term")
    assert "Bộ luật Hình sự 2015 Điều 256a.1.c, 256a.1.d (bổ sung bởi Luật 86/2025/QH15" in window.citation
    assert "Điều 256a.1" in use.citation and use.value == "criminal_first"
    assert not window.verified and not use.verified
    assert ("Luật 120/2025 Điều 31.1.c, 31.1.d" in use.citation) == (regime is LAW_120)


# Point a: within a rehab term or on substitution treatment -------------------------------------------


def test_point_a_a_use_during_voluntary_rehab_is_handed_over_before_the_ground(
    officer_a, person_a, positive_test
):
    """Bộ luật Hình sự Điều 256a.1.a; the ground for compulsory rehab (Luật 120/2025 Điều 35.1.b)
    waits."""
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 12))
    test = positive_test(person_a, at(2026, 11, 2))
    assert test.criminal_point == "a" and test.ground_rule is not None
    assert "Điều 256a" in test.criminal_rule["citation"]
    assert kinds(officer_a) == ["criminal_handover"]


def test_point_a_on_substitution_treatment(officer_a, person_a, positive_test):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở Methadone",
        patient_code="MT-1",
        enrolled_on=dt.date(2026, 10, 12),
    )
    assert positive_test(person_a, at(2026, 11, 2)).criminal_point == "a"


def test_before_1_july_2025_there_is_no_criminal_route(officer_a, person_a, positive_test):
    """Điều 256a reaches uses from 01/07/2025 (Luật 86/2025/QH15): a use on 30/06/2025 in the same
    situation is only the ground of Luật 73/2021 Điều 32.2."""
    assess(officer_a, person_a, dt.date(2025, 5, 3))
    register(officer_a, person_a, dt.date(2025, 5, 5), term_months=12)
    before = positive_test(person_a, at(2025, 6, 30))
    after = positive_test(person_a, at(2025, 7, 1))
    assert (before.criminal_point, before.criminal_rule) == ("", None)
    assert "Luật 73/2021 Điều 32.2" in before.ground_rule["citation"]
    assert after.criminal_point == "a" and after.criminal_rule["regime"] == "law73"
    assert criminal_situation(person_a, dt.date(2025, 6, 30)) is None


def test_a_result_not_sent_to_the_commune_is_not_the_communes_to_hand_over(
    officer_a, person_a, positive_test
):
    """Luật 120/2025 Điều 23.2: not sent to the commune (public facility), so no step there at all."""
    from hoanhap.cases.tests import factories

    factories.court_ordered_rehab(
        officer_a, person_a, opened_on=dt.date(2026, 6, 15), admitted_on=dt.date(2026, 7, 10)
    )
    assert criminal_situation(person_a, dt.date(2026, 9, 1)) == "a"
    assert positive_test(person_a, at(2026, 9, 1)).criminal_point == ""
    assert kinds(officer_a) == []


# Point b: under post-rehab management -------------------------------------------------------------


def test_point_b_under_post_rehab_management(officer_a, person_a, positive_test, in_aftercare):
    """Bộ luật Hình sự Điều 256a.1.b; the referral of Luật 120/2025 Điều 31.1.d waits for the answer."""
    test = positive_test(person_a, at(2026, 9, 10))
    assert (test.criminal_point, test.assessment_rule["citation"]) == ("b", "Luật 120/2025 Điều 31.1.d")
    assert kinds(officer_a) == ["criminal_handover"]


# Point c: within 02 years after the post-rehab term, and under user management -------------------------


def test_point_c_needs_user_management_and_ends_with_the_window(officer_a, person_a, positive_test, decide):
    """Bộ luật Hình sự Điều 256a.1.c. The post-rehab term ends on 01/08/2027; the window runs from
    02/08/2027 to 01/08/2029 (Bộ luật Dân sự Điều 147.2, 148.3)."""
    from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
    from hoanhap.cases.tests.test_episodes import _old_episode

    episode = _old_episode(officer_a, person_a)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    aftercare = decide_aftercare(officer_a, episode)
    with time_machine.travel(at(2027, 8, 3), tick=False):
        record_aftercare_event(officer_a, aftercare=aftercare, kind="complete", on=dt.date(2027, 8, 2))
        assert criminal_situation(person_a, dt.date(2027, 8, 1)) == "b"  # the term's last day
    with time_machine.travel(at(2029, 7, 20), tick=False):
        first = positive_test(person_a, at(2029, 7, 15))  # in the window, not under management
        assert first.criminal_point == "" and first.decision_rule is not None
        decide(person_a, first, decided_on=dt.date(2029, 7, 16), number="40/QĐ-CAX")
    with time_machine.travel(at(2029, 8, 10), tick=False):
        last_day = positive_test(person_a, at(2029, 8, 1))
        day_after = positive_test(person_a, at(2029, 8, 2))
    assert last_day.criminal_point == "c"
    assert day_after.criminal_point == "" and day_after.assessment_rule is not None  # Luật 120 Điều 31.1.c


# Point d: within 02 years from quitting voluntary rehab or substitution treatment ---------------------


def test_point_d_after_quitting_voluntary_rehab_a_window_not_moved_past_a_sunday(officer_a, person_a):
    """Bộ luật Hình sự Điều 256a.1.d. Quit on Thursday 22/10/2026: the window's last day is Sunday
    22/10/2028, and it is a term, not a time limit: Bộ luật Dân sự Điều 148.5 does not move it."""
    quit_voluntary(officer_a, person_a, dt.date(2026, 10, 12), dt.date(2026, 10, 22))
    assert criminal_situation(person_a, dt.date(2026, 10, 21)) == "a"
    assert criminal_situation(person_a, dt.date(2026, 10, 22)) == "d"
    assert criminal_situation(person_a, dt.date(2028, 10, 22)) == "d"
    assert criminal_situation(person_a, dt.date(2028, 10, 23)) is None


def test_point_d_after_quitting_substitution_treatment(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    treatment = enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở Methadone",
        patient_code="MT-1",
        enrolled_on=dt.date(2026, 10, 12),
    )
    record_substitution_event(officer_a, treatment=treatment, kind="quit", on=dt.date(2026, 10, 20))
    assert criminal_situation(person_a, dt.date(2028, 10, 20)) == "d"
    assert criminal_situation(person_a, dt.date(2028, 10, 21)) is None


def test_an_expulsion_or_an_exit_for_using_is_not_quitting_of_ones_own_accord(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    episode = register(officer_a, person_a, dt.date(2026, 10, 12))
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 10, 20), exit_reason="used")
    assert criminal_situation(person_a, dt.date(2026, 11, 1)) is None


# Hold, resume, close ---------------------------------------------------------------------------------


def test_handed_over_and_unanswered_one_waiting_item_and_nothing_overdue(
    officer_a, person_a, positive_test, in_aftercare
):
    """Before the hand-over, one item with no legal deadline; after it, "Chờ cơ quan điều tra trả lời";
    the referral of Luật 120/2025 Điều 31.1.d is held all along and nothing turns overdue."""
    test = positive_test(person_a, at(2026, 9, 10))
    (item,) = items(officer_a)
    assert (item.kind, item.has_deadline, item.overdue) == ("criminal_handover", False, False)
    assert "không có thời hạn luật định" in item.citation and "Điều 256a" in item.citation
    hand_over(officer_a, test, dt.date(2026, 9, 11))
    with time_machine.travel(at(2027, 6, 1), tick=False):
        (item,) = items(officer_a)
    assert (item.kind, item.title, item.overdue) == ("criminal_answer", "Chờ cơ quan điều tra trả lời", False)


def test_a_management_decision_is_not_held_by_the_criminal_route(officer_a, person_a, positive_test, decide):
    """Point d, no open case: the decision of Luật 120/2025 Điều 24.4.a ("trong thời hạn 24 giờ kể từ
    khi nhận được kết quả xét nghiệm dương tính") has no criminal exception — management "không phải là
    biện pháp xử lý hành chính" (Điều 24.1) and custody suspends it (Điều 24.7) — so it stays due from
    the result while the investigation body decides, unlike the steps of Điều 31.1.c–d and 35.1."""
    quit_voluntary(officer_a, person_a, dt.date(2026, 10, 12), dt.date(2026, 10, 22))
    test = positive_test(person_a, at(2026, 11, 2))
    assert test.criminal_point == "d" and test.decision_rule is not None
    hand_over(officer_a, test, dt.date(2026, 11, 2))
    (item,) = [i for i in items(officer_a) if i.kind == "decide_management"]
    assert item.due_at == test.decision_due
    assert status_of(person_a).status == Status.POSITIVE_PENDING
    assert decide(person_a, test, decided_on=dt.date(2026, 11, 3)).pk


def test_not_prosecuted_the_referral_comes_back_dated_from_the_answer(
    officer_a, person_a, positive_test, in_aftercare
):
    test = positive_test(person_a, at(2026, 9, 10))
    hand_over(officer_a, test, dt.date(2026, 9, 11))
    answer(officer_a, test, dt.date(2026, 10, 5))
    (item,) = items(officer_a)
    assert (item.kind, law.to_local_date(item.due_at)) == ("refer_assessment", dt.date(2026, 10, 5))


def test_prosecuted_the_held_steps_stay_closed(officer_a, person_a, positive_test, in_aftercare):
    """ "Khởi tố": the person is dealt with under criminal law; the referral for an addiction
    determination of Luật 120/2025 Điều 31.1.d never falls due."""
    test = positive_test(person_a, at(2026, 9, 10))
    hand_over(officer_a, test, dt.date(2026, 9, 11))
    answer(officer_a, test, dt.date(2026, 10, 5), kind="prosecuted")
    assert not {"refer_assessment", "criminal_answer", "criminal_handover"} & set(kinds(officer_a))


def test_the_hand_over_and_the_answer_are_checked_and_recorded_once(officer_a, person_a, positive_test):
    plain = positive_test(person_a, at(2026, 9, 1))  # no open case: no point of Điều 256a
    with pytest.raises(ValidationError, match=re.escape("Điều 256a")):
        hand_over(officer_a, plain, dt.date(2026, 9, 2))
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 12))
    test = positive_test(person_a, at(2026, 11, 2))
    with pytest.raises(ValidationError, match="chuyển cơ quan điều tra trước"):
        answer(officer_a, test, dt.date(2026, 11, 3))
    with pytest.raises(ValidationError) as error:
        hand_over_use(
            officer_a,
            test=test,
            handed_over_on=dt.date(2026, 11, 1),
            investigation_body=" ",
            handover_number="",
        )
    assert set(error.value.message_dict) == {"handed_over_on", "investigation_body", "handover_number"}
    hand_over(officer_a, test, dt.date(2026, 11, 3))
    with pytest.raises(ValidationError, match="đã được chuyển"):
        hand_over(officer_a, test, dt.date(2026, 11, 4))
    with pytest.raises(ValidationError, match="từ ngày chuyển"):
        answer(officer_a, test, dt.date(2026, 11, 2))
    answer(officer_a, test, dt.date(2026, 11, 5))
    with pytest.raises(ValidationError, match="Đã ghi nhận trả lời"):
        answer(officer_a, test, dt.date(2026, 11, 6), kind="prosecuted")
    test.refresh_from_db()
    assert test.criminal_answer == "not_prosecuted"


# Pages and permissions -------------------------------------------------------------------------------


def _aftercare_test(person, positive_test):
    return positive_test(person, at(2026, 9, 10))


def test_the_person_page_says_it_may_be_a_crime_and_the_administrative_step_waits(
    login, officer_a, person_a, positive_test, in_aftercare
):
    test = _aftercare_test(person_a, positive_test)
    client = login(officer_a)
    text = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "việc sử dụng có thể là tội phạm theo Điều 256a Bộ luật Hình sự" in text
    assert "Điểm b: đang trong thời hạn quản lý sau cai nghiện" in text
    assert "Công an xã chuyển vụ việc cho Cơ quan điều tra" in text
    assert "Luật 120/2025 Điều 31.1.c, 31.1.d" in text
    assert "Đề nghị xác định tình trạng nghiện (Luật 120/2025 Điều 31.1.d)" not in text  # held
    assert reverse("cases:criminal_handover", args=[person_a.uuid, test.uuid]) in text


def test_the_forms_hand_over_and_record_the_answer_audited(
    login, officer_a, person_a, positive_test, in_aftercare
):
    test = _aftercare_test(person_a, positive_test)
    client = login(officer_a)
    url = reverse("cases:criminal_handover", args=[person_a.uuid, test.uuid])
    assert client.post(url, {"handed_over_on": "11/09/2026"}).status_code == 400  # body and number missing
    data = {"handed_over_on": "11/09/2026", "investigation_body": INVESTIGATION, "handover_number": "15/CV"}
    assert client.post(url, data).status_code == 302
    url = reverse("cases:criminal_answer", args=[person_a.uuid, test.uuid])
    response = client.post(
        url, {"answer": "prosecuted", "answered_on": "20/09/2026", "answer_number": "9/QĐ"}
    )
    assert response.status_code == 302
    test.refresh_from_db()
    assert (test.handed_over_on, test.criminal_answer) == (dt.date(2026, 9, 11), "prosecuted")
    extras = [e.extra for e in AuditEntry.objects.filter(actor=officer_a, action="case_write")]
    assert {"drug_test": str(test.uuid), "criminal_handover": True} in extras
    assert {"drug_test": str(test.uuid), "criminal_answer": "prosecuted"} in extras
    text = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "Cơ quan điều tra đã khởi tố" in text


@pytest.mark.parametrize("name", ["cases:criminal_handover", "cases:criminal_answer"])
def test_another_commune_gets_404_and_a_read_only_role_403(
    login, officer_a, officer_b, chairman_a, person_a, positive_test, in_aftercare, name
):
    test = _aftercare_test(person_a, positive_test)
    url = reverse(name, args=[person_a.uuid, test.uuid])
    assert login(officer_b).get(url).status_code == 404
    assert login(officer_b).post(url, {}).status_code == 404
    assert login(chairman_a).get(url).status_code == 403
    assert login(chairman_a).post(url, {}).status_code == 403
    test.refresh_from_db()
    assert test.handed_over_on is None


def test_the_service_refuses_a_writer_of_another_commune(officer_b, person_a, positive_test, in_aftercare):
    from django.core.exceptions import PermissionDenied

    test = _aftercare_test(person_a, positive_test)
    with pytest.raises(PermissionDenied):
        hand_over(officer_b, test, dt.date(2026, 9, 11))


def test_an_exit_for_drug_use_is_no_ground_while_the_use_is_with_the_investigation_body(
    officer_a, person_a, positive_test
):
    """Luật 120/2025 Điều 35.1, 36.1: drug use during voluntary rehab is a ground "nếu không thuộc
    trường hợp bị xử lý theo quy định của pháp luật về hình sự". Ending the episode for that use does
    not reopen the way: no dossier item, and the dossier is refused, until the investigation body
    answers "không xử lý hình sự"."""
    from hoanhap.cases.services.episodes import record_rehab_event

    assess(officer_a, person_a, dt.date(2026, 10, 10))
    episode = register(officer_a, person_a, dt.date(2026, 10, 12))
    test = positive_test(person_a, at(2026, 11, 2))
    assert test.criminal_point == "a"
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 11, 2), exit_reason="used")
    hand_over(officer_a, test, dt.date(2026, 11, 3))
    assert "open_dossier" not in kinds(officer_a)
    with pytest.raises(ValidationError, match="Cơ quan điều tra"):
        open_dossier(
            officer_a,
            person=person_a,
            ground="used_in_voluntary",
            last_violation_on=dt.date(2026, 11, 2),
            opened_on=dt.date(2026, 11, 4),
        )
    answer(officer_a, test, dt.date(2026, 11, 10))
    assert "open_dossier" in kinds(officer_a)
    assert open_dossier(
        officer_a,
        person=person_a,
        ground="used_in_voluntary",
        last_violation_on=dt.date(2026, 11, 2),
        opened_on=dt.date(2026, 11, 11),
    ).pk
