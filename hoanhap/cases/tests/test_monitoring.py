"""Electronic monitoring: Luật 120/2025 Điều 12.

12.1: only a person in voluntary rehab at home or in the community, on substitution treatment or
under post-rehab management; 12.2: applied by the head of commune police; 12.3: the person must not
remove, destroy or disturb the device and must report a fault at once; 12.4: the Government is to
detail terms and procedure (no decree yet, so the term is the decision's and the rule unverified).
Luật 73/2021 had no such measure: a decision dated before 01/07/2026 is refused.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.cases.models import ElectronicMonitoring
from hoanhap.cases.monitoring import MonitoringBasis, MonitoringState
from hoanhap.cases.services.monitoring import apply_monitoring, record_monitoring_event
from hoanhap.cases.services.substitution import enrol_substitution, record_substitution_event
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_aftercare import completed  # noqa: F401 - a fixture
from hoanhap.cases.tests.test_aftercare import decide as decide_aftercare
from hoanhap.cases.tests.test_episodes import _move, _old_episode
from hoanhap.cases.tests.test_voluntary import assess, register
from hoanhap.cases.timeline import timeline
from hoanhap.inbox.registry import due_items_for_commune

DECIDED = dt.date(2026, 11, 2)
MONITORING_ITEMS = {"monitoring_device", "monitoring_term_end", "monitoring_not_eligible"}


def apply(actor, person, decided_on=DECIDED, **extra):
    data = {
        "decision_number": "5/QĐ-CAX",
        "device_id": "GSĐT-0142",
        "starts_on": decided_on,
        "ends_on": decided_on + dt.timedelta(days=180),
        **extra,
    }
    return apply_monitoring(actor, person=person, decided_on=decided_on, **data)


def items_of(person, kinds=MONITORING_ITEMS):
    return [i for i in due_items_for_commune(person.commune_id) if i.kind in kinds]


@pytest.fixture
def home_rehab(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    return register(officer_a, person_a, dt.date(2026, 10, 15))


@pytest.fixture
def on_substitution(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    return enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở Methadone Diễn Châu",
        patient_code="MT-1",
        enrolled_on=DECIDED,
    )


@pytest.fixture
def in_aftercare(officer_a, completed):  # noqa: F811 - the fixture imported above
    return decide_aftercare(officer_a, completed)


# --- Điều 12.1: the three situations, and no other ---------------------------------------------


def test_article_12_1_a_home_rehab_may_be_monitored_by_the_head(head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    assert (decision.basis, decision.regime, decision.signer_role, decision.decided_by) == (
        MonitoringBasis.HOME_REHAB,
        "law120",
        "commune_police_head",
        head_a,
    )
    assert (
        decision.decider_rule["citation"] == "Luật 120/2025 Điều 12.2" and decision.decider_rule["verified"]
    )
    assert decision.state is MonitoringState.ACTIVE and decision.current_device() == "GSĐT-0142"


def test_article_12_1_b_substitution_treatment(head_a, person_a, on_substitution):
    assert apply(head_a, person_a).basis == MonitoringBasis.SUBSTITUTION


def test_article_12_1_c_post_rehab_management(head_a, person_a, in_aftercare):
    assert apply(head_a, person_a).basis == MonitoringBasis.AFTERCARE


def test_article_12_1_a_partial_private_rehab_only_once_it_continues_at_home(officer_a, head_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 9, 1))
    episode = register(officer_a, person_a, dt.date(2026, 9, 5), form="voluntary_private_partial")
    with pytest.raises(ValidationError, match="không thuộc diện"):
        apply(head_a, person_a, decided_on=dt.date(2026, 10, 1))
    for stage, day in ((1, 10), (2, 12), (3, 14)):
        _move(officer_a, episode, "stage_done", dt.date(2026, 10, day), stage=stage)
    _move(officer_a, episode, "continue_home", dt.date(2026, 10, 20))
    assert apply(head_a, person_a, decided_on=dt.date(2026, 10, 21)).basis == MonitoringBasis.HOME_REHAB


def test_article_12_1_refuses_a_person_in_none_of_the_situations(
    officer_a, head_a, person_a, positive_test, decide
):
    """Under user management (Điều 24), not in rehab: refused, naming the three situations and 12.1."""
    decide(person_a, positive_test(person_a))
    with pytest.raises(ValidationError) as refused:
        apply(head_a, person_a)
    assert "không thuộc diện" in str(refused.value) and "Luật 120/2025 Điều 12.1" in str(refused.value)
    assert not ElectronicMonitoring.objects.exists()


def test_article_12_1_refuses_rehab_at_a_public_facility(officer_a, head_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    register(officer_a, person_a, dt.date(2026, 10, 15), form="voluntary_public")
    with pytest.raises(ValidationError, match="không thuộc diện"):
        apply(head_a, person_a)


def test_article_12_1_refuses_home_rehab_paused_by_prison(officer_a, head_a, person_a, home_rehab):
    """Điều 47.1: the rest of the term is served after release; in prison the person is not in rehab
    at home."""
    _move(officer_a, home_rehab, "interrupt", dt.date(2026, 10, 20))
    with pytest.raises(ValidationError, match="không thuộc diện"):
        apply(head_a, person_a)


def test_article_12_1_refuses_a_completed_rehab_before_its_post_rehab_decision(head_a, person_a, completed):  # noqa: F811
    with pytest.raises(ValidationError, match="không thuộc diện"):
        apply(head_a, person_a, decided_on=dt.date(2026, 8, 3))


def test_the_situation_is_read_on_the_decision_date(officer_a, head_a, person_a, home_rehab):
    """Registered for home rehab on 15/10/2026: a decision dated the day before is refused."""
    with pytest.raises(ValidationError, match="14/10/2026"):
        apply(head_a, person_a, decided_on=dt.date(2026, 10, 14))


# --- Điều 12.2: the head of commune police --------------------------------------------------


@pytest.mark.parametrize("who", ["officer_a", "chairman_a", "officer_b"])
def test_article_12_2_only_the_head_of_commune_police_applies_it(request, person_a, home_rehab, who):
    with pytest.raises(PermissionDenied):
        apply(request.getfixturevalue(who), person_a)
    assert not ElectronicMonitoring.objects.exists()


def test_article_12_2_the_refusal_names_the_role_and_the_article(officer_a, person_a, home_rehab):
    with pytest.raises(PermissionDenied, match=re.escape("Trưởng Công an xã có thẩm quyền")) as refused:
        apply(officer_a, person_a)
    assert "Luật 120/2025 Điều 12.2" in str(refused.value)


# --- Luật 73: no such measure -----------------------------------------------------------------


def test_a_decision_dated_under_luat_73_is_refused(officer_a, head_a, person_a):
    """Luật 73/2021 (in force until 30/06/2026) had no electronic monitoring: a person in home rehab
    then could not be placed under it, even by the head of commune police."""
    _old_episode(officer_a, person_a)
    with pytest.raises(ValidationError) as refused:
        apply(head_a, person_a, decided_on=dt.date(2026, 6, 20))
    message = str(refused.value)
    assert "01/07/2026" in message and "Luật 120/2025 Điều 12.1" in message and "20/06/2026" in message
    # From 01/07/2026 the same person, still in rehab at home, may be.
    assert apply(head_a, person_a, decided_on=dt.date(2026, 7, 1)).regime == "law120"


def test_luat_73_has_no_monitoring_rules():
    from hoanhap.law.rulebook import LAW_73, LAW_120, RULES

    codes = {"monitoring_subjects", "monitoring_decider", "monitoring_fault_report", "monitoring_term"}
    assert codes <= set(RULES[LAW_120.code]) and not codes & set(RULES[LAW_73.code])


# --- The decision -----------------------------------------------------------------------------


def test_the_term_is_the_decisions_and_says_the_government_has_not_detailed_it(head_a, person_a, home_rehab):
    """Điều 12.4: no decree yet; the stored term rule is unverified and says so in plain words."""
    decision = apply(head_a, person_a)
    assert decision.ends_on == dt.date(2027, 5, 1)
    assert decision.term_rule["verified"] is False and decision.term_rule["value"] == "per_decision"
    assert "Điều 12.4" in decision.term_rule["citation"]
    assert "chưa được ban hành" in decision.term_rule["citation"]


def test_decision_is_numbered_from_the_register_when_left_blank(head_a, person_a, home_rehab):
    assert apply(head_a, person_a, decision_number="").decision_number.endswith("/QĐ-CAX")


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"starts_on": dt.date(2026, 11, 1)}, "starts_on"),  # before the decision
        ({"ends_on": DECIDED}, "ends_on"),  # not after the start
        ({"device_id": "  "}, "device_id"),
    ],
)
def test_dates_and_device_are_checked(head_a, person_a, home_rehab, dates, field):
    with pytest.raises(ValidationError) as refused:
        apply(head_a, person_a, **dates)
    assert field in refused.value.message_dict


def test_one_monitoring_at_a_time(head_a, person_a, home_rehab):
    apply(head_a, person_a)
    with pytest.raises(ValidationError, match="5/QĐ-CAX"):
        apply(head_a, person_a, decision_number="6/QĐ-CAX")


def test_applying_and_every_event_are_audited(officer_a, head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 10))
    writes = AuditEntry.objects.filter(
        action=Action.CASE_WRITE, object_uuid=person_a.uuid, extra__monitoring=str(decision.uuid)
    )
    assert [(w.actor, w.extra.get("event")) for w in writes.order_by("seq")] == [
        (head_a, None),
        (officer_a, "fault"),
    ]


# --- Điều 12.3: faults and tampering ------------------------------------------------------------


def test_article_12_3_c_a_reported_fault_is_due_until_the_device_is_repaired(
    officer_a, head_a, person_a, home_rehab
):
    decision = apply(head_a, person_a)
    record_monitoring_event(
        officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 10), note="Không nhận tín hiệu"
    )
    assert decision.state is MonitoringState.DEVICE_ISSUE
    (item,) = items_of(person_a)
    assert (item.kind, item.responsible_role, item.has_deadline, item.citation) == (
        "monitoring_device",
        "commune_police",
        False,
        "Luật 120/2025 Điều 12.3.c",
    )
    assert item.due_at.date() == dt.date(2026, 11, 10)
    record_monitoring_event(
        officer_a, monitoring=decision, kind="repair", on=dt.date(2026, 11, 12), device_id="GSĐT-0200"
    )
    assert decision.state is MonitoringState.ACTIVE and decision.current_device() == "GSĐT-0200"
    assert decision.device_id == "GSĐT-0142"  # the first device stays on the decision
    assert items_of(person_a) == []


def test_article_12_3_b_tampering_is_due_with_its_own_article(officer_a, head_a, person_a, on_substitution):
    decision = apply(head_a, person_a)
    record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 10))
    # The "fault" turns out to be tampering: the issue is now the person's breach of Điều 12.3.b.
    record_monitoring_event(officer_a, monitoring=decision, kind="tamper", on=dt.date(2026, 11, 11))
    (item,) = items_of(person_a)
    assert item.citation == "Luật 120/2025 Điều 12.3.b, 12.4" and "tháo gỡ" in item.title
    assert item.due_at.date() == dt.date(2026, 11, 10)  # dated from the first report of the issue
    with pytest.raises(ValidationError, match="Không thể"):
        record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 12))


def test_events_are_recorded_in_date_order(officer_a, head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    with pytest.raises(ValidationError, match="02/11/2026"):
        record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 1))


# --- The end ------------------------------------------------------------------------------------


def test_only_the_head_ends_it_and_with_a_reason(officer_a, head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    with pytest.raises(PermissionDenied):
        record_monitoring_event(
            officer_a, monitoring=decision, kind="end", on=dt.date(2026, 11, 20), end_reason="revoked"
        )
    with pytest.raises(ValidationError, match="lý do"):
        record_monitoring_event(head_a, monitoring=decision, kind="end", on=dt.date(2026, 11, 20))
    event = record_monitoring_event(
        head_a, monitoring=decision, kind="end", on=dt.date(2026, 11, 20), end_reason="revoked"
    )
    assert event.signer_role == "commune_police_head" and decision.state is MonitoringState.ENDED
    with pytest.raises(ValidationError, match="Không thể"):
        record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 21))


def test_the_term_ends_after_its_last_day_and_is_due_then(head_a, person_a, home_rehab):
    """The term set by the decision ends with its last day whole (Bộ luật Dân sự 2015 Điều 148)."""
    decision = apply(head_a, person_a, ends_on=dt.date(2026, 12, 20))
    (item,) = items_of(person_a)
    assert (item.kind, item.responsible_role, item.has_deadline) == (
        "monitoring_term_end",
        "commune_police_head",
        True,
    )
    assert item.due_at.date() == dt.date(2026, 12, 21) and "Điều 12.4" in item.citation
    with time_machine.travel(at(2026, 12, 22)):
        with pytest.raises(ValidationError, match="21/12/2026"):
            record_monitoring_event(
                head_a, monitoring=decision, kind="end", on=dt.date(2026, 12, 20), end_reason="term_over"
            )
        record_monitoring_event(
            head_a, monitoring=decision, kind="end", on=dt.date(2026, 12, 21), end_reason="term_over"
        )
        assert items_of(person_a) == []


def test_a_far_end_is_not_yet_in_the_inbox(head_a, person_a, home_rehab):
    apply(head_a, person_a)  # ends 01/05/2027
    assert items_of(person_a) == []


def test_monitoring_running_after_the_situation_ended_is_due(officer_a, head_a, person_a, on_substitution):
    """Substitution treatment completed: the person is in no situation of Điều 12.1 any more."""
    decision = apply(head_a, person_a)
    with pytest.raises(ValidationError, match="vẫn thuộc diện"):
        record_monitoring_event(
            head_a, monitoring=decision, kind="end", on=dt.date(2026, 11, 20), end_reason="not_eligible"
        )
    record_substitution_event(officer_a, treatment=on_substitution, kind="complete", on=dt.date(2026, 11, 25))
    (item,) = items_of(person_a)
    assert (item.kind, item.responsible_role, item.has_deadline, item.citation) == (
        "monitoring_not_eligible",
        "commune_police_head",
        False,
        "Luật 120/2025 Điều 12.1",
    )
    record_monitoring_event(
        head_a, monitoring=decision, kind="end", on=dt.date(2026, 11, 26), end_reason="not_eligible"
    )
    assert items_of(person_a) == []


def test_the_timeline_shows_the_decision_and_its_events(officer_a, head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    record_monitoring_event(officer_a, monitoring=decision, kind="fault", on=dt.date(2026, 11, 10))
    titles = [e.title for e in timeline(person_a)]
    assert "Quyết định áp dụng giám sát điện tử số 5/QĐ-CAX" in titles
    assert "Thiết bị bị hỏng (người bị giám sát thông báo)" in titles


# --- Views ------------------------------------------------------------------------------------


FORM = {
    "decision_number": "5/QĐ-CAX",
    "decided_on": "02/11/2026",
    "device_id": "GSĐT-0142",
    "starts_on": "02/11/2026",
    "ends_on": "01/05/2027",
}


def test_the_head_sees_the_button_and_applies_it_through_the_form(login, head_a, person_a, home_rehab):
    client = login(head_a)
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    url = reverse("cases:monitoring_create", args=[person_a.uuid])
    assert f'href="{url}"' in panel
    assert client.get(url).status_code == 200
    assert client.post(url, FORM).status_code == 302
    decision = ElectronicMonitoring.objects.get()
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert "GSĐT-0142" in panel and f'href="{url}"' not in panel  # one at a time: no second button
    assert reverse("cases:monitoring_event", args=[person_a.uuid, decision.uuid]) in panel


def test_an_officer_gets_no_button_and_a_403(login, officer_a, person_a, home_rehab):
    client = login(officer_a)
    url = reverse("cases:monitoring_create", args=[person_a.uuid])
    assert f'href="{url}"' not in client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert client.get(url).status_code == 403 and client.post(url, FORM).status_code == 403


def test_out_of_scope_404_and_anonymous_to_log_in(client, login, officer_b, person_a, home_rehab):
    url = reverse("cases:monitoring_create", args=[person_a.uuid])
    assert login(officer_b).post(url, FORM).status_code == 404
    assert client.get(url).status_code == 302


def test_a_refusal_comes_back_on_the_form_as_a_400(login, head_a, person_a, home_rehab):
    response = login(head_a).post(
        reverse("cases:monitoring_create", args=[person_a.uuid]),
        {**FORM, "decided_on": "20/06/2026", "starts_on": "20/06/2026"},
    )
    assert response.status_code == 400 and "01/07/2026" in response.content.decode()
    response = login(head_a).post(
        reverse("cases:monitoring_create", args=[person_a.uuid]), {**FORM, "ends_on": "hôm qua"}
    )
    assert response.status_code == 400 and "ngày/tháng/năm" in response.content.decode()


def test_an_officer_notes_a_fault_but_is_not_offered_the_end(login, officer_a, head_a, person_a, home_rehab):
    decision = apply(head_a, person_a)
    client = login(officer_a)
    url = reverse("cases:monitoring_event", args=[person_a.uuid, decision.uuid])
    page = client.get(url).content.decode()
    assert 'value="fault"' in page and 'value="end"' not in page
    assert client.post(url, {"kind": "end", "on": "20/11/2026", "end_reason": "revoked"}).status_code == 400
    assert client.post(url, {"kind": "fault", "on": "10/11/2026"}).status_code == 302
    assert decision.state is MonitoringState.DEVICE_ISSUE
    assert 'value="end"' in login(head_a).get(url).content.decode()


def test_a_running_monitoring_follows_the_person_who_moves(
    officer_a, officer_c, head_a, person_a, home_rehab
):
    """Luật 120/2025 Điều 48.2: the person goes on the list of the commune moved to, which manages them
    from then on; a running monitoring is filed there too, a past one stays."""
    from hoanhap.geo.models import Commune
    from hoanhap.people.services import transfer_person

    decision = apply(head_a, person_a)
    transfer_person(
        officer_a, person=person_a, to_commune=Commune.objects.get(pk=officer_c.commune_id), moved_on=DECIDED
    )
    decision.refresh_from_db()
    assert decision.commune_id == officer_c.commune_id
