"""An officer imports the commune's old Excel list: sees each broken row, fixes the file, commits."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from e2e.conftest import save_shot
from e2e.test_registry import _token
from hoanhap.geo import services as geo
from hoanhap.imports.tests.test_imports import GOOD, xlsx
from hoanhap.people.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_imports_a_list(live_server, page, officer_a, tmp_path):
    geo.create_hamlet(officer_a, commune=officer_a.commune, kind="xom", name="Xóm Đông")
    broken = tmp_path / "danh-sach-loi.xlsx"
    broken.write_bytes(xlsx([*GOOD, [5, "Vũ Văn Sáu", "31/02/1990", "Không rõ", None, "Xóm Ma", None, None]]))
    good = tmp_path / "danh-sach.xlsx"
    good.write_bytes(xlsx(GOOD))

    TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.fill("#id_token", _token(officer_a))
    with page.expect_navigation():
        page.click("form button.primary")

    page.goto(f"{live_server.url}/ho-so/")
    page.click("text=Nhập danh sách từ Excel")
    page.set_input_files("#id_file", str(broken))
    with page.expect_navigation():
        page.click("button:has-text('Tải lên')")
    save_shot(page, "50-import-mapping")
    with page.expect_navigation():
        page.click("button:has-text('Kiểm tra danh sách')")
    page.wait_for_selector("text=Lỗi từng dòng")
    save_shot(page, "51-import-errors")
    assert Person.objects.count() == 0

    page.goto(f"{live_server.url}/ho-so/nhap-danh-sach/")
    page.set_input_files("#id_file", str(good))
    with page.expect_navigation():
        page.click("button:has-text('Tải lên')")
    with page.expect_navigation():
        page.click("button:has-text('Kiểm tra danh sách')")
    with page.expect_navigation():
        page.click("button:has-text('Ghi 4 hồ sơ mới vào sổ')")
    page.wait_for_selector("text=Đã ghi vào sổ")
    save_shot(page, "52-import-committed")
    assert Person.objects.count() == 4
