"""The draft of a breach notice to the specialised agency, in the form of Mẫu số 08 of Nghị định
356/2025/NĐ-CP (Điều 28), rendered like the app's other documents (``hoanhap.documents.render``).

Mẫu 08 asks for: the organisation and its data-protection officer (name, title, phone, email); the
breach's time, place, act, organisations and people involved, kinds and amount of data; the
consequences; the measures taken; attached documents (here the "biên bản xác nhận" of Luật 91/2025
Điều 23.2); and the commitment. The unit fills in the number, signs and sends it; it is a draft.
"""

import datetime as dt

from django.utils.timezone import localtime

from hoanhap.documents.drafts import Draft
from hoanhap.documents.render import to_docx
from hoanhap.law.rulebook import PD_LAW_91
from hoanhap.lib.dates import today
from hoanhap.privacy.models import Breach, DataProtectionOfficer

FORM = "Mẫu số 08, Nghị định 356/2025/NĐ-CP"
ADDRESSEE = "Cơ quan chuyên trách bảo vệ dữ liệu cá nhân, Bộ Công an"


def available(breach: Breach) -> bool:
    """Mẫu 08 is the form of the law in force from 01/01/2026 (Luật 91/2025, NĐ 356/2025)."""
    return breach.regime == PD_LAW_91.code


def _authority(breach: Breach) -> tuple[str, str]:
    province = breach.province
    kind = "THÀNH PHỐ" if province and "thành phố" in str(province.division_type).lower() else "TỈNH"
    police = f"CÔNG AN {kind} {province.name.upper() if province else ''}".strip()
    if breach.commune is not None:
        return police, f"CÔNG AN {breach.commune.name.upper()}"
    return "", police


def _moment(value: dt.datetime | None) -> str:
    return f"{localtime(value):%H:%M ngày %d/%m/%Y}" if value else ""


def _officer_lines(officer: DataProtectionOfficer | None) -> list[str]:
    if officer is None:
        return ["- Nhân sự chịu trách nhiệm bảo vệ dữ liệu cá nhân: ……"]
    return [
        f"- Bộ phận bảo vệ dữ liệu cá nhân: {officer.unit_name} (chỉ định theo {officer.designation})",
        f"- Nhân sự chịu trách nhiệm bảo vệ dữ liệu cá nhân: {officer.officer_name}; chức danh: "
        f"{officer.officer_title}; số điện thoại liên lạc: {officer.phone}; email: {officer.email}",
    ]


def draft(breach: Breach, officer: DataProtectionOfficer | None, on: dt.date | None = None) -> Draft:
    parent, body = _authority(breach)
    place = breach.commune.place_name if breach.commune else breach.province.name if breach.province else ""
    when = _moment(breach.occurred_at) or f"phát hiện lúc {_moment(breach.detected_at)}"
    record = (
        f"Biên bản xác nhận số {breach.record_reference} ngày {breach.record_made_on:%d/%m/%Y}"
        if breach.record_reference and breach.record_made_on
        else "Biên bản xác nhận về việc xảy ra hành vi vi phạm (Luật Bảo vệ dữ liệu cá nhân, Điều 23.2)"
    )
    paragraphs = [
        f"Kính gửi: {ADDRESSEE}.",
        f"Thực hiện quy định về bảo vệ dữ liệu cá nhân, {body.title()} xin gửi {ADDRESSEE} thông báo vi "
        "phạm quy định bảo vệ dữ liệu cá nhân, như sau:",
        "1. Thông tin về tổ chức",
        f"- Tên tổ chức: {body.title()}",
        *_officer_lines(officer),
        "2. Mô tả hành vi vi phạm quy định bảo vệ dữ liệu cá nhân",
        f"- Thời gian: {when}",
        f"- Địa điểm: {breach.place or '……'}",
        f"- Hành vi: {breach.description}",
        f"- Tổ chức, cá nhân liên quan: {breach.parties or '……'}",
        f"- Các loại dữ liệu cá nhân và số lượng dữ liệu liên quan: {breach.data_affected}; khoảng "
        f"{breach.people_affected} chủ thể dữ liệu",
        f"- Hậu quả xảy ra: {breach.consequences or '……'}",
        f"- Biện pháp áp dụng: {breach.measures or '……'}",
        "3. Tài liệu kèm theo",
        f"a) {record}",
        "4. Cam kết",
        f"{body.title()} xin cam kết chịu trách nhiệm về tính chính xác và tính hợp pháp của thông báo cùng "
        "các tài liệu kèm theo và cam kết tuân thủ các quy định của pháp luật.",
    ]
    return Draft(
        kind="breach_notice",
        body=body,
        symbol="TB-CAX" if breach.commune else "TB-CAT",
        authority=(parent, body),
        place=place,
        issued_on=(on or today()).isoformat(),
        title="THÔNG BÁO",
        subject="Vi phạm quy định bảo vệ dữ liệu cá nhân",
        preamble="",
        bases=[],
        articles=paragraphs,
        recipients=["Như trên;", "Lưu: VT."],
        signer_title=f"TM. {body}",
        signer_name="",
        references=[FORM],
        decides=False,
    )


def to_word(breach: Breach, officer: DataProtectionOfficer | None) -> bytes:
    return to_docx(draft(breach, officer))
