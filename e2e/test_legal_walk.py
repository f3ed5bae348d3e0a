"""One person through the legal steps in the browser, as a commune officer works: positive test,
management decision, addiction determination (which stops management), voluntary rehab, relapse
during rehab, the compulsory-rehab dossier, the court's order and admission, completion at the
facility, the post-rehab decision and its completion. The clock is moved forward (time-machine)
across the years the terms run; the officer logs in again after each jump, as sessions expire."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
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


VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/dang-nhap/")
    _fill(page, {"username": user.username, "password": PASSWORD})
    page.click("button.primary")
    page.fill("#id_token", _token(user))
    _save(page)


def _open(page, live_server, person) -> None:
    page.goto(f"{live_server.url}/ho-so/{person.uuid}/")
    page.wait_for_selector(".case-panel")


def _step(page, kind: str, on: str, **values: str) -> None:
    page.click("text=Ghi nhận bước tiếp theo")
    page.select_option("#id_kind", kind)
    _fill(page, {"on": on, **values})
    _save(page)


def test_walk_from_positive_test_to_aftercare_completion(live_server, page, shot, officer_a, make_person):
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=VN), tick=True) as clock:
        person = make_person(officer_a, full_name="Phạm Văn Đức")
        TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
        _log_in(page, live_server, officer_a)
        _open(page, live_server, person)
        _voluntary_rehab(page, shot)
        _relapse_and_dossier(page, shot)
        clock.move_to(dt.datetime(2029, 11, 26, 9, tzinfo=VN))
        _log_in(page, live_server, officer_a)
        _open(page, live_server, person)
        _facility_completion_and_aftercare(page, shot)
        clock.move_to(dt.datetime(2031, 11, 27, 9, tzinfo=VN))
        _log_in(page, live_server, officer_a)
        _open(page, live_server, person)
        page.click("text=Ghi nhận diễn biến")
        page.select_option("#id_kind", "complete")
        _fill(page, {"on": "26/11/2031", "document_number": "3/GCN-UBND"})
        _save(page)
        page.wait_for_selector("text=Không thuộc diện quản lý")
        page.wait_for_selector("text=Chấp hành xong, cấp giấy chứng nhận (Mẫu 54)")
        shot("19-aftercare-completed")


def _voluntary_rehab(page, shot) -> None:
    _positive_test(page, "01/10/2026 09:00")
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


def _positive_test(page, when: str) -> None:
    page.click("text=Ghi nhận xét nghiệm")
    _fill(
        page,
        {
            "tested_at": when,
            "place": "Trụ sở Công an xã",
            "testing_body": "Công an xã",
            "tester": "Lê Thị Hoa",
        },
    )
    page.select_option("#id_reason", "caught_using")
    page.select_option("#id_sample", "urine")
    page.select_option("#id_result", "positive")
    _save(page)


def _relapse_and_dossier(page, shot) -> None:
    """Drug use during voluntary rehab may first be a crime (Bộ luật Hình sự Điều 256a.1.a): the
    commune hands it to the investigation agency, and only when that agency does not prosecute is it
    a ground for compulsory rehab (Luật 120/2025 Điều 35.1.b), not a new management decision: the
    page says so and offers the dossier; the episode ends early."""
    _positive_test(page, "02/11/2026 09:00")
    page.wait_for_selector("text=có thể là tội phạm theo Điều 256a Bộ luật Hình sự")
    shot("09-positive-criminal-route")
    page.click(".case-panel a.button:has-text('Chuyển Cơ quan điều tra')")
    _fill(
        page,
        {
            "handed_over_on": "02/11/2026",
            "investigation_body": "Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An",
            "handover_number": "15/CAX",
        },
    )
    _save(page)
    page.click(".case-panel a.button:has-text('Ghi nhận trả lời của cơ quan điều tra')")
    page.select_option("#id_answer", "not_prosecuted")
    _fill(page, {"answered_on": "03/11/2026", "answer_number": "88/CSĐT"})
    _save(page)
    page.wait_for_selector(
        "text=Căn cứ lập hồ sơ đề nghị đưa đi cai nghiện bắt buộc (Luật 120/2025 Điều 35.1.b"
    )
    assert page.get_by_text("cần ra quyết định quản lý").count() == 0
    shot("16-positive-in-rehab")
    page.click("text=Ghi nhận diễn biến")
    page.select_option("#id_kind", "exit")
    page.select_option("#id_exit_reason", "used")
    page.fill("#id_on", "02/11/2026")
    _save(page)
    page.click("text=Lập hồ sơ cai nghiện bắt buộc")
    page.select_option("#id_ground", "used_in_voluntary")
    _fill(page, {"last_violation_on": "02/11/2026", "opened_on": "03/11/2026"})
    _save(page)
    page.wait_for_selector("text=Còn thiếu")
    for item, pages in (
        ("profile", "2"),
        ("violation_record", "3"),
        ("addiction_confirmation", "1"),
        ("proposal", "2"),
    ):
        page.select_option("#id_item", item)
        _fill(page, {"title": f"Tài liệu {item}", "pages": pages})
        with page.expect_navigation():
            page.click("text=Đưa vào hồ sơ")
    assert page.locator("td", has_text="7–8").count() == 1  # pages run on across the dossier
    shot("13-dossier-filed")
    _step(page, "notify", "04/11/2026")
    page.click("text=Mở hồ sơ")  # each step returns to the person's page
    page.wait_for_selector("text=Hạn chuyển hồ sơ đến Tòa án")
    assert page.locator("dd", has_text="10/11/2026").count() == 1  # 3 working days to read, then 1
    _step(page, "forward", "10/11/2026", note="Tòa án nhân dân khu vực 3 – Nghệ An")
    page.click("text=Mở hồ sơ")
    _step(page, "accept", "12/11/2026")
    page.click("text=Mở hồ sơ")
    _step(page, "order", "20/11/2026", note="Tòa án nhân dân khu vực 3 – Nghệ An", document_number="15/QĐ-TA")
    page.click("text=Mở hồ sơ")
    page.click("text=Tiếp nhận vào cơ sở")
    _fill(
        page,
        {"on": "23/11/2026", "intake_record_number": "45/BB", "provider": "Cơ sở cai nghiện ma túy số 1"},
    )
    _save(page)
    page.wait_for_selector("text=Đang cai nghiện ma túy")
    # The second rehab under Luật 120/2025 runs 36 months (Điều 29.1).
    assert page.locator("text=36 tháng, đến 23/11/2029").count() == 1
    # The notice and the forwarding decision, numbered from their registers.
    page.click("li:has-text('Thông báo về việc lập hồ sơ') a:has-text('Phát hành')")
    page.fill("#id_signer_name", "Trần Văn Hùng")
    _save(page)
    page.wait_for_selector("strong:has-text('02/TB-CAX')")  # one register per body and year (NĐ 30 Điều 15)
    page.click("li:has-text('Quyết định chuyển hồ sơ') a:has-text('Phát hành')")
    page.fill("#id_signer_name", "Trần Văn Hùng")
    _save(page)
    page.wait_for_selector("strong:has-text('01/QĐ-CAX')")
    shot("14-compulsory-admitted")


def _facility_completion_and_aftercare(page, shot) -> None:
    for stage in range(1, 6):
        page.click("text=Ghi nhận diễn biến")
        page.select_option("#id_kind", "stage_done")
        page.select_option("#id_stage", str(stage))
        page.fill("#id_on", f"0{stage}/0{stage}/2027")
        _save(page)
    page.click("text=Ghi nhận diễn biến")
    page.select_option("#id_kind", "complete")
    _fill(page, {"on": "23/11/2029", "document_number": "88/GCN"})
    _save(page)
    page.wait_for_selector("text=Đã hoàn thành cai nghiện, chờ quyết định quản lý sau cai")
    page.click("a.button:has-text('Quyết định quản lý sau cai')")
    _fill(
        page,
        {
            "decided_on": "26/11/2029",
            "signer_name": "Nguyễn Đình Thắng",
            "assigned_helper": "Hội Cựu chiến binh xã",
        },
    )
    _save(page)
    page.wait_for_selector("text=Đang bị quản lý sau cai nghiện")
    # After an adult's compulsory rehab, two years (Điều 42.2).
    page.wait_for_selector("text=đến 23/11/2031")
    shot("15-aftercare")
