"""The public portal: registration becomes a due item with its legal deadline, tips arrive without
identity, reference codes reveal only a status, honeypot and rate limits hold, nothing is lost."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from hoanhap.cases.tests.conftest import at
from hoanhap.hotline.models import Tip
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.portal.models import Registration

COMMUNE = "17464"


def _registration(**extra):
    return {
        "tinh": "40",
        "commune": COMMUNE,
        "full_name": "Nguyễn Hữu Tài",
        "birth_date": "02/03/1995",
        "phone": "0905123456",
        "address": "Xóm 2",
        "commitment": "on",
        **extra,
    }


def test_a_registration_becomes_a_due_item_with_its_deadline(units, officer_a, login):
    with time_machine.travel(at(2026, 11, 20, 10)):  # a Friday
        page = Client().post(reverse("portal:register"), _registration())
        assert page.status_code == 200
        registration = Registration.objects.get()
        assert registration.reference in page.content.decode()
        (item,) = [i for i in due_items_for_commune(COMMUNE) if i.kind == "online_registration"]
        # Three working days: Monday 23, Wednesday 25, Thursday 26/11/2026 (24/11 is Vietnam Culture Day).
        assert (item.due_at.date(), item.responsible_role, item.subject) == (
            dt.date(2026, 11, 26),
            "commune_police_head",
            registration.reference,
        )
        inbox = login(officer_a).get(reverse("inbox:list")).content.decode()
        assert registration.reference in inbox and "Nguyễn Hữu Tài" not in inbox
        answer = login(officer_a).post(
            reverse("portal:registration", args=[registration.uuid]),
            {"status": "accepted", "answer": "Mời đến Công an xã ngày 26/11"},
        )
        assert answer.status_code == 302
        assert not [i for i in due_items_for_commune(COMMUNE) if i.kind == "online_registration"]
        status = (
            Client().post(reverse("portal:status"), {"reference": registration.reference}).content.decode()
        )
        assert "Đã lập biên bản tiếp nhận đăng ký" in status and "Nguyễn Hữu Tài" not in status


def test_minors_need_a_guardian_and_children_under_12_are_refused(units):
    minor = _registration(birth_date="01/01/2010")
    response = Client().post(reverse("portal:register"), minor)
    assert response.status_code == 400 and "người giám hộ" in response.content.decode()
    child = Client().post(reverse("portal:register"), _registration(birth_date="01/01/2020"))
    assert child.status_code == 400 and "đủ 12 tuổi" in child.content.decode()
    assert not Registration.objects.exists()


def test_an_anonymous_tip_reaches_the_commune_and_its_code_reveals_only_the_status(units, officer_a):
    page = Client().post(
        reverse("portal:tip"),
        {
            "tinh": "40",
            "commune": COMMUNE,
            "category": "hotspot",
            "summary": "Có người tụ tập sử dụng ma túy ở cầu",
        },
    )
    tip = Tip.objects.get()
    assert tip.reference in page.content.decode() and tip.channel == "web" and not tip.has_reporter
    assert [i.subject for i in due_items_for_commune(COMMUNE) if i.kind == "tip"] == [tip.reference]
    status = Client().post(reverse("portal:status"), {"reference": tip.reference}).content.decode()
    assert "Đã giao xử lý" in status and "cầu" not in status
    assert (
        "Không tìm thấy"
        in Client().post(reverse("portal:status"), {"reference": "TB-AAAAAAAA"}).content.decode()
    )


def test_the_honeypot_stops_robots_and_saves_nothing(units):
    response = Client().post(reverse("portal:register"), _registration(website="http://spam.example"))
    assert response.status_code == 400 and not Registration.objects.exists()


def test_submissions_are_limited_per_address_and_hour(units, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    tip = {"tinh": "40", "commune": COMMUNE, "category": "use", "summary": "Tin báo"}
    with time_machine.travel(at(2026, 11, 20, 10, 5)):
        assert [client.post(reverse("portal:tip"), tip).status_code for _ in range(3)] == [200, 200, 429]
        assert Client(REMOTE_ADDR="203.0.113.10").post(reverse("portal:tip"), tip).status_code == 200
    with time_machine.travel(at(2026, 11, 20, 11, 1)):
        assert client.post(reverse("portal:tip"), tip).status_code == 200
    assert Tip.objects.count() == 4


def test_the_portal_needs_no_log_in(units):
    for name in ("portal:home", "portal:register", "portal:tip", "portal:status", "portal:directory"):
        assert Client().get(reverse(name)).status_code == 200


def test_information_pages_are_public_and_edited_by_administrators(login, sysadmin, officer_a):
    from hoanhap.portal.models import InfoPage

    assert "Các hình thức cai nghiện ma túy" in Client().get(reverse("portal:home")).content.decode()
    page = Client().get(reverse("portal:page", args=["cac-hinh-thuc-cai-nghien"])).content.decode()
    assert "Điều 30" in page
    edit = reverse("portal:page_edit", args=["cac-hinh-thuc-cai-nghien"])
    assert login(officer_a).get(edit).status_code == 403
    data = {
        "slug": "cac-hinh-thuc-cai-nghien",
        "title": "Các hình thức cai nghiện",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "order": 1,
    }
    assert login(sysadmin).post(edit, data).status_code == 302
    assert InfoPage.objects.get(slug="cac-hinh-thuc-cai-nghien").published is False  # unticked box: hidden
    assert Client().get(reverse("portal:page", args=["cac-hinh-thuc-cai-nghien"])).status_code == 404


def test_the_status_page_dates_a_change_in_vietnam_time_not_utc(units):
    """18:30 UTC on 4 December is 01:30 on 5 December in Hà Nội: the citizen sees 05/12, as staff do."""
    late_evening_utc = dt.datetime(2026, 12, 4, 18, 30, tzinfo=dt.UTC)
    with time_machine.travel(late_evening_utc, tick=False):
        Client().post(reverse("portal:register"), _registration())
        Client().post(
            reverse("portal:tip"), {"tinh": "40", "commune": COMMUNE, "category": "use", "summary": "Tin báo"}
        )
        for reference in (Registration.objects.get().reference, Tip.objects.get().reference):
            status = Client().post(reverse("portal:status"), {"reference": reference}).content.decode()
            assert "cập nhật ngày 05/12/2026" in status and "04/12/2026" not in status, reference
