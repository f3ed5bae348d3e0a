"""The law as data: regimes (sets of rules in force over a period) and the rules themselves.

Every duration, deadline, signer and threshold the system applies is a named rule here, with its
value, unit, citation and whether its value was read in the legal text itself (``verified``).
Sources and confidence tags come from ../shared/research/legal.md: only [T] facts (read in the
text) are verified; [S] (secondary source) and [M] (inferred) values are not, and a system
administrator may override them (see ``hoanhap.law.models.RuleOverride``), which the UI shows.

A new law adds a regime; it never edits the rules of an old one, so cases decided under the old
regime keep the values they were given.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from hoanhap.law.periods import Period


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
    "district_labour_office": _("Phòng Lao động – Thương binh và Xã hội cấp huyện"),
    "district_court": _("Tòa án nhân dân cấp huyện"),
    "regional_court": _("Tòa án nhân dân khu vực"),
    "hand_over_at_once": _("Chuyển ngay"),
    "from_detection": _("Kể từ khi phát hiện vi phạm"),
    "from_occurrence": _("Kể từ khi xảy ra vi phạm"),
    "may_harm": _(
        "Vi phạm có thể gây tổn hại (quốc phòng, an ninh, trật tự; tính mạng, sức khỏe, danh dự, tài sản)"
    ),
    "every_breach": _("Mọi vi phạm quy định bảo vệ dữ liệu cá nhân"),
    "reason_required": _("Thông báo sau thời hạn phải kèm lý do chậm, muộn"),
    "record_required": _("Phải lập biên bản xác nhận"),
    "home_substitution_aftercare": _(
        "Người cai nghiện tự nguyện tại gia đình, cộng đồng; người điều trị nghiện bằng thuốc thay thế; "
        "người bị quản lý sau cai nghiện"
    ),
    "per_decision": _("Theo quyết định áp dụng, đến khi Chính phủ quy định chi tiết"),
    "report_at_once": _("Thông báo ngay cho Công an xã"),
    "per_government": _("Vi phạm nghĩa vụ của người bị giám sát; xử lý theo quy định của Chính phủ"),
    "criminal_first": _(
        "Có thể là tội sử dụng trái phép chất ma túy: Công an xã chuyển Cơ quan điều tra; biện pháp hành "
        "chính chỉ áp dụng nếu người đó không bị xử lý hình sự"
    ),
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
    # For a period in days or months: a time limit for an act, whose end Bộ luật Dân sự Điều 148.5
    # moves past a day off, or the term of a measure, which it does not (``periods.Period``).
    period: Period | None = None


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

# Bộ luật Hình sự 2015 Điều 256a (tội sử dụng trái phép chất ma túy), added by Luật 86/2025/QH15
# (adopted 25/06/2025), in force from 01/07/2025: inside the Luật 73 regime, so the rules that read it
# (``criminal_use``, ``criminal_use_window``) carry their own first day, which ``cases.criminal``
# checks. The Vietnamese text of Điều 256a was not found; what these rules encode rests on the English
# translation at kimlaw.com.vn (?p=6696) and on the Vietnamese summaries of plo.vn (the Supreme
# People's Court's handbook of new criminal provisions, 12/10/2025), tracuuquyhoach.com and
# baolamdong.vn (the first prosecution in Lai Châu, 07/2025). kimlaw's translation reads:
# "1. Any person who illicitly uses narcotic substances in any of the following cases shall be
# sentenced to 02 to 03 years' imprisonment: a) While undergoing compulsory drug detoxification or
# treatment for drug addiction with substitute medications as prescribed by the Law on Drug
# Prevention and Control; b) While being under post-detoxification management ...; c) Within 02 years
# from the date the period of post-detoxification management expires, and while being subject to
# management as an illicit drug user ...; d) Within 02 years from the date of voluntarily terminating
# drug detoxification or treatment for drug addiction with substitute medications ... 2. A repeat
# offender of this crime shall be sentenced to 03 to 05 years' imprisonment." The Vietnamese
# summaries say point a is "Đang trong thời hạn cai nghiện ma túy hoặc điều trị nghiện các chất ma túy
# bằng thuốc thay thế" (any rehab, not only compulsory) and point d "tự ý chấm dứt cai nghiện ma túy
# tự nguyện hoặc điều trị nghiện các chất ma túy bằng thuốc thay thế"; HoaNhap follows them.
CRIMINAL_USE_STARTS = dt.date(2025, 7, 1)

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
        period=Period.TERM,
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
        period=Period.TERM,
    ),
    Rule(
        "aftercare_term_adult_compulsory",
        gettext_noop("Thời hạn quản lý sau cai nghiện bắt buộc của người thành niên"),
        24,
        M,
        "Luật 120/2025 Điều 42.2; Luật 73/2021 Điều 40",
        True,
        period=Period.TERM,
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
        gettext_noop("Thời hiệu áp dụng biện pháp đưa đi cai nghiện bắt buộc, từ vi phạm cuối"),
        3,
        M,
        "Luật 120/2025 Điều 35.4",
        True,
        period=Period.TIME_LIMIT,
    ),
    Rule(
        "compulsory_exclusion_child_months",
        gettext_noop("Không áp dụng bắt buộc với người nuôi con dưới"),
        36,
        M,
        "Luật 120/2025 Điều 35.2",
        True,
        period=Period.AGE,
    ),
    Rule(
        "minor_transfer_remaining",
        gettext_noop("Người chưa thành niên đủ 18 tuổi còn lại từ, thì chuyển cơ sở người lớn"),
        3,
        M,
        "Luật 120/2025 Điều 36.4",
        True,
        period=Period.TERM,
    ),
    Rule(
        "minor_court_decision",
        gettext_noop("Tòa án xem xét, quyết định đối với người 12–18 tuổi, từ ngày thụ lý"),
        15,
        CD,
        "Pháp lệnh 01/2022/UBTVQH15",
        False,
        period=Period.TIME_LIMIT,
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
    # QĐ 28/2025/QĐ-TTg (24/08/2025), criteria for a type I drug-hotspot commune ("xã, phường, đặc khu
    # trọng điểm phức tạp về ma túy loại I"). The signed text (datafiles.chinhphu.vn, 28-ttg.signed.pdf)
    # could not be read; the values below are from the Báo Chính phủ article of 25/08/2025 (republished
    # at thongtin.vietnam.vn, legal.md §9 and §11), which reads: "Communes ... of type I have at least 3
    # of the following criteria: a. The rate of drug addicts and illegal drug users with management
    # records compared to the population currently residing in the area is from 0.5% or more. b. Having
    # 2 or more locations organizing or harboring illegal drug use. c. The rate of drug offenders
    # arrested ... is from 0.1% or more. d. There are 3,000 or more plants containing narcotic substances
    # or an area of 750 m² or more of plants containing narcotic substances that are discovered and
    # destroyed. đ. Having 2 or more criteria in the criteria of communes ... [of a lower type, while
    # lying on an intra- or inter-provincial drug route]". Unverified, so an administrator can correct
    # them. Types II and III and the "không ma túy" criteria are not encoded: the article gives only
    # "type II: at least 3 of ...", "type III: at least one of ..." without thresholds that could be read.
    Rule(
        "hotspot_commune_criteria_needed",
        gettext_noop("Địa bàn trọng điểm loại I: số tiêu chí tối thiểu phải đáp ứng"),
        3,
        N,
        "Quyết định 28/2025/QĐ-TTg: có ít nhất 3 trong các tiêu chí a, b, c, d, đ",
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
        "Quyết định 28/2025/QĐ-TTg, tiêu chí d: từ 3.000 cây",
        False,
    ),
    # Criterion d is met by either count: 3,000 plants or 750 m² of them.
    Rule(
        "hotspot_commune_plant_area",
        gettext_noop(
            "Tiêu chí (d), cách thứ hai: diện tích cây có chứa chất ma túy bị phát hiện, triệt phá (m²), từ"
        ),
        750,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí d: hoặc từ 750 m²",
        False,
    ),
    Rule(
        "hotspot_commune_route_criteria",
        gettext_noop(
            "Tiêu chí (đ): số tiêu chí của địa bàn loại thấp hơn, từ, khi xã nằm trên tuyến trọng điểm"
            " phức tạp về ma túy nội tỉnh hoặc liên tỉnh"
        ),
        2,
        N,
        "Quyết định 28/2025/QĐ-TTg, tiêu chí đ",
        False,
    ),
    # Crime tips received by the commune police (Bộ luật Tố tụng hình sự 2015 Điều 146.3, as amended by
    # Luật 02/2021/QH15 from 01/12/2021): "Công an xã, phường, thị trấn, Đồn Công an có trách nhiệm tiếp
    # nhận tố giác, tin báo về tội phạm, lập biên bản tiếp nhận, tiến hành kiểm tra, xác minh sơ bộ và
    # chuyển ngay tố giác, tin báo về tội phạm kèm theo tài liệu, đồ vật có liên quan cho Cơ quan điều
    # tra có thẩm quyền." Điều 145.1: "Mọi tố giác, tin báo về tội phạm, kiến nghị khởi tố phải được
    # tiếp nhận đầy đủ, giải quyết kịp thời." Both sentences were read as quoted in published legal
    # answers (doanhnghiepmanh.vn, plo.vn, baodautu.vn), not in the Code's text: unverified. The law's
    # word is "ngay" (at once), with no hours; Thông tư liên tịch 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-
    # VKSNDTC is summarised (thukyluat.vn) as allowing 24 hours, 48 for remote communes, but it was not
    # read and it was amended in 2021, so no hour count is encoded.
    Rule(
        "crime_tip_handover",
        gettext_noop(
            "Tin báo về tội phạm do Công an cấp xã tiếp nhận: lập biên bản tiếp nhận, kiểm tra, xác minh sơ"
            " bộ và chuyển cho Cơ quan điều tra có thẩm quyền"
        ),
        "hand_over_at_once",
        CHOICE,
        "Bộ luật Tố tụng hình sự 2015 Điều 145.1, Điều 146.3 (sửa đổi, bổ sung năm 2021)",
        False,
    ),
    # "c) … trong thời hạn 02 năm kể từ ngày hết thời hạn quản lý sau cai nghiện ma túy …; d) … trong
    # thời hạn 02 năm kể từ khi tự ý chấm dứt …" (Vietnamese summaries, see CRIMINAL_USE_STARTS). Our
    # reading of its kind: a window within which a use is a crime, not a time for anyone to act, so
    # Bộ luật Dân sự Điều 148.5 never lengthens it (``Period.TERM``: the law that fixes it gives its
    # length, Điều 145.1). It counts from the day after the term's last day or the day of quitting
    # (Điều 147.2). In force from 01/07/2025 (``CRIMINAL_USE_STARTS``).
    Rule(
        "criminal_use_window",
        gettext_noop(
            "Thời hạn sau khi hết quản lý sau cai nghiện, sau khi tự ý chấm dứt cai nghiện tự nguyện hoặc "
            "điều trị thay thế, trong đó việc sử dụng trái phép chất ma túy có thể là tội phạm (từ "
            "01/07/2025)"
        ),
        24,
        M,
        "Bộ luật Hình sự 2015 Điều 256a.1.c, 256a.1.d (bổ sung bởi Luật 86/2025/QH15, hiệu lực 01/07/2025)",
        False,
        period=Period.TERM,
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
        period=Period.TIME_LIMIT,
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


# How a citation says a decree of Luật 73 is carried into Luật 120: the rules page shows it, an official
# document cuts it off (``documents.drafts``).
CARRIED_OVER = ", áp dụng tiếp theo Luật 120/2025 đến khi có nghị định mới (chưa kiểm chứng)"


def _carried_over(rule: Rule) -> Rule:
    citation = f"{rule.citation}{CARRIED_OVER}"
    return dataclasses.replace(rule, citation=citation, verified=False)


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
    # Luật 73/2021 Điều 27.1 has no exception for criminal cases; from 01/07/2025 a use in a situation
    # of Bộ luật Hình sự Điều 256a.1 may be a crime all the same, and the administrative step follows
    # only if the investigation body does not proceed (Luật Xử lý vi phạm hành chính Điều 63.1, as
    # amended in 2020, quoted at danchuphapluat.vn: a case the criminal procedure body does not pursue
    # is sent back for administrative handling).
    Rule(
        "criminal_use",
        gettext_noop("Kết quả dương tính trong trường hợp của Điều 256a Bộ luật Hình sự (từ 01/07/2025)"),
        "criminal_first",
        CHOICE,
        "Bộ luật Hình sự 2015 Điều 256a.1 (bổ sung bởi Luật 86/2025/QH15, hiệu lực 01/07/2025); Luật "
        "Xử lý vi phạm hành chính Điều 63.1",
        False,
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
        # "Công an cấp xã giúp Ủy ban nhân dân cùng cấp đưa ra khỏi danh sách … người bị quản lý sau cai
        # nghiện ma túy": the commune People's Committee, acting through its chairman (our reading).
        "Luật 73/2021 Điều 43.3 (Ủy ban nhân dân cấp xã, Công an cấp xã giúp)",
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
        period=Period.TERM,
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
        period=Period.TERM,
    ),
    Rule(
        "rehab_term_compulsory_adult",
        gettext_noop("Thời hạn cai nghiện bắt buộc người thành niên"),
        12,
        M,
        "Luật Xử lý vi phạm hành chính Điều 95 (trước sửa đổi)",
        True,
        max_value=24,
        period=Period.TERM,
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
    # Who receives the dossier after the reading window: under Luật 73 it changed twice in 2025
    # (``VARIANTS``); the value here is the one of the law as adopted.
    Rule(
        "compulsory_dossier_recipient",
        gettext_noop("Nơi nhận hồ sơ đề nghị cai nghiện bắt buộc sau thời hạn đọc hồ sơ"),
        "district_labour_office",
        CHOICE,
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
        period=Period.TIME_LIMIT,
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
        period=Period.TIME_LIMIT,
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
    # Luật 120/2025 Điều 31.1.c–d send a person under user management or post-rehab management who
    # used again to an addiction determination "nếu không thuộc trường hợp bị xử lý theo quy định của
    # pháp luật về hình sự" (read in the text); which situations are criminal is Bộ luật Hình sự
    # Điều 256a.1, whose Vietnamese text was not read (see CRIMINAL_USE_STARTS): unverified.
    Rule(
        "criminal_use",
        gettext_noop("Kết quả dương tính trong trường hợp của Điều 256a Bộ luật Hình sự (từ 01/07/2025)"),
        "criminal_first",
        CHOICE,
        "Bộ luật Hình sự 2015 Điều 256a.1 (bổ sung bởi Luật 86/2025/QH15, hiệu lực 01/07/2025); Luật "
        "120/2025 Điều 31.1.c, 31.1.d",
        False,
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
        period=Period.TERM,
    ),
    Rule(
        "rehab_term_repeat",
        gettext_noop("Thời hạn cai nghiện từ lần thứ hai (mọi hình thức)"),
        36,
        M,
        "Luật 120/2025 Điều 29.1",
        True,
        period=Period.TERM,
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
    # Điều 36.2.d: "Trưởng Công an cấp xã quyết định việc chuyển hồ sơ đề nghị Tòa án nhân dân khu vực
    # áp dụng biện pháp đưa đi cai nghiện bắt buộc"; Điều 35.8 "Tòa án nhân dân khu vực quyết định".
    Rule(
        "compulsory_dossier_recipient",
        gettext_noop("Nơi nhận hồ sơ đề nghị cai nghiện bắt buộc sau thời hạn đọc hồ sơ"),
        "regional_court",
        CHOICE,
        "Luật 120/2025 Điều 35.3.đ, 35.8, 36.2.d",
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
        "report_at_once",
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


@dataclass(frozen=True)
class Variant:
    """A rule's value over part of its regime's period. Luật 73/2021 named bodies that the 2025
    reorganisation removed while the law was still in force: from 01/03/2025 the district police and
    the district Phòng Lao động – Thương binh và Xã hội were gone (Nghị định 02/2025/NĐ-CP; the
    interim procedure of Thông tư liên tịch 03/2025/TTLT-BCA-VKSNDTC-TANDTC of 01/03/2025: the head of
    commune police prepares the dossier and sends it to the court); from 01/07/2025 the district level
    itself, and district courts became regional courts (Nghị định 184/2025/NĐ-CP, Nghị quyết
    190/2025/QH15). A case of the old regime reads the body of its own day."""

    starts: dt.date
    ends: dt.date | None
    value: int | str
    citation: str
    verified: bool

    def in_force_on(self, day: dt.date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


_TTLT_03_2025 = (
    "Thông tư liên tịch 03/2025/TTLT-BCA-VKSNDTC-TANDTC ngày 01/3/2025 (thủ tục tạm thời khi không còn "
    "Công an cấp huyện, Phòng Lao động – Thương binh và Xã hội)"
)
_REGIONAL_COURTS = (
    "Tòa án nhân dân khu vực thay Tòa án nhân dân cấp huyện từ 01/7/2025 (Nghị quyết 190/2025/QH15, Nghị "
    "định 184/2025/NĐ-CP)"
)
_REORGANISED = dt.date(2025, 3, 1)
_TWO_TIER = dt.date(2025, 7, 1)
VARIANTS: dict[tuple[str, str], tuple[Variant, ...]] = {
    (LAW_73.code, "compulsory_dossier_preparer"): (
        Variant(
            REGIMES[0].starts,
            _REORGANISED - dt.timedelta(days=1),
            "commune_chairman",
            "Luật 73/2021 Điều 33–34; Nghị định 116/2021",
            False,
        ),
        Variant(_REORGANISED, None, "commune_police_head", _TTLT_03_2025, False),
    ),
    (LAW_73.code, "compulsory_dossier_recipient"): (
        Variant(
            REGIMES[0].starts,
            _REORGANISED - dt.timedelta(days=1),
            "district_labour_office",
            "Luật 73/2021 Điều 34.3",
            True,
        ),
        Variant(_REORGANISED, _TWO_TIER - dt.timedelta(days=1), "district_court", _TTLT_03_2025, False),
        Variant(_TWO_TIER, None, "regional_court", _REGIONAL_COURTS, False),
    ),
}

RULES: dict[str, dict[str, Rule]] = {
    LAW_73.code: {r.code: r for r in (*_COMMON, *_DECREE_105, *_LAW_73_ONLY)},
    LAW_120.code: {r.code: r for r in (*_COMMON, *map(_carried_over, _DECREE_105), *_LAW_120_ONLY)},
}


# Personal-data protection has its own regimes, by date, independent of the drug law: nothing before
# 01/07/2023; Nghị định 13/2023/NĐ-CP from 01/07/2023 to 31/12/2025; Luật 91/2025/QH15 with Nghị định
# 356/2025/NĐ-CP from 01/01/2026 (Luật 91 Điều 38.1; Nghị định 356 Điều 42.2 ends Nghị định 13/2023).
# ``hoanhap.law.personal_data`` chooses among them by the date of the request or breach. Every value
# below was read in the texts (legal.md, top: repository EtonMu/global-ai-data-regulation-map,
# data/v2/vn-*.json); the sentence is quoted beside it.
PD_DECREE_13 = Regime(
    code="pd13",
    name="Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân",
    starts=dt.date(2023, 7, 1),
    ends=dt.date(2025, 12, 31),
    citation=(
        "Nghị định 13/2023/NĐ-CP, hiệu lực 01/07/2023, hết hiệu lực 01/01/2026 (Nghị định 356/2025 Điều 42.2)"
    ),
)
PD_LAW_91 = Regime(
    code="pd91",
    name="Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Nghị định 356/2025/NĐ-CP",
    starts=dt.date(2026, 1, 1),
    ends=None,
    citation="Luật 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, hiệu lực 01/01/2026",
)
PERSONAL_DATA_REGIMES = (PD_DECREE_13, PD_LAW_91)


def _pd91_request(kinds: tuple[str, ...], days: int, extension: int, article: str) -> list[Rule]:
    """NĐ 356 Điều 5.2–5.5: every kind is answered within 02 working days, then carried out within
    ``days`` days, which may be extended once by at most ``extension`` days, with reasons."""
    citation = f"Nghị định 356/2025/NĐ-CP Điều {article}"
    return [
        rule
        for kind in kinds
        for rule in (
            Rule(
                f"data_request_fulfil_{kind}",
                gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
                days,
                CD,
                citation,
                True,
                period=Period.TIME_LIMIT,
            ),
            Rule(
                f"data_request_extension_{kind}",
                gettext_noop("Gia hạn thực hiện yêu cầu (01 lần, nêu lý do), tối đa"),
                extension,
                CD,
                citation,
                True,
                period=Period.TIME_LIMIT,
            ),
        )
    ]


_PD_LAW_91_RULES = [
    # NĐ 356 Điều 5.2–5.5, each: "phải phản hồi trong thời hạn 02 ngày làm việc, cung cấp đầy đủ thông
    # tin cho chủ thể dữ liệu cá nhân về thủ tục".
    Rule(
        "data_request_response",
        gettext_noop("Phản hồi yêu cầu của chủ thể dữ liệu cá nhân"),
        2,
        WD,
        "Nghị định 356/2025/NĐ-CP Điều 5.2–5.5",
        True,
    ),
    # Điều 5.3: "yêu cầu xem, chỉnh sửa hoặc yêu cầu chỉnh sửa dữ liệu cá nhân, cung cấp dữ liệu cá nhân
    # ... thực hiện trong thời hạn 10 ngày"; "kéo dài thêm tối đa 01 lần gia hạn trong thời hạn không quá
    # 10 ngày".
    *_pd91_request(("access", "correction"), 10, 10, "5.3"),
    # Điều 5.2: "yêu cầu rút lại sự đồng ý ..., hạn chế xử lý ..., phản đối xử lý ... thực hiện trong
    # thời hạn 15 ngày, trừ trường hợp xử lý dữ liệu cá nhân không cần sự đồng ý ... Điều 19"; extension
    # "không quá 15 ngày".
    *_pd91_request(("withdrawal", "restriction", "objection"), 15, 15, "5.2"),
    # Điều 5.4: "yêu cầu xóa dữ liệu cá nhân ... thực hiện trong thời hạn 20 ngày"; extension "không
    # quá 20 ngày".
    *_pd91_request(("deletion",), 20, 20, "5.4"),
    # Điều 5.5: "yêu cầu thực hiện các biện pháp, giải pháp bảo vệ dữ liệu cá nhân của mình ... thực
    # hiện trong thời hạn 15 ngày"; extension "không quá 15 ngày".
    *_pd91_request(("protection",), 15, 15, "5.5"),
    # The right to be told about the processing (Luật 91 Điều 4.1.a) has no period of its own in
    # Điều 5; the nearest, that of a request to view one's data (Điều 5.3), is applied, unverified.
    Rule(
        "data_request_fulfil_information",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        10,
        CD,
        "Nghị định 356/2025/NĐ-CP Điều 5.3, áp dụng cho yêu cầu được biết về hoạt động xử lý dữ liệu "
        "(Luật 91/2025 Điều 4.1.a), Điều 5 không quy định thời hạn riêng",
        False,
        period=Period.TIME_LIMIT,
    ),
    Rule(
        "data_request_extension_information",
        gettext_noop("Gia hạn thực hiện yêu cầu (01 lần, nêu lý do), tối đa"),
        10,
        CD,
        "Nghị định 356/2025/NĐ-CP Điều 5.3, áp dụng cho yêu cầu được biết về hoạt động xử lý dữ liệu",
        False,
        period=Period.TIME_LIMIT,
    ),
    # Luật 91 Điều 23.1: "... có thể gây tổn hại đến quốc phòng, an ninh quốc gia, trật tự, an toàn xã
    # hội hoặc xâm phạm đến tính mạng, sức khỏe, danh dự, nhân phẩm, tài sản của chủ thể dữ liệu cá nhân
    # thì phải thông báo cho cơ quan chuyên trách bảo vệ dữ liệu cá nhân chậm nhất là 72 giờ kể từ khi
    # phát hiện hành vi vi phạm."
    Rule(
        "breach_notification",
        gettext_noop("Thông báo vi phạm bảo vệ dữ liệu cá nhân cho cơ quan chuyên trách (A05, Bộ Công an)"),
        72,
        H,
        "Luật 91/2025/QH15 Điều 23.1",
        True,
    ),
    Rule(
        "breach_notification_start",
        gettext_noop("Thời hạn thông báo vi phạm được tính"),
        "from_detection",
        CHOICE,
        "Luật 91/2025/QH15 Điều 23.1",
        True,
    ),
    Rule(
        "breach_notification_scope",
        gettext_noop("Vi phạm phải thông báo cho cơ quan chuyên trách"),
        "may_harm",
        CHOICE,
        "Luật 91/2025/QH15 Điều 23.1",
        True,
    ),
    # Điều 23.2: "… phải lập biên bản xác nhận về việc xảy ra hành vi vi phạm …".
    Rule(
        "breach_record",
        gettext_noop("Biên bản xác nhận vi phạm, trước khi kết thúc xử lý sự cố"),
        "record_required",
        CHOICE,
        "Luật 91/2025/QH15 Điều 23.2",
        True,
    ),
]

_PD_DECREE_13_RULES = [
    # Nghị định 13/2023 had no time to acknowledge a request, and none for the rights to be told
    # (Điều 9.1), to withdraw consent (Điều 12) or to protect oneself (Điều 9.11): only these.
    # Điều 14.3: "Việc cung cấp dữ liệu cá nhân ... thực hiện trong 72 giờ sau khi có yêu cầu của chủ thể
    # dữ liệu, trừ trường hợp luật có quy định khác."
    Rule(
        "data_request_fulfil_access",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 14.3",
        True,
    ),
    # Điều 15.2: "chỉnh sửa ... ngay khi có thể hoặc theo quy định của pháp luật chuyên ngành. Trường hợp
    # không thể thực hiện thì thông báo tới chủ thể dữ liệu sau 72 giờ kể khi nhận được yêu cầu": 72 hours
    # bound the notice of a correction that cannot be made, not the correction itself.
    Rule(
        "data_request_fulfil_correction",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 15.2: chỉnh sửa ngay khi có thể; không thực hiện được thì thông báo "
        "cho chủ thể dữ liệu trong 72 giờ",
        False,
    ),
    # Điều 16.5: "Việc xóa dữ liệu được thực hiện trong 72 giờ sau khi có yêu cầu của chủ thể dữ liệu".
    Rule(
        "data_request_fulfil_deletion",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 16.5",
        True,
    ),
    # Điều 9.6.b: "Việc hạn chế xử lý dữ liệu được thực hiện trong 72 giờ sau khi có yêu cầu".
    Rule(
        "data_request_fulfil_restriction",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 9.6.b",
        True,
    ),
    # Điều 9.8.b: "thực hiện yêu cầu của chủ thể dữ liệu trong 72 giờ sau khi nhận được yêu cầu".
    Rule(
        "data_request_fulfil_objection",
        gettext_noop("Thực hiện yêu cầu của chủ thể dữ liệu cá nhân"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 9.8.b",
        True,
    ),
    # Điều 23.1: "thông báo cho Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ
    # cao) chậm nhất 72 giờ sau khi xảy ra hành vi vi phạm theo Mẫu số 03 ... Trường hợp thông báo sau
    # 72 giờ thì phải kèm theo lý do thông báo chậm, muộn." Every breach, from when it happened.
    Rule(
        "breach_notification",
        gettext_noop("Thông báo vi phạm bảo vệ dữ liệu cá nhân cho Bộ Công an (A05)"),
        72,
        H,
        "Nghị định 13/2023/NĐ-CP Điều 23.1",
        True,
    ),
    Rule(
        "breach_notification_start",
        gettext_noop("Thời hạn thông báo vi phạm được tính"),
        "from_occurrence",
        CHOICE,
        "Nghị định 13/2023/NĐ-CP Điều 23.1",
        True,
    ),
    Rule(
        "breach_notification_scope",
        gettext_noop("Vi phạm phải thông báo cho cơ quan chuyên trách"),
        "every_breach",
        CHOICE,
        "Nghị định 13/2023/NĐ-CP Điều 23.1",
        True,
    ),
    Rule(
        "breach_late_notice",
        gettext_noop("Thông báo vi phạm sau thời hạn"),
        "reason_required",
        CHOICE,
        "Nghị định 13/2023/NĐ-CP Điều 23.1",
        True,
    ),
    # The biên bản of a breach under Nghị định 13/2023 is in Điều 23.5 (read by the helper who encoded
    # this regime, not quoted): unverified.
    Rule(
        "breach_record",
        gettext_noop("Biên bản xác nhận vi phạm, trước khi kết thúc xử lý sự cố"),
        "record_required",
        CHOICE,
        "Nghị định 13/2023/NĐ-CP Điều 23.5",
        False,
    ),
]

RULES[PD_DECREE_13.code] = {r.code: r for r in _PD_DECREE_13_RULES}
RULES[PD_LAW_91.code] = {r.code: r for r in _PD_LAW_91_RULES}


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
