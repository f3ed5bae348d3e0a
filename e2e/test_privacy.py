"""A citizen's request about their data is recorded from their record, reaches the inbox with its
deadline and is answered; the head of the commune police records a breach and its notice."""

import pytest

from e2e.conftest import save_shot, sign_in
from hoanhap.privacy.models import Breach, DataRequest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_data_request_and_a_breach(live_server, browser, page, shot, officer_a, head_a, make_person):
    person = make_person(officer_a, full_name="Đỗ Văn Quyền")
    sign_in(page, live_server, officer_a)
    page.goto(f"{live_server.url}/bao-ve-du-lieu/yeu-cau/?ho_so={person.uuid}")
    page.fill("#id_received_at", "20/11/2026 09:30")
    page.select_option("#id_kind", "correction")
    page.fill("#id_requester", "Đỗ Văn Quyền")
    page.fill("#id_contact", "0912 000 444")
    page.fill("#id_details", "Ngày sinh trong hồ sơ ghi sai.")
    shot("90-data-request-form")
    with page.expect_navigation():
        page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("text=Hạn phản hồi")
    request = DataRequest.objects.get()
    assert request.person == person
    page.goto(f"{live_server.url}/nghiep-vu/viec-can-lam/")
    page.wait_for_selector("text=Phản hồi yêu cầu của chủ thể dữ liệu")
    shot("91-inbox-with-data-request")
    page.goto(f"{live_server.url}/bao-ve-du-lieu/yeu-cau/{request.uuid}/")
    # First the reply within 2 working days (NĐ 356/2025 Điều 5.3), then the outcome within 10 days.
    page.fill("#id_respond-response", "Đã tiếp nhận; sẽ đối chiếu căn cước và sửa trong 10 ngày.")
    with page.expect_navigation():
        page.click("button:has-text('Ghi nhận phản hồi')")
    page.select_option("#id_outcome", "done")
    page.fill("#id_answer", "Đã sửa ngày sinh theo căn cước, báo lại qua điện thoại.")
    with page.expect_navigation():
        page.click("button:has-text('Ghi nhận kết quả')")
    page.wait_for_selector("text=Đã thực hiện")
    shot("92-data-requests-answered")

    head = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="vi-VN").new_page()
    sign_in(head, live_server, head_a)
    head.goto(f"{live_server.url}/bao-ve-du-lieu/su-co/")
    head.fill("#id_detected_at", "23/11/2026 08:00")
    head.fill("#id_place", "Trụ sở Công an xã")
    head.fill("#id_description", "Gửi nhầm danh sách qua thư điện tử cho một đơn vị khác.")
    head.fill(
        "#id_consequences",
        "Lộ thông tin về tình trạng quản lý của 12 người cho một đơn vị không có thẩm quyền.",
    )
    head.fill("#id_data_affected", "Họ tên, năm sinh, tình trạng quản lý")
    head.fill("#id_people_affected", "12")
    with head.expect_navigation():
        head.click("button:has-text('Ghi nhận')")
    head.wait_for_selector("text=Ghi nhận việc thông báo")
    save_shot(head, "93-breach-recorded")
    assert Breach.objects.get().notify_by is not None
