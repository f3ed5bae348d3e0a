"""Screening through the form: the server scores the raw answers; scope and audit as elsewhere."""

from django.test import Client
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.prevention.models import Screening


def _form(**extra):
    data = {"screened_on": "10/11/2026", "screened_by": "Trạm Y tế xã", "q8": "no"}
    data |= {"q1_b": "on", "q2_b": "weekly", "q3_b": "monthly", "q4_b": "once_twice", "q5_b": "never"}
    data |= {"q6_b": "past", "q7_b": "no"}
    return data | extra


def test_screening_is_scored_on_the_server(login, officer_a, make_person):
    person = make_person(officer_a)
    client = login(officer_a)
    url = reverse("prevention:screening_create", args=[person.uuid])
    assert client.post(url, _form(score="39")).status_code == 302  # a posted "score" is ignored
    screening = Screening.objects.get()
    assert screening.scores == {"b": {"score": 15, "band": "moderate"}}
    assert (screening.action, screening.instrument) == ("brief", "ASSIST-3.0")
    assert AuditEntry.objects.filter(action="case_write", extra__screening=str(screening.uuid)).exists()
    panel = client.get(reverse("prevention:panel", args=[person.uuid])).content.decode()
    assert "Nguy cơ trung bình" in panel and "Can thiệp ngắn" in panel


def test_answers_against_the_skip_logic_are_refused_with_nothing_saved(login, officer_a, make_person):
    person = make_person(officer_a)
    response = login(officer_a).post(
        reverse("prevention:screening_create", args=[person.uuid]), _form(q2_b="never")
    )
    assert response.status_code == 400 and "Q3, Q4, Q5" in response.content.decode()
    assert not Screening.objects.exists()


def test_scope(login, officer_a, officer_b, province_manager, make_person):
    person = make_person(officer_a)
    url = reverse("prevention:screening_create", args=[person.uuid])
    assert login(officer_b).get(url).status_code == 404
    assert login(province_manager).get(url).status_code == 403
    assert login(province_manager).get(reverse("prevention:panel", args=[person.uuid])).status_code == 200
    assert Client().get(url).status_code == 302


def test_follow_up_after_a_brief_intervention_is_due_until_done(officer_a, make_person):
    import datetime as dt

    import time_machine

    from hoanhap.inbox.registry import due_items_for_commune
    from hoanhap.prevention import services
    from hoanhap.prevention.tests.test_assist import answers, full

    person = make_person(officer_a)
    data = answers({"b": full("weekly", "monthly", "once_twice", "never", "past", "no")})  # 15, moderate
    screening = services.record_screening(
        officer_a, person=person, screened_on=dt.date(2026, 8, 1), screened_by="Trạm Y tế", answers=data
    )
    assert screening.follow_up_due == dt.date(2026, 11, 1)

    def follow_ups():
        return [
            (i.due_at.date(), i.responsible_role)
            for i in due_items_for_commune(officer_a.commune_id)
            if i.kind == "screening_follow_up"
        ]

    with time_machine.travel(dt.date(2026, 11, 2)):
        assert follow_ups() == [(dt.date(2026, 11, 1), "commune_health")]
        services.record_intervention(
            officer_a,
            person=person,
            kind="follow_up",
            given_on=dt.date(2026, 11, 2),
            given_by="Trạm Y tế",
            screening=screening,
        )
        assert follow_ups() == []
