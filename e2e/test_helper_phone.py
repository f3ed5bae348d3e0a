"""A helper on a phone (390×844): logs in, opens the one person assigned, records a home visit."""

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from e2e.conftest import save_shot
from e2e.test_registry import _token
from hoanhap.support import services
from hoanhap.support.models import Contact

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_helper_records_a_visit_on_a_phone(live_server, browser, officer_a, helper_a, make_person):
    person = make_person(officer_a, full_name="Lò Văn Sơn", phone="0911222333")
    services.assign_helper(
        officer_a, person=person, helper=helper_a, organisation="veterans", starts_on=dt.date(2026, 11, 1)
    )
    TOTPDevice.objects.create(user=helper_a, name="phone", confirmed=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "helper_a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.fill("#id_token", _token(helper_a))
    with page.expect_navigation():
        page.click("form button.primary")
    page.goto(f"{live_server.url}/giup-do/")
    page.wait_for_selector("text=Lò Văn Sơn")
    save_shot(page, "29-helper-list-phone")
    page.click("text=Lò Văn Sơn")
    page.wait_for_selector("text=0911222333")
    page.check("input[name=kind][value=home_visit]")
    page.check("input[name=concerns][value=no_work]")
    page.fill("#id_notes", "Đã giới thiệu lớp học nghề sửa xe máy")
    with page.expect_navigation():
        page.click("form button.primary")
    page.wait_for_selector("text=Đã ghi nhận.")
    page.wait_for_selector("text=Đã giới thiệu lớp học nghề sửa xe máy")
    save_shot(page, "30-helper-visit-phone")
    assert Contact.objects.get().concerns == ["no_work"]
    # The registry stays closed to the helper.
    response = page.goto(f"{live_server.url}/ho-so/{person.uuid}/")
    assert response.status == 404
    context.close()
