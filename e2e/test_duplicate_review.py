"""A record that matches one in another commune: the officer is told only that it needs review;
PC04 of the province compares both and moves the existing record to the commune."""

import datetime as dt

import pytest

from e2e.conftest import save_shot, sign_in
from hoanhap.people import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ID_1987 = "040087000123"


def test_a_match_elsewhere_goes_to_the_province_and_comes_back_as_the_record(
    live_server, browser, officer_a, officer_b, provincial_police
):
    elsewhere = services.create_person(
        officer_b,
        commune=officer_b.commune,
        data={
            "full_name": "Đinh Công Khánh",
            "birth_date": dt.date(1987, 5, 6),
            "sex": "male",
            "national_id": ID_1987,
        },
    )
    officer = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="vi-VN").new_page()
    sign_in(officer, live_server, officer_a)
    officer.goto(f"{live_server.url}/ho-so/")
    officer.fill("#id_q", ID_1987)
    officer.click("#search-form button.primary")
    officer.wait_for_selector("text=Không có hồ sơ nào khớp")  # B's record is not A's to see
    officer.click("text=Tạo hồ sơ mới")
    officer.fill("#id_full_name", "Đinh Công Khánh")
    officer.fill("#id_birth_date", "06/05/1987")
    officer.select_option("#id_sex", "male")
    officer.fill("#id_national_id", ID_1987)
    with officer.expect_navigation():
        officer.click("form button.primary")
    page_text = officer.content()
    assert "cần được cấp trên rà soát" in page_text and "Quỳnh Lưu" not in page_text
    save_shot(officer, "08-needs-review")

    reviewer = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN").new_page()
    sign_in(reviewer, live_server, provincial_police)
    reviewer.click("nav.mainnav >> text=Hồ sơ trùng giữa các xã")
    reviewer.click("table.list tbody tr a")
    assert "Xã Quỳnh Lưu" in reviewer.content() and ID_1987 in reviewer.content()
    reviewer.check("input[name=outcome][value=transfer]")
    reviewer.check(f"input[name=person][value='{elsewhere.uuid}']")
    reviewer.fill("#id_moved_on", "01/11/2026")
    reviewer.fill("#id_note", "Cùng một người, đã chuyển về Diễn Châu.")
    save_shot(reviewer, "67-duplicate-review")
    with reviewer.expect_navigation():
        reviewer.click("form button.primary")
    assert "Đã ghi kết luận rà soát" in reviewer.content()

    elsewhere.refresh_from_db()
    assert elsewhere.commune_id == officer_a.commune_id
    officer.reload()
    assert "đã được chuyển về xã" in officer.content()
