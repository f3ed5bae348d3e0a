"""WHO ASSIST v3.0 (Alcohol, Smoking and Substance Involvement Screening Test): which questions are
asked, the score of each substance and its risk band, computed from the raw answers only.

Source: WHO, "The ASSIST: manual for use in primary care" (2010, ISBN 978 92 4 159938 2), as
summarised in ../shared/research/anchors.md §(e). Answers are stored as given; scores are
recomputed from them and the instrument version, never typed in.

Answers: {"q1": {substance: bool}, "q2".."q7": {substance: option}, "q8": option,
"q8_pattern": option (only when injected in the past 3 months)}.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

VERSION = "ASSIST-3.0"
CITATION = "WHO ASSIST v3.0, manual for use in primary care (2010)"

SUBSTANCES = (
    ("a", _("Thuốc lá")),
    ("b", _("Đồ uống có cồn")),
    ("c", _("Cần sa")),
    ("d", _("Cocain")),
    ("e", _("Chất kích thích dạng amphetamine (ma túy đá, thuốc lắc)")),
    ("f", _("Chất gây ảo giác dạng hít (keo, xăng, dung môi)")),
    ("g", _("Thuốc an thần, thuốc ngủ")),
    ("h", _("Chất gây ảo giác (LSD, nấm thần...)")),
    ("i", _("Các chất dạng thuốc phiện (heroin, morphin, methadone...)")),
    ("j", _("Chất khác")),
)
CODES = tuple(code for code, _label in SUBSTANCES)
TOBACCO, ALCOHOL = "a", "b"

FREQUENCY = (
    ("never", _("Không bao giờ")),
    ("once_twice", _("Một hoặc hai lần")),
    ("monthly", _("Hằng tháng")),
    ("weekly", _("Hằng tuần")),
    ("daily", _("Hằng ngày hoặc gần như hằng ngày")),
)
EVER = (
    ("no", _("Không bao giờ")),
    ("recent", _("Có, trong 3 tháng qua")),
    ("past", _("Có, nhưng không phải trong 3 tháng qua")),
)
INJECTING_PATTERN = (
    ("frequent", _("Hơn một lần mỗi tuần, hoặc từ 3 ngày liên tiếp trở lên")),
    ("infrequent", _("Ít hơn")),
)

# Points per answer, question by question (Q2–Q5 on the frequency scale, Q6–Q7 on the "ever" scale).
POINTS: dict[str, dict[str, int]] = {
    "q2": {"never": 0, "once_twice": 2, "monthly": 3, "weekly": 4, "daily": 6},
    "q3": {"never": 0, "once_twice": 3, "monthly": 4, "weekly": 5, "daily": 6},
    "q4": {"never": 0, "once_twice": 4, "monthly": 5, "weekly": 6, "daily": 7},
    "q5": {"never": 0, "once_twice": 5, "monthly": 6, "weekly": 7, "daily": 8},
    "q6": {"no": 0, "recent": 6, "past": 3},
    "q7": {"no": 0, "recent": 6, "past": 3},
}

LOW, MODERATE, HIGH = "low", "moderate", "high"
BAND_LABELS = {LOW: _("Nguy cơ thấp"), MODERATE: _("Nguy cơ trung bình"), HIGH: _("Nguy cơ cao")}
# Lowest score of the moderate and the high band.
BANDS = {ALCOHOL: (11, 27)}
DEFAULT_BANDS = (4, 27)

ADVICE, BRIEF, BRIEF_REFERRAL = "advice", "brief", "brief_referral"
ACTIONS = {LOW: ADVICE, MODERATE: BRIEF, HIGH: BRIEF_REFERRAL}
ACTION_LABELS = {
    ADVICE: _("Tư vấn sức khỏe chung"),
    BRIEF: _("Can thiệp ngắn"),
    BRIEF_REFERRAL: _("Can thiệp ngắn và chuyển đánh giá, điều trị chuyên khoa"),
}


@dataclass(frozen=True)
class SubstanceResult:
    substance: str
    score: int
    band: str

    @property
    def action(self) -> str:
        return ACTIONS[self.band]


def asked(answers: dict) -> dict[str, set[str]]:
    """Which substances each question is asked about, following the skip logic: only substances
    ever used (Q1); Q3–Q5 only for those used in the past 3 months (Q2); Q5 never for tobacco."""
    ever = {s for s in CODES if answers.get("q1", {}).get(s) is True}
    recent = {s for s in ever if answers.get("q2", {}).get(s, "never") != "never"}
    return {
        "q2": ever,
        "q3": recent,
        "q4": recent,
        "q5": recent - {TOBACCO},
        "q6": ever,
        "q7": ever,
    }


def problems(answers: dict) -> list[str]:
    """What is wrong with a set of answers: a missing answer to a question asked, an answer to a
    question the skip logic leaves out, an unknown option. Empty when the answers are complete."""
    found = []
    q1 = answers.get("q1", {})
    if set(q1) != set(CODES) or not all(isinstance(v, bool) for v in q1.values()):
        found.append("q1")
    for question, substances in asked(answers).items():
        given = answers.get(question, {})
        if set(given) != substances or any(v not in POINTS[question] for v in given.values()):
            found.append(question)
    ever_used = any(q1.get(s) for s in CODES)
    q8 = answers.get("q8")
    if (ever_used and q8 not in dict(EVER)) or (not ever_used and q8 is not None):
        found.append("q8")
    pattern = answers.get("q8_pattern")
    if (q8 == "recent") != (pattern is not None) or pattern not in (None, *dict(INJECTING_PATTERN)):
        found.append("q8_pattern")
    return found


def score(answers: dict) -> dict[str, SubstanceResult]:
    """The Specific Substance Involvement score (Q2+Q3+Q4+Q5+Q6+Q7) and band of each substance ever
    used. Call only on answers without ``problems``."""
    results = {}
    for substance in CODES:
        if not answers["q1"][substance]:
            continue
        total = sum(POINTS[q][answers[q][substance]] for q in POINTS if substance in answers.get(q, {}))
        moderate, high = BANDS.get(substance, DEFAULT_BANDS)
        band = HIGH if total >= high else MODERATE if total >= moderate else LOW
        results[substance] = SubstanceResult(substance, total, band)
    return results


def injecting_action(answers: dict) -> str:
    """Injecting in the past 3 months: frequent injecting needs further assessment and more
    intensive treatment; less frequent, a brief intervention on the risks of injecting (unverified
    against the 2010 manual, anchors.md §(e))."""
    if answers.get("q8") != "recent":
        return ""
    return "intensive" if answers.get("q8_pattern") == "frequent" else "injecting_brief"
