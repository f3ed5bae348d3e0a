"""A citizen on a phone submits a registration and an anonymous tip on the portal; the commune
officer finds both in the inbox."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from e2e.conftest import save_shot
from e2e.test_registry import _token

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_registration_and_tip_reach_the_officers_inbox(live_server, browser, page, officer_a, make_person):
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True
    ).new_page()
    phone.goto(f"{live_server.url}/cong-thong-tin/")
    phone.click("text=Đăng ký cai nghiện tự nguyện")
    phone.select_option("#tinh", "40")
    with phone.expect_navigation():
        phone.click("button.primary")
    phone.select_option("#id_commune", "17464")
    phone.fill("#id_full_name", "Hồ Văn Lợi")
    phone.fill("#id_birth_date", "12/08/1994")
    phone.fill("#id_phone", "0905111222")
    phone.fill("#id_address", "Xóm 3")
    phone.check("#id_commitment")
    with phone.expect_navigation():
        phone.click("button.primary")
    registration = phone.inner_text("strong.reference")
    save_shot(phone, "40-portal-registered-phone")

    phone.goto(f"{live_server.url}/cong-thong-tin/gui-tin-bao/?tinh=40")
    phone.select_option("#id_commune", "17464")
    phone.select_option("#id_category", "hotspot")
    phone.fill("#id_summary", "Thanh niên tụ tập sử dụng ma túy ở bãi sông vào buổi tối")
    with phone.expect_navigation():
        phone.click("button.primary")
    tip = phone.inner_text("strong.reference")
    save_shot(phone, "41-portal-tip-phone")
    assert registration.startswith("DK-") and tip.startswith("TB-")

    TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.fill("#id_token", _token(officer_a))
    with page.expect_navigation():
        page.click("form button.primary")
    page.goto(f"{live_server.url}/nghiep-vu/viec-can-lam/")
    page.wait_for_selector(f"text={registration}")
    page.wait_for_selector(f"text={tip}")
    save_shot(page, "42-inbox-with-portal-items")
    assert page.locator("text=Hồ Văn Lợi").count() == 0  # the inbox names the code, not the applicant

    # The tip is about someone in the registry: the officer links it and asks for a drug test.
    make_person(officer_a, full_name="Đoàn Văn Tú")
    page.click(f"text={tip}")
    page.fill("#id_find-q", "doan van tu")
    with page.expect_navigation():
        page.click("text=Tìm trong sổ")
    with page.expect_navigation():
        page.click("button:has-text('Liên kết')")
    page.select_option("#id_req-kind", "drug_test")
    page.check("#id_req-verified")
    with page.expect_navigation():
        page.click("text=Đề nghị sàng lọc / xét nghiệm")
    page.wait_for_selector("text=Đang chờ")
    save_shot(page, "43-tip-linked-test-requested")
    page.goto(f"{live_server.url}/nghiep-vu/viec-can-lam/")
    page.wait_for_selector("text=Theo tin báo: Xét nghiệm chất ma túy trong cơ thể")
    save_shot(page, "44-inbox-with-tip-request")
