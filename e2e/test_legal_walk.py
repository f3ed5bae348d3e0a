"""One person through the legal steps in the browser, as a commune officer works: positive test,
management decision, addiction determination (which stops management), voluntary rehab, a stage.
The compulsory dossier, the court and the facility steps join this walk when they exist."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from e2e.test_registry import _token

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill(page, values: dict[str, str]) -> None:
    for field, value in values.items():
        page.fill(f"#id_{field}", value)


def _save(page) -> None:
    with page.expect_navigation():
        page.click("form button.primary")


def test_walk_from_positive_test_to_rehab(live_server, page, shot, officer_a, make_person):
    person = make_person(officer_a, full_name="Phạm Văn Đức")
    TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    page.goto(f"{live_server.url}/dang-nhap/")
    _fill(page, {"username": "officer_a", "password": PASSWORD})
    page.click("button.primary")
    page.fill("#id_token", _token(officer_a))
    _save(page)

    page.goto(f"{live_server.url}/ho-so/{person.uuid}/")
    page.wait_for_selector(".case-panel")
    page.click("text=Ghi nhận xét nghiệm")
    _fill(
        page,
        {
            "tested_at": "01/10/2026 09:00",
            "place": "Trụ sở Công an xã",
            "testing_body": "Công an xã",
            "tester": "Lê Thị Hoa",
        },
    )
    page.select_option("#id_reason", "caught_using")
    page.select_option("#id_sample", "urine")
    page.select_option("#id_result", "positive")
    _save(page)
    page.wait_for_selector("text=chờ quyết định quản lý")

    page.click("text=Ra quyết định quản lý")
    _fill(
        page,
        {
            "decision_number": "12/QĐ-CAX",
            "decided_on": "02/10/2026",
            "signer_name": "Trần Văn Hùng",
            "team_leader": "Lê Thị Hoa",
            "assigned_helper": "Võ Thị Mai",
        },
    )
    _save(page)
    page.wait_for_selector("text=Người sử dụng trái phép chất ma túy đang bị quản lý")
    shot("10-under-management")

    page.click("text=Kết quả xác định nghiện")
    page.select_option("#id_trigger", "repeated_use")
    _fill(
        page,
        {
            "requesting_unit": "Công an xã",
            "health_facility": "Trung tâm Y tế khu vực",
            "started_on": "05/10/2026",
            "result_on": "08/10/2026",
            "result_number": "9/PKQ",
        },
    )
    page.select_option("#id_substance_class", "stimulants")
    for criterion in ("craving", "tolerance", "withdrawal"):
        page.check(f"input[name=criteria][value={criterion}]")
    _save(page)
    page.wait_for_selector("text=Kết luận: nghiện ma túy.")
    page.wait_for_selector("text=Người nghiện ma túy (chưa cai nghiện)")
    assert page.get_by_text("Dừng quản lý", exact=True).count() == 1  # the determination stopped management
    shot("11-addicted")

    page.click("text=Tiếp nhận đăng ký cai nghiện")
    _fill(
        page,
        {
            "started_on": "15/10/2026",
            "intake_record_number": "3/BB-CAX",
            "provider": "Tổ công tác cai nghiện",
        },
    )
    _save(page)
    page.wait_for_selector("text=Đang cai nghiện ma túy")
    page.click("text=Ghi nhận diễn biến")
    page.select_option("#id_kind", "stage_done")
    page.select_option("#id_stage", "1")
    page.fill("#id_on", "20/10/2026")
    _save(page)
    page.wait_for_selector("text=Giai đoạn 1")
    assert page.locator("text=24 tháng, đến 15/10/2028").count() == 1  # first rehab under Luật 120: 24 months
    shot("12-in-rehab")
