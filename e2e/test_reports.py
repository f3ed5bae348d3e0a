"""A commune officer reads the live indicators, opens the quarter's report, submits it; the province
approves it. Screenshots of each page."""

import pytest
import time_machine

from conftest import ensure_indicator_definitions
from e2e.conftest import SCREENSHOTS, save_shot, sign_in
from hoanhap.cases.tests.conftest import at
from hoanhap.reports.tests.test_indicators import dataset  # noqa: F401 - the hand-counted data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def indicator_definitions(db):
    """Browser tests flush the database between tests, taking the rows migrations seeded with it."""
    ensure_indicator_definitions()


def test_a_quarter_report_from_the_commune_to_the_province(live_server, browser, dataset, province_manager):  # noqa: F811
    officer_a, _officer_b = dataset
    # After the quarter has ended: a report is submitted once its period is over (issue 26, item 4).
    with time_machine.travel(at(2026, 10, 5), tick=True):
        page = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="vi-VN").new_page()
        sign_in(page, live_server, officer_a)
        page.goto(f"{live_server.url}/bao-cao/?kind=quarterly&year=2026&number=3")
        page.wait_for_selector("text=Người nghiện có hồ sơ được tư vấn về cai nghiện")
        save_shot(page, "60-indicators-commune")
        with page.expect_navigation():
            page.click("button:has-text('Mở báo cáo kỳ này')")
        with page.expect_navigation():
            page.click("button:has-text('Gửi tỉnh')")
        page.wait_for_selector("text=Đã gửi, chờ duyệt")
        save_shot(page, "61-report-submitted")

        province = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="vi-VN").new_page()
        sign_in(province, live_server, province_manager)
        province.goto(f"{live_server.url}/bao-cao/?kind=quarterly&year=2026&number=3")
        province.wait_for_selector("text=Tình hình gửi báo cáo của các xã trong kỳ")
        save_shot(province, "62-province-overview")
        errors = []
        province.on("pageerror", lambda error: errors.append(str(error)))
        province.goto(f"{live_server.url}/bao-cao/tong-quan/?chi_so=counselled_addicted")
        province.wait_for_function("document.getElementById('ranking-chart').width > 0")
        save_shot(province, "65-dashboard-province")
        assert errors == []
        province.goto(f"{live_server.url}/bao-cao/?kind=quarterly&year=2026&number=3")
        with province.expect_navigation():
            province.click("a:has-text('Đã gửi, chờ duyệt')")
        with province.expect_navigation():
            province.click("button:has-text('Duyệt và khóa')")
        province.wait_for_selector("text=Đã duyệt, khóa")
        save_shot(province, "63-report-approved")


def test_the_dien_chau_plan_page(live_server, browser, officer_a):
    from hoanhap.programs import services as programs
    from hoanhap.programs.tests.test_plans import example

    plan = programs.import_plan(officer_a, example())
    with time_machine.travel(at(2026, 7, 1), tick=True):
        page = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="vi-VN").new_page()
        sign_in(page, live_server, officer_a)
        page.goto(f"{live_server.url}/ke-hoach/{plan.uuid}/")
        page.wait_for_selector("text=Mục tiêu và kết quả đến nay")
        save_shot(page, "64-plan")
        page.goto(f"{live_server.url}/nghiep-vu/viec-can-lam/")
        page.wait_for_selector("text=Nhiệm vụ kế hoạch")


def test_the_year_s_treatment_entrants(
    live_server, browser, province_manager, officer_a, officer_b, officer_c, make_person
):
    from hoanhap.reports.tests import test_entrants

    test_entrants.build(officer_a, officer_b, officer_c, make_person)
    with time_machine.travel(at(2026, 11, 20), tick=True):
        page = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="vi-VN").new_page()
        sign_in(page, live_server, province_manager)
        page.goto(f"{live_server.url}/bao-cao/")
        with page.expect_navigation():
            page.click("a:has-text('Người vào điều trị trong năm')")
        page.wait_for_selector("text=5 người vào cai nghiện")
        save_shot(page, "66-treatment-entrants")
        with page.expect_download() as download:
            page.click("a:has-text('chia sẻ, ẩn số nhỏ')")
        download.value.save_as(str(SCREENSHOTS / "66-treatment-entrants-shared.xlsx"))
