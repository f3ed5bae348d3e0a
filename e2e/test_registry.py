"""A commune officer's first morning: log in with two-factor, search, create a person, read the
record, switch to English. Screenshots land in e2e/screenshots/ for a person to look at."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from hoanhap.accounts.services import issue_enrolment_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _token(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_officer_logs_in_searches_creates_and_switches_language(
    live_server, page, shot, officer_a, make_person
):
    make_person(officer_a, full_name="Nguyễn Văn An", national_id="040090012345")
    errors = []  # script exceptions and CSP refusals; a 400 for the deliberate bad input is expected
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)

    page.goto(f"{live_server.url}/dang-nhap/")
    shot("01-login")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/xac-thuc/kich-hoat/"))
    page.fill("#id_code", issue_enrolment_code(None, user=officer_a))  # as handed over by the administrator
    page.click("button.primary")
    page.wait_for_selector("img.qr")
    shot("02-two-factor-enrolment")
    page.fill("#id_token", _token(officer_a))
    page.click("button.primary")
    assert page.locator(".recovery-codes li").count() == 10  # shown once, on the confirming answer
    shot("03-recovery-codes")
    page.click("a.button.primary")
    page.wait_for_url(f"{live_server.url}/")
    shot("03-home")

    page.click("nav.mainnav >> text=Hồ sơ đối tượng")
    page.fill("#id_q", "nguyen van an")
    page.click("#search-form button.primary")
    page.wait_for_selector("#results table")  # htmx swapped the results in place
    assert page.locator("#results tbody tr").count() == 1
    assert "nguyen" not in page.url  # search terms stay out of the URL
    shot("04-search-results")

    page.fill("#id_q", "Trần Thị Bích")
    page.click("#search-form button.primary")
    page.wait_for_selector("text=Không có hồ sơ nào khớp")
    page.click("text=Tạo hồ sơ mới")
    assert page.input_value("#id_full_name") == "Trần Thị Bích"
    page.fill("#id_birth_date", "31/02/1995")
    page.select_option("#id_sex", "female")
    page.click("form.profile button.primary")
    assert page.locator(".errorlist").first.inner_text().startswith("Ngày không hợp lệ")
    shot("05-form-error")
    page.fill("#id_birth_date", "12/03/1995")
    page.fill("#id_national_id", "040195000123")
    page.fill("#id_current_address", "Xóm 3, Diễn Châu")
    page.check("input[name=substances][value=ats]")
    page.click("form.profile button.primary")
    page.wait_for_selector("h1:has-text('Trần Thị Bích')")
    assert page.locator("text=12/03/1995").count() == 1
    shot("06-person-detail")

    page.click("form.lang button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.locator("text=Change history").count() == 1
    shot("07-person-detail-english")
    assert errors == []  # no CSP violations or script errors
