"""What users read of the law, in the browser: the inbox with the basis of each step, the rules page
with the sentence of the law behind each rule, and decisions as the commune issues them — pictured
from the issued files themselves (the PDF through pdftoppm, the Word file through LibreOffice), for
the officer's guide (issue 23, "what users read")."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from e2e.conftest import save_picture
from e2e.test_legal_walk import VN, _fill, _log_in, _open, _positive_test, _save

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _first_page(pdf: Path) -> bytes:
    """The first page of ``pdf`` as a PNG, at a resolution a guide shows whole."""
    stem = str(pdf.with_suffix(""))
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), stem], check=True)
    return pdf.with_suffix(".png").read_bytes()


def _word_to_pdf(docx: Path) -> Path:
    """LibreOffice's reading of the .docx, as an officer's Word or LibreOffice would lay it out."""
    profile = docx.parent / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent / "from-word"),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return docx.parent / "from-word" / docx.with_suffix(".pdf").name


def _issued_files(page, live_server, tmp_path: Path, label: str) -> tuple[Path, Path]:
    """Download the PDF and Word files of the document listed last under ``label`` on the panel."""
    item = page.locator(".case-panel ul.documents li", has_text=label).first
    files = []
    for fmt, link in (("pdf", "PDF"), ("docx", "Word")):
        href = item.get_by_role("link", name=link).get_attribute("href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.ok, href
        path = tmp_path / f"{label.replace('/', '-')}.{fmt}"
        path.write_bytes(response.body())
        files.append(path)
    return files[0], files[1]


def test_inbox_rules_page_and_decisions_as_an_officer_reads_them(
    live_server, page, shot, officer_a, make_person, tmp_path
):
    with time_machine.travel(dt.datetime(2026, 10, 1, 15, tzinfo=VN), tick=True) as clock:
        person = make_person(officer_a, full_name="Phạm Văn Đức", national_id="040090123456")
        TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
        _log_in(page, live_server, officer_a)
        _open(page, live_server, person)
        _positive_test(page, "01/10/2026 09:00")
        page.wait_for_selector("text=chờ quyết định quản lý")

        # The inbox: each step with its authority, its deadline and the basis in the law's words.
        page.goto(f"{live_server.url}/nghiep-vu/viec-can-lam/")
        page.wait_for_selector("text=Luật 120/2025 Điều 24.4.a")
        shot("17-inbox-basis")

        clock.move_to(dt.datetime(2026, 10, 2, 9, tzinfo=VN))
        _log_in(page, live_server, officer_a)  # the session expired overnight
        _open(page, live_server, person)
        page.click("text=Ra quyết định quản lý")
        _fill(
            page,
            {
                "decided_on": "02/10/2026",
                "signer_name": "Trần Văn Hùng",
                "team_leader": "Lê Thị Hoa",
                "assigned_helper": "Võ Thị Mai",
            },
        )
        assert page.get_by_role("button", name="Xem trước bản dự thảo (chưa lấy số)").count() == 1
        _save(page)
        page.wait_for_selector("text=Người sử dụng trái phép chất ma túy đang bị quản lý")
        with page.expect_navigation():
            page.locator(".case-panel form.inline-form button.primary", has_text="Phát hành").first.click()
        page.wait_for_selector("text=01/QĐ-CAX")
        pdf, docx = _issued_files(page, live_server, tmp_path, "01/QĐ-CAX")
        save_picture(_first_page(pdf), "20-decision-management-pdf")
        save_picture(_first_page(_word_to_pdf(docx)), "21-decision-management-docx")

        # A second decision: the management suspended while the person is held in custody.
        clock.move_to(dt.datetime(2026, 11, 3, 9, tzinfo=VN))
        _log_in(page, live_server, officer_a)
        _open(page, live_server, person)
        page.click("text=Tạm đình chỉ, dừng, chấm dứt")
        page.select_option("#id_kind", "suspend")
        _fill(page, {"on": "02/11/2026"})
        _save(page)
        page.click(".case-panel a.button.primary:has-text('Phát hành')")
        _fill(page, {"signer_name": "Trần Văn Hùng"})
        _save(page)
        page.wait_for_selector("text=02/QĐ-CAX")
        pdf, docx = _issued_files(page, live_server, tmp_path, "02/QĐ-CAX")
        save_picture(_first_page(pdf), "22-decision-suspend-pdf")
        save_picture(_first_page(_word_to_pdf(docx)), "23-decision-suspend-docx")

        # The rules page: the value, the sentence it comes from, its basis; dated bodies of Luật 73.
        page.goto(f"{live_server.url}/quy-dinh/")
        page.wait_for_selector("blockquote.law-text")
        assert page.locator("code").count() == 0
        save_picture(page.screenshot(), "18-rules-page")  # the top: the page is long
