"""The law as data: regimes (sets of rules in force over a period) and the rules themselves.

Every duration, deadline, signer and threshold the system applies is a named rule here, with its
value, unit, citation and whether its value was read in the legal text itself (``verified``).
Sources and confidence tags come from ../shared/research/legal.md: only [T] facts (read in the
text) are verified; [S] (secondary source) and [M] (inferred) values are not, and a system
administrator may override them (see ``hoanhap.law.models.RuleOverride``), which the UI shows.

A new law adds a regime; it never edits the rules of an old one, so cases decided under the old
regime keep the values they were given.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Unit(StrEnum):
    HOURS = "hours"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    COUNT = "count"
    ROLE = "role"
    CHOICE = "choice"


UNIT_LABELS = {
    Unit.HOURS: _("giờ"),
    Unit.CALENDAR_DAYS: _("ngày"),
    Unit.WORKING_DAYS: _("ngày làm việc"),
    Unit.MONTHS: _("tháng"),
    Unit.COUNT: "",
    Unit.ROLE: "",
    Unit.CHOICE: "",
}
CHOICE_LABELS = {
    "assessment": _("Đề nghị xác định tình trạng nghiện"),
    "new_decision": _("Ra quyết định quản lý mới, thời hạn tính lại"),
    "voluntary_public": _("Cơ sở cai nghiện công lập"),
    "used_in_voluntary": _("Căn cứ lập hồ sơ đề nghị đưa đi cai nghiện bắt buộc"),
    "none": _("Không ra quyết định quản lý người sử dụng trái phép chất ma túy"),
    "compulsory": _("Trừ người đang cai nghiện bắt buộc"),
    "public_facility": _("Trừ người đang cai nghiện tại cơ sở cai nghiện công lập, trường giáo dưỡng"),
    "not_required": _("Không phải đăng ký; việc tái nghiện là căn cứ cai nghiện bắt buộc"),
    "within_decision": _("Trong thời hạn ra quyết định quản lý, không có thời hạn riêng"),
    "home_substitution_aftercare": _(
        "Người cai nghiện tự nguyện tại gia đình, cộng đồng; người điều trị nghiện bằng thuốc thay thế; "
        "người bị quản lý sau cai nghiện"
    ),
    "per_decision": _("Theo quyết định áp dụng, đến khi Chính phủ quy định chi tiết"),
    "immediately": _("Thông báo ngay cho Công an xã"),
    "per_government": _("Vi phạm nghĩa vụ của người bị giám sát; xử lý theo quy định của Chính phủ"),
}


@dataclass(frozen=True)
class Regime:
    code: str
    name: str
    starts: dt.date
    ends: dt.date | None  # last day in force; None while in force
    citation: str

    def in_force_on(self, day: dt.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


@dataclass(frozen=True)
class Rule:
    code: str
    description: str  # Vietnamese msgid: stored as is in case snapshots, translated where shown
    value: int | str
    unit: Unit
    citation: str
    verified: bool
    max_value: int | None = None  # for ranges a decision chooses within (old rehab terms)


LAW_73 = Regime(
    code="law73",
    name="Luật 73/2021/QH14, Nghị định 105/2021/NĐ-CP, Nghị định 116/2021/NĐ-CP",
    starts=dt.date(2022, 1, 1),
    ends=dt.date(2026, 6, 30),
    citation="Luật Phòng, chống ma túy 73/2021/QH14 (hết hiệu lực 01/07/2026, Luật 120/2025 Điều 55)",
)
LAW_120 = Regime(
    code="law120",
    name="Luật 120/2025/QH15",
    starts=dt.date(2026, 7, 1),
    ends=None,
    citation="Luật Phòng, chống ma túy 120/2025/QH15, hiệu lực 01/07/2026 (Điều 55)",
)
REGIMES = (LAW_73, LAW_120)

H, CD, WD, M, N, ROLE = (
    Unit.HOURS,
    Unit.CALENDAR_DAYS,
    Unit.WORKING_DAYS,
    Unit.MONTHS,
    Unit.COUNT,
    Unit.ROLE,
)
CHOICE = Unit.CHOICE

# Rules that read the same under both regimes.
_COMMON = [
    Rule(
        "user_management_term",
        gettext_noop("Thời hạn quản lý người sử dụng trái phép chất ma túy"),
        12,
        M,
        "Luật 120/2025 Điều 24.2; Luật 73/2021 Điều 23.2",
        True,
    ),
    Rule(
        "addiction_criteria_threshold",
        gettext_noop("Số tiêu chí tối thiểu để xác định nghiện (trên 6 tiêu chí)"),
        3,
        N,
        "Thông tư 18/2021/TT-BYT Điều 3",
        False,
    ),
    Rule(
        "registration_after_addicted",
        gettext_noop("Đăng ký cai nghiện, điều trị thay thế sau khi có kết quả nghiện"),
        5,
        WD,
        "Nghị định 116/2021 Điều 28",
        False,
    ),
    Rule("rehab_min_age", "Tuổi tối thiểu áp dụng cai nghiện", 12, N, "Luật 120/2025 Điều 28, 30, 36", True),
    Rule(
        "adult_age",
        gettext_noop("Tuổi thành niên (cai nghiện bắt buộc là biện pháp hành chính)"),
        18,
        N,
        "Luật 120/2025 Điều 35",
        True,
    ),
    Rule(
        "aftercare_term",
        gettext_noop(
            "Thời hạn quản lý sau cai nghiện (tự nguyện, điều trị thay thế, bắt buộc người chưa thành niên)"
        ),
        12,
        M,
        "Luật 120/2025 Điều 42.1; Luật 73/2021 Điều 40",
        True,
    ),
    Rule(
        "aftercare_term_adult_compulsory",
        gettext_noop("Thời hạn quản lý sau cai nghiện bắt buộc của người thành niên"),
        24,
        M,
        "Luật 120/2025 Điều 42.2; Luật 73/2021 Điều 40",
        True,
    ),
    Rule(
        "aftercare_decision_deadline",
        gettext_noop("Ra quyết định quản lý sau cai nghiện kể từ khi nhận giấy chứng nhận"),
        5,
        WD,
        "Nghị định 116/2021",
        False,
    ),
    Rule(
        "aftercare_decider",
        gettext_noop("Người ra quyết định quản lý sau cai nghiện"),
        "commune_chairman",
        ROLE,
        "Luật 120/2025 Điều 42.6",
        True,
    ),
    Rule(
        "compulsory_limitation",
        gettext_noop("Thời hiệu áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc, từ vi phạm cuối"),
        3,
        M,
        "Luật 120/2025 Điều 35.4",
        True,
    ),
    Rule(
        "compulsory_exclusion_child_months",
        gettext_noop("Không áp dụng bắt buộc với người nuôi con dưới"),
        36,
        M,
        "Luật 120/2025 Điều 35.2",
        True,
    ),
    Rule(
        "minor_transfer_remaining",
        gettext_noop("Người chưa thành niên đủ 18 tuổi còn lại từ, thì chuyển cơ sở người lớn"),
        3,
        M,
        "Luật 120/2025 Điều 36.4",
        True,
    ),
    Rule(
        "minor_court_decision",
        gettext_noop("Tòa án xem xét, quyết định đối với người 12–18 tuổi, từ ngày thụ lý"),
        15,
        CD,
        "Pháp lệnh 01/2022/UBTVQH15",
        False,
    ),
    Rule(
        "absconding_search_decider",
        gettext_noop("Người ra quyết định truy tìm người bỏ trốn trước khi vào cơ sở cai nghiện bắt buộc"),
        "provincial_police",
        ROLE,
        "Luật 120/2025 Điều 38",
        True,
    ),
    Rule(
        "escape_search_decider",
        gettext_noop("Người ra quyết định truy tìm người bỏ trốn khỏi cơ sở cai nghiện"),
        "facility_staff",
        ROLE,
        "Luật 120/2025 Điều 46.2.đ",
        True,
    ),
    Rule(
        "facility_certificate_signer",
        gettext_noop("Người cấp giấy chứng nhận hoàn thành cai nghiện tại cơ sở"),
        "facility_staff",
        ROLE,
        "Luật 120/2025 Điều 33, 34.4, 35.5, 36.5",
        True,
    ),
    Rule(
        "compulsory_required_stages",
        gettext_noop("Số giai đoạn phải hoàn thành khi cai nghiện bắt buộc (đủ quy trình)"),
        5,
        N,
        "Luật 120/2025 Điều 29.2–3; Luật 73/2021 Điều 29",
        False,
    ),
    # QĐ 28/2025/QĐ-TTg criteria for a type I drug-hotspot commune, read in a secondary source only
    # (legal.md §9): unverified, so an administrator can correct them.
    Rule(
        "hotspot_commune_criteria_needed",
        gettext_noop("Địa bàn trọng điểm loại I: số tiêu chí tối thiểu phải đáp ứng"),
        3,
        N,
        "Quyết định 28/2025/QĐ-TTg",
        False,
    ),
    Rule(
        "hotspot_commune_people_per_10000",
        gettext_noop("Tiêu chí (a): người nghiện và người sử dụng có hồ sơ quản lý trên 10.000 dân, từ"),
        50,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí a: từ 0,5 % dân số",
        False,
    ),
    Rule(
        "hotspot_commune_places",
        gettext_noop("Tiêu chí (b): số điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy, từ"),
        2,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí b",
        False,
    ),
    Rule(
        "hotspot_commune_arrests_per_10000",
        gettext_noop("Tiêu chí (c): người phạm tội về ma túy bị bắt giữ trên 10.000 dân, từ"),
        10,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí c: từ 0,1 % dân số",
        False,
    ),
    Rule(
        "hotspot_commune_plants",
        gettext_noop("Tiêu chí (d): số cây có chứa chất ma túy bị phát hiện, triệt phá, từ"),
        3000,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí d: từ 3.000 cây hoặc 750 m²",
        False,
    ),
    # Personal-data protection (Luật 91/2025/QH15 and NĐ 356/2025/NĐ-CP, in force 01/01/2026), read
    # in secondary sources only (legal.md §8): unverified, so an administrator can correct them.
    Rule(
        "data_request_response",
        gettext_noop("Trả lời yêu cầu của chủ thể dữ liệu cá nhân (xem, sửa, xóa, hạn chế xử lý...)"),
        2,
        WD,
        "Nghị định 356/2025/NĐ-CP Điều 5.2",
        False,
    ),
    Rule(
        "breach_notification",
        gettext_noop("Thông báo vi phạm bảo vệ dữ liệu cá nhân cho cơ quan chuyên trách (A05, Bộ Công an)"),
        72,
        H,
        # "trong thời hạn 72 giờ kể từ khi phát hiện" (legal.md §11, read in the law's text).
        "Luật 91/2025/QH15 Điều 23.1",
        True,
    ),
]

# Nghị định 105/2021 details Luật 73. Its text was read, but whether it still applies under Luật 120
# until the new decree is issued is not confirmed (legal.md §0): carried over as unverified.
_DECREE_105 = [
    Rule(
        "sample_consent_age",
        gettext_noop(
            "Lấy mẫu không phải nước tiểu của người dưới tuổi này phải có đồng ý của cha, mẹ, người giám hộ"
        ),
        18,
        N,
        "Nghị định 105/2021 Điều 46.4",
        True,
    ),
    Rule(
        "residence_verification",
        gettext_noop("Xác minh nơi cư trú sau khi có kết quả dương tính"),
        3,
        WD,
        "Nghị định 105/2021 Điều 41",
        True,
    ),
    Rule(
        "monthly_residence_check",
        gettext_noop("Kiểm tra, cập nhật nơi cư trú người bị quản lý, ít nhất"),
        1,
        M,
        "Nghị định 105/2021 Điều 47.1",
        True,
    ),
    Rule(
        "dossier_handover",
        gettext_noop("Bàn giao hồ sơ quản lý khi thay đổi nơi cư trú"),
        5,
        WD,
        "Nghị định 105/2021 Điều 47.2",
        True,
    ),
    Rule(
        "decision_distribution",
        gettext_noop("Gửi quyết định dừng, chấm dứt quản lý"),
        3,
        WD,
        "Nghị định 105/2021 Điều 48.3",
        True,
    ),
    Rule(
        "not_addicted_under_management",
        gettext_noop("Người đang bị quản lý tiếp tục sử dụng, được xác định không nghiện"),
        "new_decision",
        CHOICE,
        "Nghị định 105/2021 Điều 43.2",
        True,
    ),
    Rule(
        "residence_verification_remote",
        gettext_noop("Xác minh nơi cư trú ở vùng sâu, vùng xa, miền núi, hải đảo"),
        10,
        WD,
        "Nghị định 105/2021 Điều 41",
        True,
    ),
]


def _carried_over(rule: Rule) -> Rule:
    citation = f"{rule.citation}, áp dụng tiếp theo Luật 120/2025 đến khi có nghị định mới (chưa kiểm chứng)"
    return Rule(rule.code, rule.description, rule.value, rule.unit, citation, False, rule.max_value)


_LAW_73_ONLY = [
    Rule(
        "user_management_decision",
        gettext_noop("Ra quyết định quản lý người sử dụng trái phép chất ma túy"),
        3,
        WD,
        "Luật 73/2021 Điều 23.4; Nghị định 105/2021 Điều 42.1",
        True,
    ),
    Rule(
        "user_management_decider",
        gettext_noop("Người ra quyết định quản lý"),
        "commune_chairman",
        ROLE,
        "Luật 73/2021 Điều 23.4",
        True,
    ),
    Rule(
        "residence_move_notice",
        gettext_noop("Thông báo cho nơi cư trú mới khi người bị quản lý chuyển đi"),
        5,
        WD,
        "Luật 73/2021 Điều 26.2",
        True,
    ),
    Rule(
        "provider_notice",
        gettext_noop("Cơ sở, tổ chức cai nghiện thông báo khi tiếp nhận, bỏ, hoàn thành"),
        5,
        WD,
        "Luật 73/2021 Điều 30.7.c",
        True,
    ),
    # What a positive result leads to depends on the case the person is in (Luật 73/2021 Điều 22.2,
    # 23.5.a, 27.1, 32, 33.1); ``cases.positive`` reads these.
    Rule(
        "repeated_use_response",
        gettext_noop("Kết quả dương tính của người đang bị quản lý người sử dụng trái phép chất ma túy"),
        "assessment",
        CHOICE,
        "Luật 73/2021 Điều 27.1.a",
        True,
    ),
    Rule(
        "positive_in_aftercare",
        gettext_noop("Kết quả dương tính của người đang bị quản lý sau cai nghiện"),
        "assessment",
        CHOICE,
        "Luật 73/2021 Điều 27.1.d",
        True,
    ),
    Rule(
        "assessment_referrer",
        gettext_noop("Đơn vị lập hồ sơ đề nghị xác định tình trạng nghiện"),
        "commune_police",
        ROLE,
        "Luật 73/2021 Điều 27.2",
        True,
    ),
    Rule(
        "positive_without_residence",
        gettext_noop("Kết quả dương tính của người không có nơi cư trú ổn định"),
        "assessment",
        CHOICE,
        "Luật 73/2021 Điều 27.1.b",
        True,
    ),
    Rule(
        "aftercare_removal",
        gettext_noop("Người đưa ra khỏi danh sách quản lý sau cai nghiện trước thời hạn"),
        "commune_chairman",
        ROLE,
        "Luật 73/2021 Điều 40; Nghị định 116/2021",
        False,
    ),
    Rule(
        # "quy định tại các điểm a, b, c và đ khoản 1 Điều này khi nhận được kết quả xác định là
        # nghiện ma túy có trách nhiệm đăng ký cai nghiện": point d (post-rehab) is not named; the
        # relapse is a ground for compulsory rehab instead (Điều 32.4).
        "registration_after_aftercare_relapse",
        gettext_noop("Người đang bị quản lý sau cai nghiện được xác định nghiện phải đăng ký cai nghiện"),
        "not_required",
        CHOICE,
        "Luật 73/2021 Điều 27.5.c",
        True,
    ),
    Rule(
        "positive_in_voluntary_rehab",
        gettext_noop("Kết quả dương tính của người đang cai nghiện tự nguyện"),
        "used_in_voluntary",
        CHOICE,
        "Luật 73/2021 Điều 32.2, 33.1.b",
        True,
    ),
    Rule(
        "positive_of_addicted",
        gettext_noop(
            "Kết quả dương tính của người đã được xác định nghiện (chưa cai nghiện, đang điều trị thay thế "
            "hoặc đang lập hồ sơ cai nghiện bắt buộc)"
        ),
        "none",
        CHOICE,
        "Luật 73/2021 Điều 23.5.a",
        True,
    ),
    Rule(
        "positive_result_not_sent",
        gettext_noop("Kết quả dương tính gửi ngay về xã nơi người đó cư trú"),
        "compulsory",
        CHOICE,
        "Luật 73/2021 Điều 22.2",
        True,
    ),
    Rule(
        "management_end_decider",
        gettext_noop("Người ra quyết định tạm đình chỉ, dừng, chấm dứt quản lý"),
        "commune_chairman",
        ROLE,
        "Luật 73/2021 Điều 23; Nghị định 105/2021 Điều 48 (Mẫu 09, 10)",
        True,
    ),
    Rule(
        "community_rehab_registrar",
        gettext_noop("Tiếp nhận đăng ký, cấp giấy chứng nhận cai nghiện tại gia đình, cộng đồng"),
        "commune_chairman",
        ROLE,
        "Luật 73/2021 Điều 30.5",
        True,
    ),
    Rule(
        "voluntary_registration_processing",
        gettext_noop("Giải quyết đăng ký cai nghiện tự nguyện (TTHC 1.010941)"),
        3,
        WD,
        "Nghị định 116/2021 (trang dịch vụ công tỉnh Bến Tre)",
        False,
    ),
    Rule(
        "rehab_term_voluntary",
        gettext_noop("Thời hạn cai nghiện tự nguyện (gia đình, cộng đồng, cơ sở)"),
        6,
        M,
        "Luật 73/2021 Điều 30.2, 31.1",
        True,
        max_value=12,
    ),
    Rule(
        "voluntary_required_stages",
        gettext_noop("Số giai đoạn đầu của quy trình cai nghiện phải hoàn thành (cai nghiện tự nguyện)"),
        3,
        N,
        "Luật 73/2021 Điều 29.2",
        True,
    ),
    Rule(
        "rehab_term_compulsory_minor",
        gettext_noop("Thời hạn cai nghiện bắt buộc người 12–18 tuổi"),
        6,
        M,
        "Luật 73/2021 Điều 33.3",
        True,
        max_value=12,
    ),
    Rule(
        "rehab_term_compulsory_adult",
        gettext_noop("Thời hạn cai nghiện bắt buộc người thành niên"),
        12,
        M,
        "Luật Xử lý vi phạm hành chính Điều 95 (trước sửa đổi)",
        True,
        max_value=24,
    ),
    Rule(
        "dossier_reading_window",
        gettext_noop("Thời gian đọc, ghi chép hồ sơ đề nghị cai nghiện bắt buộc"),
        3,
        WD,
        "Nghị định 116/2021",
        False,
    ),
    Rule(
        "dossier_forwarding",
        # "Trong thời hạn 01 ngày làm việc kể từ ngày hết thời hạn đọc hồ sơ, cơ quan, người đã lập hồ
        # sơ gửi hồ sơ cho Trưởng phòng Phòng Lao động - Thương binh và Xã hội cấp huyện" (the 02
        # working days after it are that office's, not the commune's).
        gettext_noop("Gửi hồ sơ đề nghị cai nghiện bắt buộc người 12–18 tuổi sau thời hạn đọc hồ sơ"),
        1,
        WD,
        "Luật 73/2021 Điều 34.3",
        True,
    ),
    Rule(
        "compulsory_dossier_preparer",
        gettext_noop("Người lập hồ sơ đề nghị cai nghiện bắt buộc"),
        "commune_chairman",
        ROLE,
        "Luật 73/2021 Điều 33–34; Nghị định 116/2021",
        False,
    ),
]

_LAW_120_ONLY = [
    # Nghị định 105/2021 Điều 41 gave 03 (remote areas 10) working days to verify the residence
    # after a positive result; Luật 120/2025 Điều 24.4.a wants the decision within 24 hours. A
    # decree stays in force only where it does not contradict the new law (Luật Ban hành văn bản
    # quy phạm pháp luật 2025 Điều 57.2), so the verification has no period of its own.
    Rule(
        "residence_verification",
        gettext_noop("Xác minh nơi cư trú sau khi có kết quả dương tính"),
        "within_decision",
        CHOICE,
        "Luật 120/2025 Điều 24.4.a; Nghị định 105/2021 Điều 41 không áp dụng về thời hạn vì trái Luật "
        "120/2025 (Luật Ban hành văn bản quy phạm pháp luật 2025 Điều 57.2)",
        False,
    ),
    Rule(
        "residence_verification_remote",
        gettext_noop("Xác minh nơi cư trú ở vùng sâu, vùng xa, miền núi, hải đảo"),
        "within_decision",
        CHOICE,
        "Luật 120/2025 Điều 24.4.a; Nghị định 105/2021 Điều 41 không áp dụng về thời hạn vì trái Luật "
        "120/2025 (Luật Ban hành văn bản quy phạm pháp luật 2025 Điều 57.2)",
        False,
    ),
    # Rules Luật 120/2025 brought in: they do not reach a case under Luật 73 (issue 23, item 5).
    Rule(
        "assessment_validity",
        gettext_noop("Hiệu lực kết quả xác định nghiện khi đăng ký cai nghiện tự nguyện"),
        6,
        M,
        "Luật 120/2025 Điều 31.1.b",
        True,
    ),
    Rule(
        "violations_to_compulsory",
        gettext_noop("Số lần vi phạm trong cai nghiện tại cộng đồng dẫn đến cai nghiện bắt buộc"),
        3,
        N,
        "Luật 120/2025 Điều 47.4",
        True,
    ),
    Rule(
        "private_completion_report",
        gettext_noop("Người hoàn thành cai nghiện tại cơ sở tư nhân trình báo Công an xã"),
        2,
        CD,
        "Luật 120/2025 Điều 33",
        True,
    ),
    Rule(
        "partial_private_min_stages",
        gettext_noop("Số giai đoạn tối thiểu tại cơ sở tư nhân trước khi tiếp tục tại gia đình, cộng đồng"),
        3,
        N,
        "Luật 120/2025 Điều 30.1.d, 33.4",
        True,
    ),
    Rule(
        "user_management_decision",
        gettext_noop("Ra quyết định quản lý người sử dụng trái phép chất ma túy"),
        24,
        H,
        "Luật 120/2025 Điều 24.4.a",
        True,
    ),
    Rule(
        "user_management_decider",
        gettext_noop("Người ra quyết định quản lý"),
        "commune_police_head",
        ROLE,
        "Luật 120/2025 Điều 24.4.a",
        True,
    ),
    Rule(
        "residence_move_notice",
        gettext_noop("Thông báo cho nơi cư trú mới khi người bị quản lý chuyển đi"),
        24,
        H,
        "Luật 120/2025 Điều 27.2, 48.2",
        True,
    ),
    Rule(
        "provider_notice",
        gettext_noop("Cơ sở, tổ chức cai nghiện thông báo khi tiếp nhận, bỏ, hoàn thành"),
        24,
        H,
        "Luật 120/2025 Điều 32.8.c, 46.2.i",
        True,
    ),
    # What a positive result leads to depends on the case the person is in (Luật 120/2025 Điều 23.2,
    # 24.5.a, 31.1.c–d, 35.1.b, 36.1.b); ``cases.positive`` reads these.
    Rule(
        "repeated_use_response",
        gettext_noop("Kết quả dương tính của người đang bị quản lý người sử dụng trái phép chất ma túy"),
        "assessment",
        CHOICE,
        "Luật 120/2025 Điều 31.1.c",
        True,
    ),
    Rule(
        "positive_in_aftercare",
        gettext_noop("Kết quả dương tính của người đang bị quản lý sau cai nghiện"),
        "assessment",
        CHOICE,
        "Luật 120/2025 Điều 31.1.d",
        True,
    ),
    Rule(
        "positive_in_voluntary_rehab",
        gettext_noop("Kết quả dương tính của người đang cai nghiện tự nguyện"),
        "used_in_voluntary",
        CHOICE,
        "Luật 120/2025 Điều 35.1.b, 36.1.b",
        True,
    ),
    Rule(
        "positive_without_residence",
        gettext_noop("Kết quả dương tính của người không có nơi cư trú ổn định"),
        "assessment",
        CHOICE,
        # The OCR copy prints the point as "e"; it follows "d", so it is point đ.
        "Luật 120/2025 Điều 31.1.đ, 24.6",
        True,
    ),
    Rule(
        "aftercare_removal",
        gettext_noop("Người đưa ra khỏi danh sách quản lý sau cai nghiện trước thời hạn"),
        "commune_police",
        ROLE,
        "Luật 120/2025 Điều 48.4",
        True,
    ),
    Rule(
        # "quy định tại điểm d khoản 1 Điều này khi nhận được kết quả xác định là nghiện ma túy có
        # trách nhiệm đăng ký cai nghiện ma túy tự nguyện tại cơ sở cai nghiện ma túy công lập".
        "registration_after_aftercare_relapse",
        gettext_noop("Người đang bị quản lý sau cai nghiện được xác định nghiện phải đăng ký cai nghiện"),
        "voluntary_public",
        CHOICE,
        "Luật 120/2025 Điều 31.6",
        True,
    ),
    Rule(
        "positive_of_addicted",
        gettext_noop(
            "Kết quả dương tính của người đã được xác định nghiện (chưa cai nghiện, đang điều trị thay thế "
            "hoặc đang lập hồ sơ cai nghiện bắt buộc)"
        ),
        "none",
        CHOICE,
        "Luật 120/2025 Điều 24.5.a",
        True,
    ),
    Rule(
        "positive_result_not_sent",
        gettext_noop("Kết quả dương tính gửi ngay đến Trưởng Công an xã nơi người đó cư trú"),
        "public_facility",
        CHOICE,
        "Luật 120/2025 Điều 23.2",
        True,
    ),
    Rule(
        "no_residence_rehab_form",
        gettext_noop("Người không có nơi cư trú ổn định đăng ký cai nghiện tự nguyện tại"),
        "voluntary_public",
        CHOICE,
        "Luật 120/2025 Điều 31.6, 34.1",
        True,
    ),
    Rule(
        "assessment_referrer",
        gettext_noop("Đơn vị lập hồ sơ đề nghị xác định tình trạng nghiện"),
        "commune_police",
        ROLE,
        "Luật 120/2025 Điều 31.2",
        True,
    ),
    Rule(
        "management_end_decider",
        gettext_noop("Người ra quyết định tạm đình chỉ, dừng, chấm dứt quản lý"),
        "commune_police_head",
        ROLE,
        "Luật 120/2025 Điều 24.5–7",
        True,
    ),
    Rule(
        "community_rehab_registrar",
        gettext_noop("Tiếp nhận đăng ký, cấp giấy chứng nhận cai nghiện tại gia đình, cộng đồng"),
        "commune_police_head",
        ROLE,
        "Luật 120/2025 Điều 32.5",
        True,
    ),
    # Điều 29.1: "Thời hạn cai nghiện ma túy đối với người cai nghiện ma túy lần đầu là 24 tháng,
    # đối với người cai nghiện ma túy từ lần thứ hai trở lên là 36 tháng" (confirmed, legal.md §11).
    Rule(
        "rehab_term_first",
        gettext_noop("Thời hạn cai nghiện lần đầu (mọi hình thức)"),
        24,
        M,
        "Luật 120/2025 Điều 29.1",
        True,
    ),
    Rule(
        "rehab_term_repeat",
        gettext_noop("Thời hạn cai nghiện từ lần thứ hai (mọi hình thức)"),
        36,
        M,
        "Luật 120/2025 Điều 29.1",
        True,
    ),
    Rule(
        "voluntary_required_stages",
        gettext_noop(
            "Số giai đoạn đầu của quy trình cai nghiện phải hoàn thành (mọi hình thức, đủ 5 giai đoạn)"
        ),
        5,
        N,
        "Luật 120/2025 Điều 29.2–3",
        True,
    ),
    Rule(
        "voluntary_registration_processing",
        gettext_noop("Giải quyết đăng ký cai nghiện tự nguyện (TTHC 1.010941)"),
        3,
        WD,
        "TTHC 1.010941 (Nghị định 116/2021), áp dụng tiếp theo Luật 120/2025 Điều 32 (chưa kiểm chứng)",
        False,
    ),
    Rule(
        "dossier_reading_window",
        gettext_noop("Thời gian đọc, ghi chép hồ sơ đề nghị cai nghiện bắt buộc"),
        3,
        WD,
        "Luật 120/2025 Điều 35.3, 36.2",
        True,
    ),
    Rule(
        "dossier_forwarding",
        gettext_noop("Quyết định chuyển hồ sơ đến Tòa án nhân dân khu vực sau thời hạn đọc hồ sơ"),
        1,
        WD,
        "Luật 120/2025 Điều 35.3, 36.2.d",
        True,
    ),
    Rule(
        "compulsory_dossier_preparer",
        gettext_noop("Người lập hồ sơ đề nghị cai nghiện bắt buộc"),
        "commune_police_head",
        ROLE,
        "Luật 120/2025 Điều 35.3, 36.2",
        True,
    ),
    # Electronic monitoring, a measure Luật 120/2025 brought in (issue 23, item 6). Điều 12 as read in the
    # law's text:
    # 1. "Giám sát điện tử là biện pháp sử dụng thiết bị điện tử để quản lý, giám sát đối với: a) Người
    #    đang cai nghiện ma túy tự nguyện tại gia đình, cộng đồng; b) Người đang điều trị nghiện bằng thuốc
    #    thay thế; c) Người đang bị quản lý sau cai nghiện ma túy."
    # 2. "Trưởng Công an cấp xã có thẩm quyền áp dụng biện pháp giám sát điện tử." (the copy prints
    #    "Trường", a slip of its scan for "Trưởng", as in Điều 23.2 and 42.7)
    # 3. "b) Không tự ý tháo gỡ, phá hủy hoặc có tác động gây rối loạn hoạt động của thiết bị giám sát điện
    #    tử; c) Thông báo ngay cho Công an cấp xã khi phát hiện thiết bị giám sát điện tử bị hỏng."
    # 4. "Chính phủ quy định chi tiết về thiết bị, đối tượng, quy định điều kiện, thời hạn, trình tự, thủ
    #    tục, xử lý vi phạm trong việc áp dụng biện pháp giám sát điện tử."
    # No decree detailing Điều 12 has been issued: the term is the one the decision sets, a value the law
    # does not give, so that rule is unverified (an administrator may set it once the decree is out).
    Rule(
        "monitoring_subjects",
        gettext_noop("Người có thể bị áp dụng biện pháp giám sát điện tử"),
        "home_substitution_aftercare",
        CHOICE,
        "Luật 120/2025 Điều 12.1",
        True,
    ),
    Rule(
        "monitoring_decider",
        gettext_noop("Người có thẩm quyền áp dụng biện pháp giám sát điện tử"),
        "commune_police_head",
        ROLE,
        "Luật 120/2025 Điều 12.2",
        True,
    ),
    Rule(
        "monitoring_fault_report",
        gettext_noop("Người bị giám sát điện tử phát hiện thiết bị bị hỏng"),
        "immediately",
        CHOICE,
        "Luật 120/2025 Điều 12.3.c",
        True,
    ),
    Rule(
        "monitoring_tampering",
        gettext_noop("Thiết bị giám sát điện tử bị tháo gỡ, phá hủy, tác động gây rối loạn"),
        "per_government",
        CHOICE,
        "Luật 120/2025 Điều 12.3.b, 12.4",
        True,
    ),
    Rule(
        "monitoring_term",
        gettext_noop("Thời hạn giám sát điện tử"),
        "per_decision",
        CHOICE,
        "Luật 120/2025 Điều 12.4: Chính phủ quy định thiết bị, điều kiện, thời hạn, trình tự, thủ tục; "
        "nghị định quy định chi tiết chưa được ban hành",
        False,
    ),
]

RULES: dict[str, dict[str, Rule]] = {
    LAW_73.code: {r.code: r for r in (*_COMMON, *_DECREE_105, *_LAW_73_ONLY)},
    LAW_120.code: {r.code: r for r in (*_COMMON, *map(_carried_over, _DECREE_105), *_LAW_120_ONLY)},
}


@dataclass(frozen=True)
class Ground:
    """A ground for compulsory rehab, and whether it reaches adults and minors (12–18)."""

    code: str
    description: str  # Vietnamese msgid
    adults: bool
    minors: bool
    citation: str


@dataclass(frozen=True)
class Checklist:
    """The documents a dossier must hold, in filing order; pages are numbered across them."""

    code: str
    items: tuple[tuple[str, str], ...]  # (item code, Vietnamese msgid)
    citation: str
    verified: bool


_GROUND_TEXT = {
    "voluntary_not_done": gettext_noop(
        "Không đăng ký, không thực hiện hoặc tự ý chấm dứt cai nghiện ma túy tự nguyện"
    ),
    "used_in_voluntary": gettext_noop("Sử dụng trái phép chất ma túy trong thời gian cai nghiện tự nguyện"),
    "substitution": gettext_noop(
        "Không đăng ký, không thực hiện, tự ý chấm dứt hoặc bị chấm dứt điều trị nghiện bằng thuốc thay thế"
    ),
    "aftercare_relapse": gettext_noop("Được xác định là nghiện trong thời gian quản lý sau cai nghiện"),
    "violations": gettext_noop(
        "Vi phạm trong thời gian cai nghiện tại gia đình, cộng đồng hoặc điều trị thay thế (Điều 47.2–4)"
    ),
}

GROUNDS: dict[str, tuple[Ground, ...]] = {
    LAW_73.code: (
        Ground(
            "voluntary_not_done",
            _GROUND_TEXT["voluntary_not_done"],
            True,
            True,
            "Luật 73/2021 Điều 32.1, 33.1.a",
        ),
        Ground(
            "used_in_voluntary",
            _GROUND_TEXT["used_in_voluntary"],
            True,
            True,
            "Luật 73/2021 Điều 32.2, 33.1.b",
        ),
        Ground("substitution", _GROUND_TEXT["substitution"], True, True, "Luật 73/2021 Điều 32.3, 33.1.c"),
        Ground("aftercare_relapse", _GROUND_TEXT["aftercare_relapse"], True, False, "Luật 73/2021 Điều 32.4"),
    ),
    LAW_120.code: (
        Ground(
            "voluntary_not_done",
            _GROUND_TEXT["voluntary_not_done"],
            True,
            True,
            "Luật 120/2025 Điều 35.1.a, 36.1.a",
        ),
        Ground(
            "used_in_voluntary",
            _GROUND_TEXT["used_in_voluntary"],
            True,
            True,
            "Luật 120/2025 Điều 35.1.b, 36.1.b",
        ),
        Ground("substitution", _GROUND_TEXT["substitution"], True, True, "Luật 120/2025 Điều 35.1.c, 36.1.c"),
        Ground(
            "aftercare_relapse", _GROUND_TEXT["aftercare_relapse"], True, False, "Luật 120/2025 Điều 35.1.d"
        ),
        Ground("violations", _GROUND_TEXT["violations"], True, False, "Luật 120/2025 Điều 35.1.đ, 47.2–4"),
    ),
}

_ITEM_TEXT = {
    "profile": gettext_noop("Bản tóm tắt lý lịch"),
    "violation_record": gettext_noop("Biên bản, tài liệu về hành vi vi phạm"),
    "addiction_confirmation": gettext_noop(
        "Phiếu kết quả xác định tình trạng nghiện hoặc xác nhận của cơ sở điều trị thay thế"
    ),
    "statement": gettext_noop("Bản tường trình của người bị đề nghị hoặc người đại diện hợp pháp"),
    "guardian_opinion": gettext_noop("Ý kiến của cha, mẹ, người giám hộ"),
    "proposal": gettext_noop("Văn bản đề nghị của Trưởng Công an xã"),
}
# "Other documents" may always be filed; they are never required.
OTHER_DOCUMENT = ("other", gettext_noop("Tài liệu khác có liên quan"))

_ADULT_ITEMS = tuple(
    (c, _ITEM_TEXT[c]) for c in ("profile", "violation_record", "addiction_confirmation", "proposal")
)
_MINOR_ITEMS = tuple(
    (c, _ITEM_TEXT[c])
    for c in (
        "profile",
        "violation_record",
        "addiction_confirmation",
        "statement",
        "guardian_opinion",
        "proposal",
    )
)

CHECKLISTS: dict[str, dict[str, Checklist]] = {
    LAW_73.code: {
        "adult": Checklist("adult", _ADULT_ITEMS, "Nghị định 116/2021", False),
        "minor": Checklist("minor", _MINOR_ITEMS, "Luật 73/2021 Điều 34; Nghị định 116/2021", False),
    },
    LAW_120.code: {
        "adult": Checklist("adult", _ADULT_ITEMS, "Luật 120/2025 Điều 35.3", True),
        "minor": Checklist("minor", _MINOR_ITEMS, "Luật 120/2025 Điều 36.2", True),
    },
}
