"""What an official document says, built from the case it records, in the parts Nghị định 30/2020/NĐ-CP
(Điều 8, Phụ lục I) sets out: issuing authority, national motto, number and symbol, place and date,
type and subject, legal bases, body, signature block and distribution list.

A ``Draft`` is plain data: it is stored with the issued document and rendered to .docx and .pdf,
so the same content always gives the same paper. Document text is Vietnamese whatever the
interface language, as the law requires.
"""

import dataclasses
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import translation

from hoanhap.documents.models import DocumentKind, IssuingBody
from hoanhap.law import services as law
from hoanhap.law.rulebook import CARRIED_OVER

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# The law each regime rests on, cited in a "Căn cứ" line by name and date of adoption, as Nghị định
# 30/2020 Phụ lục I (mục II.7) writes a law ("Luật … ngày … tháng … năm …") and a decree (number, date,
# issuing body, subject). Luật 73/2021/QH14 was adopted on 30/3/2021, Luật 120/2025/QH15 on 10/12/2025.
LEGAL_BASES = {
    "law73": ("Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;",),
    "law120": ("Căn cứ Luật Phòng, chống ma túy ngày 10 tháng 12 năm 2025;",),
}
# Under Luật 73 the decree that details the step: Nghị định 105/2021 for the management of illegal
# users, Nghị định 116/2021 for rehab and post-rehab management (and the compulsory-rehab dossier).
_DECREE_105 = (
    "Căn cứ Nghị định số 105/2021/NĐ-CP ngày 04 tháng 12 năm 2021 của Chính phủ quy định chi tiết và "
    "hướng dẫn thi hành một số điều của Luật Phòng, chống ma túy;"
)
_DECREE_116 = (
    "Căn cứ Nghị định số 116/2021/NĐ-CP ngày 21 tháng 12 năm 2021 của Chính phủ quy định chi tiết một số "
    "điều của Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành chính về cai nghiện ma túy và quản lý sau "
    "cai nghiện ma túy;"
)
LAW_73_DECREES: dict[str, str] = {
    DocumentKind.MANAGEMENT_DECISION: _DECREE_105,
    DocumentKind.MANAGEMENT_EVENT_DECISION: _DECREE_105,
    DocumentKind.AFTERCARE_DECISION: _DECREE_116,
    DocumentKind.DOSSIER_FORWARDING: _DECREE_116,
}

# Where the signer's competence comes from, before the drug law, as in force on the decision's day
# (the first day each text is cited from): the commune chairman's from the Law on the Organisation of
# Local Government — Luật 77/2015/QH13 (19/6/2015); Luật 65/2025/QH15 (19/02/2025, in force
# 01/3/2025); Luật 72/2025/QH15 (16/6/2025, in force the day it was adopted, ending Luật 65/2025) —
# and the head of commune police's from the Law on the People's Police, Luật 37/2018/QH14 (20/11/2018).
COMPETENCE: dict[str, tuple[tuple[dt.date, str], ...]] = {
    "commune_chairman": (
        (dt.date.min, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
        (dt.date(2025, 3, 1), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;"),
        (dt.date(2025, 6, 16), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
    ),
    "commune_police_head": ((dt.date.min, "Căn cứ Luật Công an nhân dân ngày 20 tháng 11 năm 2018;"),),
}

# The words each law uses for the measure: Luật 73/2021 and Luật Xử lý vi phạm hành chính before
# Luật 120/2025 Điều 54 "đưa vào cơ sở cai nghiện bắt buộc"; Luật 120/2025 Điều 35.3, 35.8, 36 "đưa đi
# cai nghiện bắt buộc".
COMPULSORY_MEASURE = {
    "law73": "biện pháp xử lý hành chính đưa vào cơ sở cai nghiện bắt buộc",
    "law120": "biện pháp xử lý hành chính đưa đi cai nghiện bắt buộc",
}

# The filing line closes the distribution list: "Lưu: VT, <unit that drafted>" (Nghị định 30/2020
# Phụ lục I, mục II.10.b).
FILED = "Lưu: VT, hồ sơ."

SIGNERS = {
    # role: (issuing body, its abbreviation in symbols, title in the preamble, title over the signature)
    "commune_police_head": (IssuingBody.COMMUNE_POLICE, "CAX", "TRƯỞNG CÔNG AN", "TRƯỞNG CÔNG AN"),
    "commune_chairman": (IssuingBody.PEOPLES_COMMITTEE, "UBND", "CHỦ TỊCH ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
}

# Abbreviations of the kinds of administrative document (Nghị định 30/2020 Phụ lục III).
DECISION, NOTICE, CERTIFICATE = "QĐ", "TB", "GCN"
# "Giấy xác nhận" (Luật 120/2025 Điều 32.5.c) has no abbreviation in Phụ lục III: its initials, as
# the appendix forms the others.
CONFIRMATION = "GXN"
TITLES = {
    DECISION: "QUYẾT ĐỊNH",
    NOTICE: "THÔNG BÁO",
    CERTIFICATE: "GIẤY CHỨNG NHẬN",
    CONFIRMATION: "GIẤY XÁC NHẬN",
}


def symbol(role: str, type_: str = DECISION) -> str:
    """ "QĐ-CAX", "TB-CAX", "QĐ-UBND"... the part of "số, ký hiệu" after the number."""
    return f"{type_}-{SIGNERS[role][1]}"


@dataclass
class Draft:
    kind: str
    body: str
    symbol: str
    authority: tuple[str, str]  # parent body (may be empty), issuing body
    place: str
    issued_on: str  # ISO date
    title: str
    subject: str
    preamble: str
    bases: list[str]
    articles: list[str]
    recipients: list[str]
    signer_title: str
    signer_name: str
    number: str = ""
    references: list[str] = field(default_factory=list)
    decides: bool = True  # decisions announce their articles with "QUYẾT ĐỊNH:"
    preview: bool = False  # a draft shown before it takes a number: marked, never stored

    def as_preview(self) -> "Draft":
        """The same text with the number left blank, as a paper draft leaves it ("Số:    /QĐ-CAX")."""
        return dataclasses.replace(self, number=f"     /{self.symbol}", preview=True)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Draft":
        return cls(**{**data, "authority": tuple(data["authority"])})

    @property
    def date_line(self) -> str:
        """ "Diễn Châu, ngày 02 tháng 9 năm 2026": a zero before days under 10 and months 1–2
        (Nghị định 30/2020 Phụ lục I, mục II.5)."""
        day = dt.date.fromisoformat(self.issued_on)
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{self.place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _authority(body: str, commune) -> tuple[str, str]:
    if body == IssuingBody.COMMUNE_POLICE:
        province = commune.province
        kind = "THÀNH PHỐ" if "thành phố" in str(province.division_type).lower() else "TỈNH"
        return f"CÔNG AN {kind} {province.name.upper()}", f"CÔNG AN {commune.name.upper()}"
    return "", f"ỦY BAN NHÂN DÂN {commune.name.upper()}"


def _date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _person_lines(person) -> str:
    """Who the document is about, with the personal identification number the forms ask for
    (Nghị định 105/2021 Mẫu 03–10; "Số định danh cá nhân/CCCD") when it is known."""
    born = _date(person.birth_date) if person.birth_date else str(person.birth_year or "")
    address = person.current_address or person.permanent_address or person.commune.name
    number = person.national_id
    identified = f"số định danh cá nhân: {number}; " if number else ""
    return (
        f"Họ và tên: {person.full_name}; giới tính: {person.get_sex_display()}; sinh ngày: {born}; "
        f"{identified}nơi cư trú: {address}."
    )


def _frame(
    kind: str, role: str, commune, issued_on: dt.date, regime: str, type_: str = DECISION
) -> dict[str, Any]:
    body, _abbreviation, preamble, signature = SIGNERS[role]
    authority = _authority(body, commune)
    return {
        "kind": kind,
        "body": body,
        "symbol": symbol(role, type_),
        "authority": authority,
        "place": commune.place_name,
        "issued_on": issued_on.isoformat(),
        "title": TITLES[type_],
        "preamble": f"{preamble} {commune.name.upper()}" if type_ == DECISION else "",
        "signer_title": signature,
        "bases": _bases(kind, role, regime, issued_on) if type_ == DECISION else [],
        "decides": type_ == DECISION,
    }


def _bases(kind: str, role: str, regime: str, issued_on: dt.date) -> list[str]:
    competence = [text for since, text in COMPETENCE[role] if since <= issued_on][-1]
    decree = [LAW_73_DECREES[kind]] if regime == "law73" and kind in LAW_73_DECREES else []
    return [competence, *LEGAL_BASES[regime], *decree]


def management_decision(management) -> Draft:
    """Quyết định quản lý người sử dụng trái phép chất ma túy (Luật 120/2025 Điều 24)."""
    person, test = management.person, management.source_test
    frame = _frame(
        DocumentKind.MANAGEMENT_DECISION,
        management.signer_role,
        management.commune,
        management.decided_on,
        management.regime,
    )
    bases = [
        *frame.pop("bases"),
        f"Căn cứ kết quả xét nghiệm chất ma túy trong cơ thể ngày {_date(test.tested_at.date())} "
        f"của {test.testing_body};",
        "Theo đề nghị của cán bộ Công an xã được phân công.",
    ]
    return Draft(
        **frame,
        subject="Về việc quản lý người sử dụng trái phép chất ma túy",
        bases=bases,
        articles=[
            f"Điều 1. Quản lý người sử dụng trái phép chất ma túy đối với: {_person_lines(person)}",
            f"Thời hạn quản lý: {management.term_rule['value']} tháng, "
            f"từ ngày {_date(law.first_day(management.decided_on))} đến hết ngày {_date(management.ends_on)} "
            f"({_cited(management.term_rule['citation'], management.regime)}).",
            f"Điều 2. Giao Tổ quản lý do ông (bà) {management.team_leader} làm tổ trưởng; ông (bà) "
            f"{management.assigned_helper} trực tiếp giúp đỡ người bị quản lý.",
            f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Ông (bà) {person.full_name}, Tổ quản lý và các "
            "cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ],
        recipients=["Như Điều 3;", "Chủ tịch UBND xã (để báo cáo);", FILED],
        signer_name=management.signer_name,
        number=management.decision_number,
    )


def aftercare_decision(aftercare) -> Draft:
    """Quyết định quản lý sau cai nghiện ma túy (Luật 120/2025 Điều 42)."""
    person = aftercare.person
    frame = _frame(
        DocumentKind.AFTERCARE_DECISION,
        aftercare.signer_role,
        aftercare.commune,
        aftercare.decided_on,
        aftercare.regime,
    )
    source = aftercare.source_episode or aftercare.source_treatment
    what = (
        "hoàn thành cai nghiện ma túy"
        if aftercare.source_episode
        else "hoàn thành điều trị nghiện bằng thuốc thay thế"
    )
    provider = getattr(source, "provider", "") or getattr(source, "clinic", "")
    bases = [
        *frame.pop("bases"),
        f"Căn cứ việc ông (bà) {person.full_name} đã {what} tại {provider};",
        "Theo đề nghị của Trưởng Công an xã.",
    ]
    return Draft(
        **frame,
        subject="Về việc quản lý sau cai nghiện ma túy",
        bases=bases,
        articles=[
            f"Điều 1. Quản lý sau cai nghiện ma túy tại nơi cư trú đối với: {_person_lines(person)}",
            f"Thời gian quản lý: {aftercare.term_rule['value']} tháng, từ ngày "
            f"{_date(law.first_day(aftercare.starts_on))} đến hết ngày {_date(aftercare.ends_on)} "
            f"({_cited(aftercare.term_rule['citation'], aftercare.regime)}).",
            f"Điều 2. Giao {aftercare.assigned_helper} quản lý, hỗ trợ, giúp đỡ người được quản lý sau cai "
            "nghiện; Công an xã thực hiện các biện pháp quản lý theo quy định.",
            f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Ông (bà) {person.full_name} và các cơ quan, tổ "
            "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ],
        recipients=["Như Điều 3;", "Công an xã;", FILED],
        signer_name=aftercare.signer_name,
        number=aftercare.decision_number,
    )


def dossier_forwarding(dossier, event, signer_name: str) -> Draft:
    """Quyết định chuyển hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc (Luật 73/2021: "đưa vào
    cơ sở cai nghiện bắt buộc") đến Tòa án nhân dân khu vực (Luật 120/2025 Điều 35.3, 36.2.d)."""
    person = dossier.person
    regime = law.regime_for_decision(decided_on=event.on).code
    frame = _frame(DocumentKind.DOSSIER_FORWARDING, event.signer_role, dossier.commune, event.on, regime)
    pages = sum(d.pages for d in dossier.documents.all())
    ground = law.ground(dossier.ground, regime=law.regime_by_code(dossier.ground_rule["regime"]))
    measure = COMPULSORY_MEASURE[regime]
    bases = [
        *frame.pop("bases"),
        f"Căn cứ hồ sơ đề nghị áp dụng {measure} lập ngày {_date(dossier.opened_on)};",
        f"Xét thời hạn đọc, ghi chép hồ sơ đã hết ngày {_date(law.to_local_date(dossier.reading_ends))} "
        f"({_cited(dossier.reading_rule['citation'], regime)});",
        "Theo đề nghị của cán bộ Công an xã được phân công lập hồ sơ.",
    ]
    return Draft(
        **frame,
        subject=f"Về việc chuyển hồ sơ đề nghị áp dụng {measure}",
        bases=bases,
        articles=[
            f"Điều 1. Chuyển hồ sơ đề nghị áp dụng {measure} đối với: {_person_lines(person)}",
            f"Căn cứ đề nghị: {ground.description} ({_cited(ground.citation, regime)}). "
            f"Hồ sơ gồm {len(dossier.documents.all())} tài liệu, {pages} bút lục.",
            f"Điều 2. Nơi nhận hồ sơ: {event.note}.",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Cán bộ được phân công và người có tên tại Điều 1 "
            "chịu trách nhiệm thi hành Quyết định này.",
        ],
        recipients=[f"{event.note};", "Người bị đề nghị (hoặc người đại diện hợp pháp);", FILED],
        signer_name=signer_name,
        number=event.document_number,
    )


def correction(
    original: Draft, *, issued_on: dt.date, reason: str, signer_name: str, original_number: str
) -> Draft:
    """A correcting decision of the same body: a new document that names the one it corrects."""
    heads = {IssuingBody.COMMUNE_POLICE.value: "TRƯỞNG", IssuingBody.PEOPLES_COMMITTEE.value: "CHỦ TỊCH"}
    preamble = heads[original.body]
    issued = original.date_line.split("ngày ", 1)[1]
    return Draft(
        kind=DocumentKind.CORRECTION,
        body=original.body,
        symbol=f"{DECISION}-{original.symbol.split('-', 1)[1]}",
        authority=original.authority,
        place=original.place,
        issued_on=issued_on.isoformat(),
        title=TITLES[DECISION],
        subject=f"Về việc đính chính văn bản số {original_number}",
        preamble=f"{preamble} {original.authority[1]}",
        bases=[*original.bases, f"Xét văn bản số {original_number} ngày {issued} có sai sót,"],
        articles=[
            f"Điều 1. Đính chính văn bản số {original_number} như sau: {reason}",
            f"Điều 2. Các nội dung khác của văn bản số {original_number} giữ nguyên.",
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
        ],
        recipients=original.recipients,
        signer_title=original.signer_title,
        signer_name=signer_name,
        references=[original_number],
    )


MANAGEMENT_ACTS = {
    "suspend": "tạm đình chỉ",
    "resume": "tiếp tục",
    "stop": "dừng",
    "terminate": "chấm dứt",
}


def management_event_decision(management, event, signer_name: str) -> Draft:
    """Quyết định tạm đình chỉ, dừng, chấm dứt quản lý (Mẫu 09, 10; Luật 120/2025 Điều 24.5–7)."""
    person = management.person
    regime = law.regime_for_decision(decided_on=event.on).code
    frame = _frame(
        DocumentKind.MANAGEMENT_EVENT_DECISION, event.signer_role, management.commune, event.on, regime
    )
    act = MANAGEMENT_ACTS[event.kind]
    reason = f" Lý do: {event.get_stop_reason_display()}." if event.stop_reason else ""
    bases = [
        *frame.pop("bases"),
        f"Căn cứ Quyết định quản lý số {management.decision_number} ngày {_date(management.decided_on)};",
        "Theo đề nghị của cán bộ Công an xã được phân công.",
    ]
    return Draft(
        **frame,
        subject=f"Về việc {act} quản lý người sử dụng trái phép chất ma túy",
        bases=bases,
        articles=[
            f"Điều 1. {act.capitalize()} quản lý người sử dụng trái phép chất ma túy kể từ ngày "
            f"{_date(event.on)} đối với: {_person_lines(person)}{reason}",
            f"Điều 2. Quyết định này được gửi cho người bị quản lý, gia đình và Tổ quản lý trong thời hạn "
            f"{_rule_label('decision_distribution', event.on)}.",
            f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Ông (bà) {person.full_name}, Tổ quản lý và các "
            "cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
        ],
        recipients=["Như Điều 3;", FILED],
        signer_name=signer_name,
        number=event.document_number,
    )


def _recipient(on: dt.date) -> str:
    """Who receives the dossier after the reading window, as the law of ``on`` names it."""
    with translation.override("vi"):  # a document reads Vietnamese whatever the interface language
        return str(law.rule("compulsory_dossier_recipient", regime=law.regime_on(on), on=on).value_label)


def _cited(citation: str, regime: str) -> str:
    """A rule's citation as a decision prints it: only the law of the decision's own regime (a rule
    both laws share names both), and without the system's notes on a decree carried over into the new
    law, which belong on the rules page, not on an official document."""
    citation = citation.split(CARRIED_OVER, 1)[0]
    other = "Luật 73/2021" if regime == "law120" else "Luật 120/2025"
    parts = [part.strip() for part in citation.split(";")]
    return "; ".join([part for part in parts if not part.startswith(other)] or parts)


def _rule_label(code: str, on: dt.date) -> str:
    applied = law.rule(code, regime=law.regime_on(on))
    return f"{applied.value_label} ({_cited(applied.citation, applied.regime)})"


def completion_certificate(episode, event, signer_name: str) -> Draft:
    """Giấy xác nhận hoàn thành cai nghiện ma túy tự nguyện tại gia đình, cộng đồng: Luật 120/2025 Điều
    32.5.c "Cấp giấy xác nhận hoàn thành cai nghiện ma túy tự nguyện tại gia đình, cộng đồng"; a
    "giấy chứng nhận" under Luật 73/2021 (Nghị định 116/2021)."""
    person = episode.person
    regime = law.regime_for_decision(decided_on=event.on).code
    type_ = CONFIRMATION if regime == "law120" else CERTIFICATE
    kind, commune = DocumentKind.REHAB_CERTIFICATE, episode.commune
    frame = _frame(kind, event.signer_role, commune, event.on, regime, type_)
    verb = "Xác nhận" if type_ == CONFIRMATION else "Chứng nhận"
    return Draft(
        **frame,
        subject="Hoàn thành cai nghiện ma túy tự nguyện tại gia đình, cộng đồng",
        articles=[
            f"{verb}: {_person_lines(person)}",
            f"Đã hoàn thành cai nghiện ma túy tự nguyện tại gia đình, cộng đồng theo Biên bản tiếp nhận số "
            f"{episode.intake_record_number}, thời hạn {episode.term_months} tháng, "
            f"từ ngày {_date(episode.started_on)} đến ngày {_date(event.on)}, tại {episode.provider}.",
            "Người được cấp giấy chứng nhận được quản lý sau cai nghiện ma túy tại nơi cư trú theo quy định.",
        ],
        recipients=["Người được cấp giấy xác nhận;", "Chủ tịch UBND xã;", FILED],
        signer_name=signer_name,
        number=event.document_number,
    )


def aftercare_certificate(aftercare, event, signer_name: str) -> Draft:
    """Giấy chứng nhận đã chấp hành xong thời gian quản lý sau cai nghiện ma túy (Mẫu 54)."""
    person = aftercare.person
    regime = law.regime_for_decision(decided_on=event.on).code
    frame = _frame(
        DocumentKind.AFTERCARE_CERTIFICATE,
        event.signer_role,
        aftercare.commune,
        event.on,
        regime,
        CERTIFICATE,
    )
    return Draft(
        **frame,
        subject="Đã chấp hành xong thời gian quản lý sau cai nghiện ma túy",
        articles=[
            f"Chứng nhận: {_person_lines(person)}",
            f"Đã chấp hành xong thời gian quản lý sau cai nghiện ma túy theo Quyết định số "
            f"{aftercare.decision_number} ngày {_date(aftercare.decided_on)}, "
            f"từ ngày {_date(law.first_day(aftercare.starts_on))} đến ngày {_date(event.on)}.",
        ],
        recipients=["Người được cấp giấy chứng nhận;", "Công an xã;", FILED],
        signer_name=signer_name,
        number=event.document_number,
    )


def dossier_notice(dossier, event, signer_name: str) -> Draft:
    """Thông báo về việc lập hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc, with
    the right to read it within the reading window (Luật 120/2025 Điều 35.3, 36.2)."""
    person = dossier.person
    regime = law.regime_for_decision(decided_on=event.on).code
    frame = _frame(DocumentKind.DOSSIER_NOTICE, event.signer_role, dossier.commune, event.on, regime, NOTICE)
    ground = law.ground(dossier.ground, regime=law.regime_by_code(dossier.ground_rule["regime"]))
    reader = (
        "Người bị đề nghị và cha, mẹ hoặc người giám hộ"
        if dossier.minor
        else "Người bị đề nghị hoặc người đại diện hợp pháp"
    )
    measure, reading_basis = COMPULSORY_MEASURE[regime], _cited(dossier.reading_rule["citation"], regime)
    return Draft(
        **frame,
        subject=f"Về việc lập hồ sơ đề nghị áp dụng {measure}",
        articles=[
            f"Công an xã thông báo đã lập hồ sơ đề nghị áp dụng {measure} đối với: {_person_lines(person)}",
            f"Căn cứ đề nghị: {ground.description} ({_cited(ground.citation, regime)}).",
            f"{reader} có quyền đọc hồ sơ, ghi chép các nội dung cần thiết đến hết ngày "
            f"{_date(law.to_local_date(dossier.reading_ends))} ({reading_basis}), "
            "tại trụ sở Công an xã trong giờ hành chính.",
            # The body of the day the dossier goes, not of the notice (a notice of late June 2025 is
            # forwarded in July, to a regional court).
            f"Hết thời hạn trên, hồ sơ được chuyển đến {_recipient(law.to_local_date(dossier.forward_due))} "
            "xem xét, quyết định.",
        ],
        recipients=["Người bị đề nghị (hoặc người đại diện hợp pháp);", FILED],
        signer_name=signer_name,
        number=event.document_number,
    )
