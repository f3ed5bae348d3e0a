"""Tips: deadlines by category, the sealed reporter (who may see it, audited, never copied into a
case), handling steps, the inbox item, and what a reference code reveals."""

import logging

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.tests.conftest import at
from hoanhap.hotline import services
from hoanhap.hotline.models import Tip
from hoanhap.inbox.registry import due_items_for_commune

REPORTER = {"name": "Phan Thị Hiền", "phone": "0977000111", "address": "Xóm 4"}


@pytest.fixture
def tip(officer_a):
    with time_machine.travel(at(2026, 11, 20, 9)):
        return services.receive_tip(
            officer_a,
            channel="phone",
            category="hotspot",
            summary="Nhóm thanh niên tụ tập sử dụng ma túy tại bãi đất trống cuối xóm",
            location="Xóm 4",
            commune=officer_a.commune,
            reporter=REPORTER,
        )


def test_priority_and_deadline_follow_the_category(tip):
    assert (tip.priority, tip.respond_by) == ("high", at(2026, 11, 21, 9))
    assert tip.reference.startswith("TB-") and len(tip.reference) == 11


def test_the_reporter_is_sealed_at_rest_and_revealed_only_to_who_must_see_it(
    tip, officer_a, head_a, officer_b, provincial_police
):
    raw = Tip.objects.values_list("reporter_sealed", flat=True).get()
    assert "Phan Thị Hiền" not in raw and "0977000111" not in raw
    with pytest.raises(PermissionDenied):
        services.reveal_reporter(officer_a, tip=tip)  # a police officer, not the head
    with pytest.raises(PermissionDenied):
        services.reveal_reporter(officer_b, tip=tip)
    assert services.reveal_reporter(head_a, tip=tip) == REPORTER
    assert services.reveal_reporter(provincial_police, tip=tip)["phone"] == "0977000111"
    reveals = AuditEntry.objects.filter(action="reporter_reveal", extra__tip=str(tip.uuid))
    assert sorted(r.actor_id for r in reveals) == sorted([head_a.pk, provincial_police.pk])
    assert AuditEntry.objects.filter(
        action="denied", actor=officer_a, extra__tip_reporter=str(tip.uuid)
    ).exists()
    # Filed under the tip's unit, so that the province's auditor sees who looked (and who tried).
    for entry in [*reveals, *AuditEntry.objects.filter(action="denied", extra__tip_reporter=str(tip.uuid))]:
        assert (entry.province_code, entry.commune_code, entry.object_uuid) == (
            "40",
            tip.commune_id,
            tip.uuid,
        )


def test_pages_show_the_reporter_only_on_request_to_the_head(login, tip, officer_a, head_a, caplog):
    caplog.set_level(logging.DEBUG)
    detail = reverse("hotline:detail", args=[tip.uuid])
    officer_page = login(officer_a).get(detail).content.decode()
    assert "Đã niêm phong" in officer_page and "Phan Thị Hiền" not in officer_page
    head = login(head_a)
    assert "Phan Thị Hiền" not in head.get(detail).content.decode()
    assert login(officer_a).post(reverse("hotline:reveal", args=[tip.uuid])).status_code == 403
    revealed = head.post(reverse("hotline:reveal", args=[tip.uuid]))
    assert "Phan Thị Hiền" in revealed.content.decode() and "no-store" in revealed["Cache-Control"]
    assert "Phan Thị Hiền" not in login(officer_a).get(reverse("hotline:list")).content.decode()
    assert "Phan Thị Hiền" not in caplog.text and "0977000111" not in caplog.text


def test_linking_a_person_keeps_the_reporter_out_of_the_case(tip, officer_a, make_person, login):
    person = make_person(officer_a, full_name="Đoàn Văn Tú")
    services.link_person(officer_a, tip=tip, person=person)
    page = login(officer_a).get(reverse("people:detail", args=[person.uuid])).content.decode()
    panel = login(officer_a).get(reverse("cases:panel", args=[person.uuid])).content.decode()
    for text in (page, panel):
        assert "Phan Thị Hiền" not in text and "0977000111" not in text
    person.refresh_from_db()
    assert "Phan" not in str(person.__dict__)


def test_steps_closing_and_the_inbox_item(tip, officer_a, province_manager):
    with time_machine.travel(at(2026, 11, 21, 10)):
        (item,) = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "tip"]
        assert (item.subject, item.overdue, item.link) == (
            tip.reference,
            True,
            reverse("hotline:detail", args=[tip.uuid]),
        )
        with pytest.raises(PermissionDenied):
            services.add_step(province_manager, tip=tip, action="x")
        services.add_step(officer_a, tip=tip, action="Tuần tra, xác minh tại bãi đất trống")
        services.close_tip(officer_a, tip=tip, outcome="Phát hiện 3 người, đã lập biên bản")
        with pytest.raises(ValidationError):
            services.close_tip(officer_a, tip=tip, outcome="lần hai")
        assert not [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "tip"]


def test_a_reference_code_reveals_only_the_status(tip):
    status = services.public_status(tip.reference.lower())
    assert set(status) == {"status", "updated_on"} and str(status["status"]) == "Đã giao xử lý"
    assert services.public_status("TB-XXXXXXXX") is None


def test_officers_record_a_call_through_the_form(login, officer_a, officer_b):
    form = {
        "channel": "phone",
        "category": "counselling",
        "received_at": "20/11/2026 08:15",
        "summary": "Mẹ đề nghị tư vấn cai nghiện cho con",
        "reporter_phone": "0912000000",
    }
    response = login(officer_a).post(reverse("hotline:create"), form)
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert tip.has_reporter and tip.commune_id == officer_a.commune_id
    assert login(officer_b).get(reverse("hotline:detail", args=[tip.uuid])).status_code == 404


def test_the_export_holds_the_tips_of_the_unit_but_never_the_reporter(
    login, tip, officer_a, head_a, provincial_police, officer_b
):
    import io

    from openpyxl import load_workbook

    def cells(user):
        response = login(user).get(reverse("hotline:export"))
        assert response.status_code == 200
        return [c for row in load_workbook(io.BytesIO(response.content)).active.values for c in row]

    for user in (officer_a, head_a, provincial_police):  # the last two may reveal, still not in exports
        exported = cells(user)
        assert tip.reference in exported
        assert not [c for c in exported if isinstance(c, str) and ("Phan" in c or "0977000111" in c)]
    assert tip.reference not in cells(officer_b)  # another commune
    assert AuditEntry.objects.filter(action="export", actor=officer_a, extra__kind="tips").exists()
