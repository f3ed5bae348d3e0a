"""The pages the user guides (docs/huong-dan) show that no other browser test reaches: a commune's
lists and inbox with cases in them, what the audit, administration and facility roles open, and a
referral answered by the clinic that received it."""

import datetime as dt

import pytest
import time_machine

from conftest import _user
from e2e.conftest import save_shot, sign_in
from hoanhap.cases.tests.conftest import at
from hoanhap.lib.roles import Role
from hoanhap.reports.tests.test_indicators import dataset  # noqa: F401 - people in several statuses
from hoanhap.support import services as support
from hoanhap.support.models import Referral

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _visit(page, live_server, path: str, text: str, name: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(f"text={text}")
    save_shot(page, name)


def test_the_pages_each_role_opens(live_server, browser, dataset, auditor, sysadmin):  # noqa: F811
    officer_a, _officer_b = dataset
    with time_machine.travel(at(2026, 9, 10), tick=True):
        officer = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN").new_page()
        sign_in(officer, live_server, officer_a)
        _visit(officer, live_server, "/nghiep-vu/danh-sach/addicted/", "Người A1", "70-status-list")
        _visit(officer, live_server, "/nghiep-vu/viec-can-lam/", "Việc cần làm", "71-inbox")

        audit = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN").new_page()
        sign_in(audit, live_server, auditor)
        _visit(audit, live_server, "/nhat-ky/", "officer_a", "80-audit-log")

        admin = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN").new_page()
        sign_in(admin, live_server, sysadmin)
        _visit(admin, live_server, "/tai-khoan/", "officer_a", "81-users")
        _visit(admin, live_server, "/tai-khoan/tao/", "Vai trò", "82-user-create")
        _visit(admin, live_server, "/bao-ve-du-lieu/luu-giu/", "Thời hạn lưu giữ", "83-retention")


def test_a_clinic_answers_a_referral(live_server, page, officer_a, make_person):
    with time_machine.travel(at(2026, 11, 2), tick=True):
        clinic = support.add_provider(
            officer_a,
            data={"name": "Cơ sở điều trị Methadone Diễn Châu", "kind": "methadone", "in_commune": True},
        )
        staff = _user("clinic_staff", Role.FACILITY_STAFF, province="40")
        clinic.members.add(staff)
        person = make_person(officer_a, full_name="Hồ Văn Nam")
        support.send_referral(
            officer_a,
            person=person,
            provider=clinic,
            service="medical",
            reason="Điều trị nghiện các chất dạng thuốc phiện bằng Methadone",
            sent_on=dt.date(2026, 11, 2),
        )
        sign_in(page, live_server, staff)
        _visit(page, live_server, "/giup-do/gioi-thieu/", "Hồ Văn Nam", "75-referrals-received")
        page.click("table.list a")
        page.select_option("#id_status", "accepted")
        page.fill("#id_note", "Hẹn khám, làm xét nghiệm ngày 05/11")
        with page.expect_navigation():
            page.click("form button.primary")
        page.wait_for_selector("text=Đã ghi nhận.")
        save_shot(page, "76-referral-accepted")
        assert Referral.objects.get().status == "accepted"
