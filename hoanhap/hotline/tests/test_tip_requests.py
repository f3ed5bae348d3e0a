"""A tip becomes a screening or a drug-test request for the person it is about: in the inbox until
a screening or test of that person is recorded, withdrawable with a reason, and never carrying the
reporter into the person's records."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.tests.conftest import at
from hoanhap.hotline import services
from hoanhap.hotline.models import Tip, TipRequest
from hoanhap.hotline.tests.test_hotline import REPORTER
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.prevention import services as prevention
from hoanhap.prevention.tests.test_assist import answers, full


@pytest.fixture
def tip(officer_a):
    with time_machine.travel(at(2026, 11, 20, 9)):
        return services.receive_tip(
            officer_a,
            channel="phone",
            category="use",
            summary="Anh Tú ở xóm 4 có biểu hiện sử dụng ma túy đá",
            commune=officer_a.commune,
            reporter=REPORTER,
        )


def _requests_due(commune_id):
    return [
        (i.kind, i.person.full_name, i.due_at.date(), i.responsible_role, i.link)
        for i in due_items_for_commune(commune_id)
        if i.kind.startswith("tip_")
    ]


@time_machine.travel(at(2026, 11, 21, 10))
def test_a_drug_test_request_waits_until_a_test_of_the_person_is_recorded(
    tip, officer_a, person_a, positive_test
):
    services.request_follow_up(
        officer_a, tip=tip, person=person_a, kind="drug_test", verified=True, due_on=dt.date(2026, 11, 25)
    )
    tip.refresh_from_db()
    assert tip.person == person_a  # linked by the request
    assert _requests_due(officer_a.commune_id) == [
        (
            "tip_drug_test",
            person_a.full_name,
            dt.date(2026, 11, 25),
            "commune_police",
            reverse("cases:test_create", args=[person_a.uuid]),
        )
    ]
    with pytest.raises(ValidationError) as twice:
        services.request_follow_up(
            officer_a, tip=tip, person=person_a, kind="drug_test", verified=True, due_on=dt.date(2026, 11, 26)
        )
    assert "đang chờ thực hiện" in str(twice.value)
    positive_test(person_a, when=at(2026, 11, 19))  # before the request: does not count
    assert len(_requests_due(officer_a.commune_id)) == 1
    positive_test(person_a, when=at(2026, 11, 21, 9), reason="grounds")
    assert _requests_due(officer_a.commune_id) == []
    assert TipRequest.objects.with_done().get().done is True


@time_machine.travel(at(2026, 11, 21, 10))
def test_a_screening_request_goes_to_the_health_station_and_ends_with_a_screening(tip, officer_a, person_a):
    services.request_follow_up(
        officer_a, tip=tip, person=person_a, kind="screening", due_on=dt.date(2026, 11, 30)
    )
    [(kind, _name, _due, role, link)] = _requests_due(officer_a.commune_id)
    assert (kind, role, link) == (
        "tip_screening",
        "commune_health",
        reverse("prevention:screening_create", args=[person_a.uuid]),
    )
    data = answers({"b": full("weekly", "monthly", "once_twice", "never", "past", "no")})
    prevention.record_screening(
        officer_a, person=person_a, screened_on=dt.date(2026, 11, 21), screened_by="Trạm Y tế", answers=data
    )
    assert _requests_due(officer_a.commune_id) == []


@time_machine.travel(at(2026, 11, 21, 10))
def test_who_may_request_and_what_is_refused(tip, officer_a, officer_b, person_a, make_person):
    with pytest.raises(PermissionDenied):
        services.request_follow_up(
            officer_b, tip=tip, person=person_a, kind="drug_test", verified=True, due_on=dt.date(2026, 11, 25)
        )
    elsewhere = make_person(officer_b, full_name="Người xã khác")
    with pytest.raises(PermissionDenied):
        services.request_follow_up(
            officer_a,
            tip=tip,
            person=elsewhere,
            kind="drug_test",
            verified=True,
            due_on=dt.date(2026, 11, 25),
        )
    with pytest.raises(ValidationError) as unverified:
        services.request_follow_up(
            officer_a, tip=tip, person=person_a, kind="drug_test", due_on=dt.date(2026, 11, 25)
        )
    assert "Điều 38.1" in str(unverified.value)
    with pytest.raises(ValidationError) as past:
        services.request_follow_up(
            officer_a, tip=tip, person=person_a, kind="drug_test", verified=True, due_on=dt.date(2026, 11, 20)
        )
    assert "quá khứ" in str(past.value)
    services.close_tip(officer_a, tip=tip, outcome="Đã xác minh")
    with pytest.raises(ValidationError):
        services.request_follow_up(
            officer_a, tip=tip, person=person_a, kind="screening", due_on=dt.date(2026, 11, 25)
        )
    assert not TipRequest.objects.exists()


@time_machine.travel(at(2026, 11, 21, 10))
def test_a_withdrawn_request_leaves_the_inbox_with_its_reason(tip, officer_a, person_a):
    request = services.request_follow_up(
        officer_a, tip=tip, person=person_a, kind="drug_test", verified=True, due_on=dt.date(2026, 11, 25)
    )
    with pytest.raises(ValidationError):
        services.withdraw_request(officer_a, request=request, reason=" ")
    services.withdraw_request(officer_a, request=request, reason="Đã chuyển đi nơi khác")
    assert _requests_due(officer_a.commune_id) == []
    with pytest.raises(ValidationError):
        services.withdraw_request(officer_a, request=request, reason="lần hai")


@time_machine.travel(at(2026, 11, 21, 10))
def test_converting_through_the_page_keeps_the_reporter_out_of_everything_about_the_person(
    tip, officer_a, person_a, login, caplog
):
    caplog.set_level(logging.DEBUG)
    client = login(officer_a)
    found = client.post(reverse("hotline:find_person", args=[tip.uuid]), {"find-q": person_a.full_name})
    assert found.status_code == 200 and str(person_a.uuid) in found.content.decode()
    assert client.post(reverse("hotline:link", args=[tip.uuid]), {"person": "not-a-uuid"}).status_code == 404
    assert client.post(reverse("hotline:link", args=[tip.uuid]), {"person": person_a.uuid}).status_code == 302
    bad = client.post(
        reverse("hotline:request", args=[tip.uuid]), {"req-kind": "drug_test", "req-due_on": "31/02/2026"}
    )
    assert bad.status_code == 400 and "ngày/tháng/năm" in bad.content.decode()
    good = client.post(
        reverse("hotline:request", args=[tip.uuid]),
        {"req-kind": "drug_test", "req-due_on": "25/11/2026", "req-verified": "on"},
    )
    assert good.status_code == 302
    page = client.get(reverse("hotline:detail", args=[tip.uuid])).content.decode()
    assert "Xét nghiệm chất ma túy trong cơ thể" in page and "Đang chờ" in page
    inbox = client.get(reverse("inbox:list")).content.decode()
    assert "Theo tin báo" in inbox
    person_pages = [
        client.get(reverse(name, args=[person_a.uuid])).content.decode()
        for name in ("people:detail", "cases:panel", "people:history")
    ]
    person_audit = list(AuditEntry.objects.values_list("extra", flat=True))
    for text in [*person_pages, str(person_audit), str(TipRequest.objects.values().get()), caplog.text]:
        assert REPORTER["name"] not in text and REPORTER["phone"] not in text
    assert Tip.objects.get().reporter_sealed  # still sealed in the tip, and only there
