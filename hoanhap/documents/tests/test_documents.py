"""Official documents: Nghị định 30/2020/NĐ-CP layout, per-unit numbering, immutability, corrections."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document as WordDocument

from hoanhap.audit.models import AuditEntry
from hoanhap.documents import services
from hoanhap.documents.drafts import Draft
from hoanhap.documents.models import Document


@pytest.fixture
def management(person_a, positive_test, decide):
    return decide(person_a, positive_test(person_a), number="")


def _text(document: Document) -> str:
    word = WordDocument(io.BytesIO(bytes(document.docx)))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([*cells, *(p.text for p in word.paragraphs)])


def test_a_blank_decision_number_takes_the_next_in_the_units_register(
    officer_a, person_a, positive_test, decide
):
    first = decide(person_a, positive_test(person_a), number="")
    assert first.decision_number == "01/QĐ-CAX"
    services.issue_management_decision(officer_a, management=first)
    assert (
        services.reserve_number(
            commune_id=person_a.commune_id, role="commune_police_head", on=dt.date(2026, 12, 1)
        )
        == "02/QĐ-CAX"
    )
    assert (
        services.reserve_number(
            commune_id=person_a.commune_id, role="commune_chairman", on=dt.date(2026, 12, 1)
        )
        == "01/QĐ-UBND"
    )
    assert (
        services.reserve_number(
            commune_id=person_a.commune_id, role="commune_police_head", on=dt.date(2027, 1, 4)
        )
        == "01/QĐ-CAX"
    )


def test_the_decision_follows_the_administrative_layout(officer_a, management):
    document = services.issue_management_decision(officer_a, management=management)
    text = _text(document)
    for part in (
        "CÔNG AN TỈNH NGHỆ AN",
        "CÔNG AN XÃ DIỄN CHÂU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/QĐ-CAX",
        "Diễn Châu, ngày 02 tháng 9 năm 2026",
        "Về việc quản lý người sử dụng trái phép chất ma túy",
        "TRƯỞNG CÔNG AN XÃ DIỄN CHÂU",
        "Nơi nhận:",
        "Trần Văn Hùng",
    ):
        assert part in text, part
    assert bytes(document.pdf).startswith(b"%PDF") and document.intact()


def test_the_decision_cites_laws_by_name_and_date_the_signers_competence_and_the_proposer(
    officer_a, management
):
    """Nghị định 30/2020 Phụ lục I: "Căn cứ Luật … ngày … tháng … năm …", the competence basis first,
    "Theo đề nghị của …" last; the distribution list ends "Lưu: VT, …"."""
    text = _text(services.issue_management_decision(officer_a, management=management))
    bases = [
        "Căn cứ Luật Công an nhân dân ngày 20 tháng 11 năm 2018;",
        "Căn cứ Luật Phòng, chống ma túy ngày 10 tháng 12 năm 2025;",
        "Theo đề nghị của cán bộ Công an xã được phân công.",
    ]
    positions = [text.index(line) for line in bases]
    assert positions == sorted(positions)
    assert "120/2025/QH15" not in text
    assert "Lưu: VT, hồ sơ." in text


def test_the_term_printed_starts_the_day_after_the_decision_and_ends_with_its_last_day(officer_a, management):
    """Luật 120/2025 Điều 24.2 "01 năm kể từ ngày ra quyết định quản lý", counted as Bộ luật Dân sự
    2015 Điều 147.2 says: decided on 02/09/2026, the year runs from 03/09/2026 to the end of
    02/09/2027 — the dates the record holds."""
    text = _text(services.issue_management_decision(officer_a, management=management))
    assert management.ends_on == dt.date(2026, 9, 2) + dt.timedelta(days=365)
    assert "Thời hạn quản lý: 12 tháng, từ ngày 03/09/2026 đến hết ngày 02/09/2027" in text


def test_the_persons_identification_number_is_printed_when_known(
    officer_a, make_person, positive_test, decide
):
    """The forms name the person with their personal identification number (Nghị định 105/2021 Mẫu
    03–10: "Số định danh cá nhân/CCCD"); a person without one is named without it."""
    known = make_person(officer_a, national_id="040090123456", stable_residence="permanent")
    unknown = make_person(officer_a, full_name="Lê Văn Bình", stable_residence="permanent")
    texts = [
        _text(
            services.issue_management_decision(officer_a, management=decide(p, positive_test(p), number=""))
        )
        for p in (known, unknown)
    ]
    assert "số định danh cá nhân: 040090123456;" in texts[0]
    assert "số định danh cá nhân" not in texts[1]


def test_a_decision_is_issued_once_and_corrected_by_a_new_numbered_one(officer_a, management):
    original = services.issue_management_decision(officer_a, management=management)
    with pytest.raises(ValidationError, match="đính chính"):
        services.issue_management_decision(officer_a, management=management)
    fixed = services.issue_correction(
        officer_a,
        original=original,
        issued_on=dt.date(2026, 9, 5),
        reason="Sửa ngày sinh thành 09/05/1990.",
        signer_name="Trần Văn Hùng",
    )
    assert (fixed.corrects, fixed.number, fixed.source) == (original, "02/QĐ-CAX", original.source)
    assert "Về việc đính chính văn bản số 01/QĐ-CAX" in _text(fixed)
    original.refresh_from_db()
    assert original.intact() and original.number == "01/QĐ-CAX"


def test_tampered_files_are_detected(officer_a, management):
    document = services.issue_management_decision(officer_a, management=management)
    Document.objects.filter(pk=document.pk).update(pdf=b"%PDF-forged")
    document.refresh_from_db()
    assert not document.intact()


def test_only_a_writer_of_the_persons_commune_issues(officer_b, province_manager, management):
    for user in (officer_b, province_manager):
        with pytest.raises(PermissionDenied):
            services.issue_management_decision(user, management=management)


def test_draft_round_trips_through_json(officer_a, management):
    document = services.issue_management_decision(officer_a, management=management)
    draft = Draft.from_json(document.content)
    assert draft.date_line == "Diễn Châu, ngày 02 tháng 9 năm 2026" and draft.number == "01/QĐ-CAX"


def test_date_line_pads_days_below_10_and_months_1_and_2():
    base = {
        "kind": "x",
        "body": "x",
        "symbol": "x",
        "authority": ("", "x"),
        "place": "Diễn Châu",
        "title": "",
        "subject": "",
        "preamble": "",
        "bases": [],
        "articles": [],
        "recipients": [],
        "signer_title": "",
        "signer_name": "",
    }
    assert Draft(**base, issued_on="2027-02-05").date_line == "Diễn Châu, ngày 05 tháng 02 năm 2027"
    assert Draft(**base, issued_on="2026-11-23").date_line == "Diễn Châu, ngày 23 tháng 11 năm 2026"


def test_download_is_scoped_audited_and_names_no_one(login, officer_a, officer_b, person_a, management):
    document = services.issue_management_decision(officer_a, management=management)
    url = reverse("documents:download", args=[person_a.uuid, document.uuid, "pdf"])
    assert login(officer_b).get(url).status_code == 404
    response = login(officer_a).get(url)
    assert response.status_code == 200 and response.content == bytes(document.pdf)
    assert response["Content-Disposition"] == "inline; filename*=utf-8''01-Q%C4%90-CAX.pdf"
    assert AuditEntry.objects.filter(action="export", extra__document=str(document.uuid)).exists()
    docx = login(officer_a).get(reverse("documents:download", args=[person_a.uuid, document.uuid, "docx"]))
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    assert (
        login(officer_a)
        .get(reverse("documents:download", args=[person_a.uuid, document.uuid, "exe"]))
        .status_code
        == 404
    )


def test_issue_from_the_person_panel(login, officer_a, province_manager, person_a, management):
    client = login(officer_a)
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    url = reverse("documents:issue", args=[person_a.uuid, "management_decision", management.uuid])
    assert url in panel
    assert login(province_manager).post(url).status_code == 403
    assert client.post(url).status_code == 302
    assert Document.objects.get().number == "01/QĐ-CAX"
    panel = client.get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert url not in panel and "01/QĐ-CAX" in panel


def test_a_stop_decision_is_numbered_and_the_event_takes_the_number(officer_a, management):
    from hoanhap.cases.services.management import record_management_event

    event = record_management_event(
        officer_a, management=management, kind="stop", on=dt.date(2026, 9, 10), stop_reason="prison"
    )
    document = services.issue_for_event(
        officer_a, kind="management_event", event=event, signer_name="Trần Văn Hùng"
    )
    text = _text(document)
    assert "Về việc dừng quản lý người sử dụng trái phép chất ma túy" in text
    assert "Lý do: Phải chấp hành án phạt tù." in text and "03 ngày làm việc" not in text
    assert "3 ngày làm việc (Nghị định 105/2021 Điều 48.3" in text
    event.refresh_from_db()
    assert event.document_number == document.number == "02/QĐ-CAX"  # 01 went to the management decision


def _notice(officer, person, notified_on: dt.date):
    """A dossier opened the day before ``notified_on`` on a violation the day before that, every
    document filed, the notice given on ``notified_on``, and the notice document issued."""
    from hoanhap.cases.services.dossier import file_document, open_dossier, record_dossier_event

    dossier = open_dossier(
        officer,
        person=person,
        ground="voluntary_not_done",
        last_violation_on=notified_on - dt.timedelta(days=2),
        opened_on=notified_on - dt.timedelta(days=1),
    )
    for item in dossier.missing_items():
        file_document(officer, dossier=dossier, item=item, title=item, pages=1)
    event = record_dossier_event(officer, dossier=dossier, kind="notify", on=notified_on)
    return services.issue_for_event(officer, kind="dossier_notice", event=event, signer_name="Trần Văn Hùng")


def test_the_dossier_notice_states_the_reading_window(officer_a, person_a):
    document = _notice(officer_a, person_a, dt.date(2026, 11, 4))
    text = _text(document)
    assert document.number == "01/TB-CAX" and "THÔNG BÁO" in text and "QUYẾT ĐỊNH:" not in text
    assert "đến hết ngày 09/11/2026 (Luật 120/2025 Điều 35.3, 36.2)" in text
    # Luật 120/2025 Điều 35.3, 36: the measure is "đưa đi cai nghiện bắt buộc".
    assert "áp dụng biện pháp xử lý hành chính đưa đi cai nghiện bắt buộc đối với" in text
    assert "đưa vào cơ sở cai nghiện bắt buộc" not in text


def test_certificates_of_facilities_are_not_issued_by_the_commune(officer_a, person_a):
    from hoanhap.cases.models import RehabEventRecord

    event = RehabEventRecord(signer_role="facility_staff", document_number="")
    with pytest.raises(ValidationError, match="cơ quan, cơ sở khác"):
        services.issue_for_event(officer_a, kind="rehab_certificate", event=event, signer_name="X")


def test_event_documents_through_the_screen_are_scoped(login, officer_a, officer_b, person_a, management):
    from hoanhap.cases.services.management import record_management_event

    event = record_management_event(officer_a, management=management, kind="suspend", on=dt.date(2026, 9, 10))
    url = reverse("documents:issue_for_event", args=[person_a.uuid, "management_event", event.uuid])
    assert url in login(officer_a).get(reverse("cases:panel", args=[person_a.uuid])).content.decode()
    assert login(officer_b).post(url, {"signer_name": "X"}).status_code == 404
    bad_kind = reverse("documents:issue_for_event", args=[person_a.uuid, "nope", event.uuid])
    assert login(officer_a).get(bad_kind).status_code == 404
    response = login(officer_a).post(url, {"signer_name": ""})
    assert response.status_code == 400
    assert login(officer_a).post(url, {"signer_name": "Trần Văn Hùng"}).status_code == 302
    assert Document.objects.filter(kind="management_event", source=event.uuid).count() == 1


def test_a_dossier_notice_under_luat_73_keeps_that_laws_words(officer_a, person_a):
    """Before 01/07/2026 the measure was "đưa vào cơ sở cai nghiện bắt buộc" (Luật 73/2021, Luật Xử lý
    vi phạm hành chính before Luật 120/2025 Điều 54), and the law is cited by its own date."""
    text = _text(_notice(officer_a, person_a, dt.date(2026, 5, 6)))
    assert "áp dụng biện pháp xử lý hành chính đưa vào cơ sở cai nghiện bắt buộc đối với" in text
    assert "đưa đi cai nghiện bắt buộc" not in text


def test_a_decision_cites_only_its_own_law_and_no_system_note(officer_a, management):
    """A rule both laws share is cited in a Luật 120 decision by Luật 120 alone; a decree carried
    over into the new law is cited as the decree, without the rules page's note on its status."""
    from hoanhap.cases.services.management import record_management_event

    text = _text(services.issue_management_decision(officer_a, management=management))
    assert "(Luật 120/2025 Điều 24.2)" in text and "Luật 73/2021" not in text
    event = record_management_event(officer_a, management=management, kind="suspend", on=dt.date(2026, 9, 10))
    suspended = _text(
        services.issue_for_event(officer_a, kind="management_event", event=event, signer_name="Trần Văn Hùng")
    )
    assert "(Nghị định 105/2021 Điều 48.3)" in suspended
    assert "chưa kiểm chứng" not in suspended and "áp dụng tiếp theo" not in suspended


@pytest.mark.parametrize(
    ("issued_on", "law_of_the_day"),
    [
        (dt.date(2025, 2, 28), "ngày 19 tháng 6 năm 2015"),  # Luật 77/2015/QH13
        (dt.date(2025, 3, 1), "ngày 19 tháng 02 năm 2025"),  # Luật 65/2025/QH15, in force 01/3/2025
        (dt.date(2025, 6, 15), "ngày 19 tháng 02 năm 2025"),
        (dt.date(2025, 6, 16), "ngày 16 tháng 6 năm 2025"),  # Luật 72/2025/QH15, in force when adopted
    ],
)
def test_a_chairmans_decision_cites_the_local_government_law_in_force_that_day(issued_on, law_of_the_day):
    from hoanhap.documents.drafts import _bases
    from hoanhap.documents.models import DocumentKind

    bases = _bases(DocumentKind.AFTERCARE_DECISION, "commune_chairman", "law73", issued_on)
    assert bases[0] == f"Căn cứ Luật Tổ chức chính quyền địa phương {law_of_the_day};"


def test_a_luat_73_decision_cites_the_decree_that_details_its_step():
    """Nghị định 105/2021 details the management of illegal users; Nghị định 116/2021 rehab and
    post-rehab management; Luật 120 decisions cite no decree of the old law."""
    from hoanhap.documents.drafts import _bases
    from hoanhap.documents.models import DocumentKind

    day = dt.date(2026, 5, 4)
    management = " ".join(_bases(DocumentKind.MANAGEMENT_DECISION, "commune_chairman", "law73", day))
    aftercare = " ".join(_bases(DocumentKind.AFTERCARE_DECISION, "commune_chairman", "law73", day))
    assert "105/2021/NĐ-CP" in management and "116/2021" not in management
    assert "116/2021/NĐ-CP" in aftercare and "105/2021" not in aftercare
    later = " ".join(
        _bases(DocumentKind.AFTERCARE_DECISION, "commune_chairman", "law120", dt.date(2026, 9, 4))
    )
    assert "Nghị định" not in later


def test_a_notice_of_late_june_2025_names_the_court_the_dossier_goes_to_in_july(officer_a, person_a):
    """The reading window of a notice of 27/06/2025 ends in July: the dossier goes to the regional
    court (district courts became regional courts on 01/07/2025), as the notice must say."""
    import time_machine

    from hoanhap.cases.tests.conftest import at

    with time_machine.travel(at(2025, 6, 27), tick=False):
        text = _text(_notice(officer_a, person_a, dt.date(2025, 6, 27)))
    assert "hồ sơ được chuyển đến Tòa án nhân dân khu vực" in text
