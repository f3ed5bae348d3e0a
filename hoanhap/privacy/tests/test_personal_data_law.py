"""Requests and breaches under the personal-data law in force on their date (issue 23, items 7–9):
two deadlines for a request, one reasoned extension, refusal on the law's grounds; breach notices
with the content NĐ 356/2025 Điều 28 and Mẫu 08 require; the province's data-protection officer."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document as WordDocument

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.privacy import services
from hoanhap.privacy.models import DataProtectionOfficer

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, h=10, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=VN)


def _request(officer, received_at, kind="deletion"):
    data = {"requester": "Trần Văn Hỏi", "contact": "0912000333", "kind": kind, "received_at": received_at}
    return services.receive_request(officer, data=data)


def _breach(user, detected_at, may_harm=True, **extra):
    data = {
        "detected_at": detected_at,
        "place": "Trụ sở Công an xã",
        "description": "Máy tính xách tay có danh sách bị mất",
        "parties": "Cán bộ phụ trách máy",
        "consequences": "Lộ kết quả xét nghiệm của người được quản lý",
        "data_affected": "Họ tên, ngày sinh, kết quả xét nghiệm",
        "people_affected": 40,
        "may_harm": may_harm,
        **extra,
    }
    return services.record_breach(user, data=data)


def _items(commune_id, kind):
    return [i for i in due_items_for_commune(commune_id) if i.kind == kind]


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_deletion_request_has_a_reply_and_a_fulfilment_deadline_nd356_article_5_4(officer_a, head_a):
    """NĐ 356/2025 Điều 5.4: reply within 02 working days, carry out within 20 days; both are due
    items until met, the reply's until the first reply."""
    request = _request(officer_a, at(2026, 11, 20))
    assert request.regime == "pd91"
    assert request.due_at == dt.datetime(2026, 11, 25, 23, 59, 59, tzinfo=VN)
    # 20 days from Friday 20/11/2026, the receipt's day not counted: to the end of Thursday 10/12
    # (Bộ luật Dân sự 2015 Điều 147.2, 148.1).
    assert request.fulfil_due_at == dt.datetime(2026, 12, 10, 23, 59, 59, tzinfo=VN)
    assert "Điều 5.4" in request.fulfil_rule["citation"]
    assert [i.due_at for i in _items(officer_a.commune_id, "data_request")] == [request.due_at]
    assert [i.due_at for i in _items(officer_a.commune_id, "data_request_fulfil")] == [request.fulfil_due_at]
    with pytest.raises(ValidationError):
        services.respond_to_request(head_a, request=request, response=" ")
    services.respond_to_request(head_a, request=request, response="Đã tiếp nhận; thủ tục xóa như sau")
    assert not _items(officer_a.commune_id, "data_request")
    assert len(_items(officer_a.commune_id, "data_request_fulfil")) == 1
    with pytest.raises(ValidationError):  # one reply; the next step is the outcome
        services.respond_to_request(head_a, request=request, response="Lần hai")
    services.answer_request(head_a, request=request, outcome="done", answer="Đã xóa")
    assert not _items(officer_a.commune_id, "data_request_fulfil")


@pytest.mark.parametrize(
    ("kind", "last_day"),
    [
        ("withdrawal", dt.date(2026, 12, 7)),
        ("protection", dt.date(2026, 12, 7)),
        ("restriction", dt.date(2026, 12, 7)),
        ("correction", dt.date(2026, 11, 30)),
        ("access", dt.date(2026, 11, 30)),
    ],
)
@time_machine.travel(at(2026, 11, 20), tick=False)
def test_fulfilment_time_by_kind_nd356_article_5(officer_a, kind, last_day):
    """NĐ 356/2025 Điều 5.2 (withdrawal of consent, restriction: 15 days), 5.3 (view, correct: 10),
    5.5 (protective measures, Luật 91 Điều 4.1.e: 15), from Friday 20/11/2026: 10 days end with
    Monday 30/11; 15 days would end on Saturday 05/12, a time limit, so with Monday 07/12 (Bộ luật Dân
    sự 2015 Điều 147.2, 148.1, 148.5)."""
    request = _request(officer_a, at(2026, 11, 20), kind=kind)
    assert request.fulfil_due_at == dt.datetime.combine(last_day, dt.time(23, 59, 59), tzinfo=VN)


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_the_fulfilment_time_is_extended_once_with_reasons_nd356_article_5_4(officer_a, head_a, officer_b):
    """NĐ 356/2025 Điều 5.4: "kéo dài thêm tối đa 01 lần gia hạn trong thời hạn không quá 20 ngày",
    the reasons told to the requester; audited."""
    request = _request(officer_a, at(2026, 11, 20))
    with pytest.raises(ValidationError):
        services.extend_request(head_a, request=request, days=21, reason="Nhiều hệ thống")
    with pytest.raises(ValidationError):
        services.extend_request(head_a, request=request, days=10, reason="  ")
    with pytest.raises(PermissionDenied):
        services.extend_request(officer_b, request=request, days=10, reason="Nhiều hệ thống")
    services.extend_request(head_a, request=request, days=20, reason="Dữ liệu ở nhiều hệ thống")
    # 20 + 20 days from 20/11/2026: to the end of Wednesday 30/12/2026.
    extended = dt.datetime(2026, 12, 30, 23, 59, 59, tzinfo=VN)
    assert request.fulfil_due_at == extended and request.extension_days == 20
    assert [i.due_at for i in _items(officer_a.commune_id, "data_request_fulfil")] == [extended]
    with pytest.raises(ValidationError):  # once only
        services.extend_request(head_a, request=request, days=1, reason="Lần hai")
    steps = AuditEntry.objects.filter(action=Action.DATA_REQUEST).values_list("extra__step", "extra__days")
    assert ("extend", 20) in list(steps)


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_refusal_names_a_ground_the_law_gives_for_that_kind(officer_a, head_a):
    """Luật 91/2025 Điều 14.2: deletion is not carried out in the cases of Điều 19 (here 19.1.c, state
    bodies' duties); a ground given for another kind (provision, Điều 15.2.a) is not accepted."""
    request = _request(officer_a, at(2026, 11, 20))
    with pytest.raises(ValidationError):
        services.answer_request(head_a, request=request, outcome="refused", answer="Không xóa")
    with pytest.raises(ValidationError):
        services.answer_request(
            head_a, request=request, outcome="refused", answer="Không xóa", refusal_ground="provision_harm"
        )
    services.answer_request(
        head_a, request=request, outcome="refused", answer="Hồ sơ quản lý", refusal_ground="article_19_state"
    )
    request.refresh_from_db()
    assert request.refusal_ground == "article_19_state" and "Điều 19.1.c" in request.refusal_citation
    assert request.responded_at == request.answered_at  # the answer is the reply too


@time_machine.travel(at(2024, 3, 4), tick=False)
def test_under_decree_13_a_deletion_is_due_in_72_hours_with_no_reply_deadline(officer_a, head_a):
    """Nghị định 13/2023 Điều 16.5: "Việc xóa dữ liệu được thực hiện trong 72 giờ sau khi có yêu cầu";
    it set no time to acknowledge, allowed no extension, and no period for withdrawing consent."""
    request = _request(officer_a, at(2024, 3, 4))
    assert request.regime == "pd13" and request.due_at is None
    assert request.fulfil_due_at == at(2024, 3, 7)
    with pytest.raises(ValidationError):
        services.extend_request(head_a, request=request, days=1, reason="Nhiều hệ thống")
    withdrawal = _request(officer_a, at(2024, 3, 4), kind="withdrawal")
    assert (withdrawal.due_at, withdrawal.fulfil_due_at) == (None, None)
    assert [i.due_at for i in _items(officer_a.commune_id, "data_request_fulfil")] == [at(2024, 3, 7)]
    assert not _items(officer_a.commune_id, "data_request")


@time_machine.travel(at(2023, 5, 2), tick=False)
def test_before_decree_13_nothing_is_due(officer_a, head_a):
    """Before 01/07/2023 no personal-data text set these deadlines."""
    request = _request(officer_a, at(2023, 5, 2))
    breach = _breach(head_a, at(2023, 5, 2))
    assert (request.regime, request.due_at, request.fulfil_due_at) == ("", None, None)
    assert (breach.regime, breach.notify_by) == ("", None)
    assert not [
        i for i in due_items_for_commune(officer_a.commune_id) if i.kind.startswith(("data_", "breach"))
    ]


@time_machine.travel(at(2024, 3, 4, 12), tick=False)
def test_under_decree_13_every_breach_is_notified_72_hours_after_it_happened(head_a):
    """Nghị định 13/2023 Điều 23.1: "chậm nhất 72 giờ sau khi xảy ra hành vi vi phạm"; a later notice
    carries the reason it is late. Every breach, not only one that may cause harm."""
    breach = _breach(head_a, at(2024, 3, 4, 9), may_harm=False, occurred_at=at(2024, 3, 2, 8))
    assert breach.notify_by == at(2024, 3, 5, 8)
    unknown = _breach(head_a, at(2024, 3, 4, 9))
    assert unknown.notify_by == at(2024, 3, 7, 9)  # time of occurrence unknown: from detection
    with pytest.raises(ValidationError):
        _breach(head_a, at(2024, 3, 4, 9), occurred_at=at(2024, 3, 4, 10))
    with time_machine.travel(at(2024, 3, 6, 9), tick=False):
        with pytest.raises(ValidationError):
            services.note_notice(
                head_a, breach=breach, notified_at=at(2024, 3, 6, 9), reference="02/TB", channel="agency"
            )
        services.note_notice(
            head_a,
            breach=breach,
            notified_at=at(2024, 3, 6, 9),
            reference="02/TB",
            channel="agency",
            late_reason="Chờ xác minh phạm vi",
        )
    assert breach.late_reason == "Chờ xác minh phạm vi"


@time_machine.travel(at(2026, 11, 27, 9), tick=False)
def test_under_law_91_a_late_notice_needs_no_reason_but_a_channel(head_a):
    """Luật 91/2025 Điều 23.1 counts from detection and asks no reason for lateness; NĐ 356/2025 Điều
    28.2: the notice goes to the agency or through the national portal."""
    breach = _breach(head_a, at(2026, 11, 23, 8), occurred_at=at(2026, 11, 1, 8))
    assert breach.notify_by == at(2026, 11, 26, 8)
    with pytest.raises(ValidationError):
        services.note_notice(
            head_a, breach=breach, notified_at=at(2026, 11, 27, 8), reference="3", channel="fax"
        )
    services.note_notice(
        head_a, breach=breach, notified_at=at(2026, 11, 27, 8), reference="3", channel="portal"
    )
    assert breach.get_notice_channel_display().startswith("Qua Cổng thông tin quốc gia")


@time_machine.travel(at(2026, 11, 23, 9), tick=False)
def test_the_draft_notice_carries_what_mau_08_asks_for(head_a, sysadmin, officer_b, login):
    """NĐ 356/2025 Điều 28.1 a–d and Mẫu 08: time, place, act, parties, data and amount; the officer's
    contact (Luật 91/2025 Điều 33.2); consequences; measures; the biên bản (Luật 91 Điều 23.2)."""
    breach = _breach(head_a, at(2026, 11, 23, 8), occurred_at=at(2026, 11, 22, 20))
    services.note_record(head_a, breach=breach, reference="07/BB-CAX", made_on=dt.date(2026, 11, 23))
    services.designate_officer(
        sysadmin,
        province=head_a.province,
        data={
            "unit_name": "Phòng An ninh mạng",
            "officer_name": "Lê Bảo Vệ",
            "officer_title": "Phó Trưởng phòng",
            "phone": "0912345678",
            "email": "baove@example.vn",
            "designation": "Quyết định 12/QĐ-CAT ngày 05/01/2026",
        },
        version=None,
    )
    response = login(head_a).get(reverse("privacy:breach_notice", args=[breach.uuid]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
    for expected in (
        "VI PHẠM QUY ĐỊNH BẢO VỆ DỮ LIỆU CÁ NHÂN".title(),
        "Kính gửi: Cơ quan chuyên trách bảo vệ dữ liệu cá nhân, Bộ Công an.",
        "Lê Bảo Vệ",
        "0912345678",
        "baove@example.vn",
        "20:00 ngày 22/11/2026",
        "Trụ sở Công an xã",
        "Cán bộ phụ trách máy",
        "khoảng 40 chủ thể dữ liệu",
        "Lộ kết quả xét nghiệm",
        "Biên bản xác nhận số 07/BB-CAX ngày 23/11/2026",
    ):
        assert expected.lower() in text.lower(), expected
    assert AuditEntry.objects.filter(action=Action.EXPORT, extra__step="notice_draft").count() == 1
    assert login(officer_b).get(reverse("privacy:breach_notice", args=[breach.uuid])).status_code == 403


def test_the_officer_is_recorded_by_administrators_and_a_stale_save_is_refused(sysadmin, head_a, login):
    """Luật 91/2025 Điều 33.2, NĐ 356/2025 Điều 13.1: the designated unit or officer, by an official
    document; two administrators editing at once do not overwrite each other."""
    data = {
        "unit_name": "Phòng An ninh mạng",
        "officer_name": "Lê Bảo Vệ",
        "officer_title": "Phó Trưởng phòng",
        "phone": "0912345678",
        "email": "baove@example.vn",
        "designation": "Quyết định 12/QĐ-CAT",
    }
    with pytest.raises(PermissionDenied):
        services.designate_officer(head_a, province=head_a.province, data=data, version=None)
    first = services.designate_officer(sysadmin, province=head_a.province, data=data, version=None)
    with pytest.raises(ValidationError):
        services.designate_officer(sysadmin, province=head_a.province, data=data, version=None)
    services.designate_officer(sysadmin, province=head_a.province, data={**data, "phone": "0999"}, version=1)
    assert DataProtectionOfficer.objects.get().phone == "0999" and first.version == 1
    client = login(sysadmin)
    page = client.get(reverse("privacy:officer", args=[head_a.province_id]))
    assert page.status_code == 200 and "0999" in page.content.decode()
    stale = client.post(reverse("privacy:officer", args=[head_a.province_id]), {**data, "version": "1"})
    assert stale.status_code == 400 and "người khác sửa" in stale.content.decode()
    bad = client.post(
        reverse("privacy:officer", args=[head_a.province_id]), {**data, "email": "x", "version": "2"}
    )
    assert bad.status_code == 400
    assert login(head_a).get(reverse("privacy:officers")).status_code == 403


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_the_request_page_replies_extends_and_refuses_on_a_ground(login, officer_a):
    request = _request(officer_a, at(2026, 11, 20))
    client, url = login(officer_a), reverse("privacy:request", args=[request.uuid])
    page = client.get(url).content.decode()
    assert "Nghị định 356/2025/NĐ-CP Điều 5.4" in page and "Luật 91/2025/QH15 Điều 19.1.c" in page
    assert client.post(url, {"action": "respond", "respond-response": "Đã tiếp nhận"}).status_code == 302
    bad = client.post(url, {"action": "extend", "extend-days": "30", "extend-reason": "Nhiều hệ thống"})
    assert bad.status_code == 400 and "tối đa 20 ngày" in bad.content.decode()
    ok = client.post(url, {"action": "extend", "extend-days": "5", "extend-reason": "Nhiều hệ thống"})
    assert ok.status_code == 302
    assert client.post(url, {"action": "nonsense"}).status_code == 400
    refused = client.post(
        url,
        {"action": "answer", "outcome": "refused", "answer": "Hồ sơ", "refusal_ground": "article_19_state"},
    )
    assert refused.status_code == 302
    request.refresh_from_db()
    assert (request.extension_days, request.outcome, request.refusal_ground) == (
        5,
        "refused",
        "article_19_state",
    )


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_opening_a_request_or_a_breach_is_audited_and_a_foreign_one_is_a_recorded_denial(
    officer_a, head_a, officer_b, login
):
    """A request carries the requester's name and contact, a breach what leaked: each read is in the
    audit log, and another commune's officer gets a 404 that is recorded as a denial."""
    request = _request(officer_a, at(2026, 11, 20))
    breach = _breach(head_a, at(2026, 11, 20))
    assert login(officer_a).get(reverse("privacy:request", args=[request.uuid])).status_code == 200
    assert login(head_a).get(reverse("privacy:breach", args=[breach.uuid])).status_code == 200
    reads = AuditEntry.objects.filter(extra__step="read").values_list("action", flat=True)
    assert sorted(reads) == sorted([Action.DATA_REQUEST, Action.BREACH])
    assert login(officer_b).get(reverse("privacy:request", args=[request.uuid])).status_code == 404
    assert AuditEntry.objects.filter(action=Action.DENIED, actor=officer_b).exists()


def test_a_breach_is_closed_after_its_record_citing_the_text_of_its_own_day(head_a):
    """The biên bản before closing: Luật 91/2025 Điều 23.2 for a breach of 2026, Nghị định 13/2023
    Điều 23.5 for one of 2024 — not the new law's article for an old breach."""
    new = _breach(head_a, at(2026, 11, 20), may_harm=False)
    old = _breach(head_a, at(2024, 3, 4), may_harm=False)
    services.note_notice(head_a, breach=old, notified_at=at(2024, 3, 5), reference="02/TB", channel="agency")
    cases = ((new, "Luật 91/2025/QH15 Điều 23.2"), (old, "Nghị định 13/2023/NĐ-CP Điều 23.5"))
    for breach, citation in cases:
        with pytest.raises(ValidationError, match=citation):
            services.close_breach(head_a, breach=breach, measures="Thu hồi máy")
