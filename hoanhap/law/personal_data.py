"""Personal-data law by date: which regime applies to a request or a breach, the rules a request of a
given kind is carried out under, and the grounds on which the law lets a request be refused.

The regimes and their rules are data in ``hoanhap.law.rulebook`` (``PERSONAL_DATA_REGIMES``); before
the first of them (01/07/2023) no personal-data text set a deadline, so nothing is due.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from hoanhap.law import services as law
from hoanhap.law.rulebook import PD_DECREE_13, PD_LAW_91, PERSONAL_DATA_REGIMES, Regime


def regime_on(day: dt.date) -> Regime | None:
    """The personal-data regime in force on ``day``; None before Nghị định 13/2023 (01/07/2023)."""
    return next((regime for regime in PERSONAL_DATA_REGIMES if regime.in_force_on(day)), None)


def applied(code: str, *, regime: Regime | None) -> law.AppliedRule | None:
    """Rule ``code`` of ``regime``, or None when that text sets no such rule (or there is no text)."""
    if regime is None or not law.has_rule(code, regime=regime):
        return None
    return law.rule(code, regime=regime)


def response_rule(*, regime: Regime | None) -> law.AppliedRule | None:
    """The time to acknowledge a request (NĐ 356 Điều 5.2–5.5); Nghị định 13/2023 had none."""
    return applied("data_request_response", regime=regime)


def fulfilment_rule(kind: str, *, regime: Regime | None) -> law.AppliedRule | None:
    return applied(f"data_request_fulfil_{kind}", regime=regime)


def extension_rule(kind: str, *, regime: Regime | None) -> law.AppliedRule | None:
    """The one extension NĐ 356 Điều 5.2–5.5 allows, with its longest length; None where the text
    allows none (Nghị định 13/2023)."""
    return applied(f"data_request_extension_{kind}", regime=regime)


@dataclass(frozen=True)
class RefusalGround:
    """A ground the law gives for not carrying out a request, and the kinds of request it answers."""

    code: str
    description: str  # Vietnamese msgid
    kinds: frozenset[str]
    citation: str


_STOP = frozenset({"withdrawal", "restriction", "objection"})

_LAW_91_GROUNDS = (
    # Luật 91 Điều 10.1: withdrawal and restriction "trừ trường hợp quy định tại Điều 19 của Luật này
    # hoặc trường hợp pháp luật có quy định khác"; Điều 14.2: "Không thực hiện yêu cầu ... xóa, hủy dữ
    # liệu cá nhân trong các trường hợp quy định tại Điều 19"; NĐ 356 Điều 5.2 (objection too): "trừ
    # trường hợp xử lý dữ liệu cá nhân không cần sự đồng ý ... theo quy định tại Điều 19".
    RefusalGround(
        "article_19_state",
        gettext_noop(
            "Xử lý không cần sự đồng ý: phục vụ hoạt động của cơ quan nhà nước, quản lý nhà nước theo "
            "quy định của pháp luật"
        ),
        _STOP | {"deletion"},
        "Luật 91/2025/QH15 Điều 19.1.c; Điều 10.1, 14.2; Nghị định 356/2025 Điều 5.2",
    ),
    RefusalGround(
        "article_19_crime",
        gettext_noop(
            "Xử lý không cần sự đồng ý: phòng, chống tội phạm và vi phạm pháp luật, bảo đảm an ninh quốc gia"
        ),
        _STOP | {"deletion"},
        "Luật 91/2025/QH15 Điều 19.1.b; Điều 10.1, 14.2; Nghị định 356/2025 Điều 5.2",
    ),
    RefusalGround(
        "article_19_urgent",
        gettext_noop(
            "Xử lý không cần sự đồng ý: bảo vệ tính mạng, sức khỏe, danh dự, quyền, lợi ích hợp pháp của "
            "chủ thể dữ liệu hoặc người khác trong trường hợp cấp bách"
        ),
        _STOP | {"deletion"},
        "Luật 91/2025/QH15 Điều 19.1.a; Điều 10.1, 14.2",
    ),
    RefusalGround(
        "other_law",
        gettext_noop("Pháp luật có quy định khác (nêu văn bản, điều khoản trong nội dung trả lời)"),
        frozenset({"withdrawal", "restriction"}),
        "Luật 91/2025/QH15 Điều 10.1",
    ),
    # Điều 14.2: "... hoặc việc xóa, hủy dữ liệu cá nhân vi phạm quy định tại khoản 3 Điều 4".
    RefusalGround(
        "article_4_3",
        gettext_noop(
            "Yêu cầu xóa trái nguyên tắc thực hiện quyền (gây cản trở nghĩa vụ pháp lý của cơ quan, xâm "
            "phạm quyền, lợi ích hợp pháp của Nhà nước, người khác)"
        ),
        frozenset({"deletion"}),
        "Luật 91/2025/QH15 Điều 14.2, Điều 4.3",
    ),
    # Điều 15.2.a: "trừ trường hợp việc cung cấp đó có thể gây tổn hại đến quốc phòng, an ninh quốc gia,
    # trật tự, an toàn xã hội hoặc xâm phạm đến tính mạng, sức khỏe, tài sản của người khác".
    RefusalGround(
        "provision_harm",
        gettext_noop(
            "Việc cung cấp có thể gây tổn hại đến quốc phòng, an ninh quốc gia, trật tự, an toàn xã hội "
            "hoặc tính mạng, sức khỏe, tài sản của người khác"
        ),
        frozenset({"access"}),
        "Luật 91/2025/QH15 Điều 15.2.a",
    ),
)

_DECREE_13_GROUNDS = (
    # Điều 16.2: "Việc xóa dữ liệu sẽ không áp dụng ... a) Pháp luật quy định không cho phép xóa dữ
    # liệu; b) Dữ liệu cá nhân được xử lý bởi cơ quan nhà nước có thẩm quyền với mục đích phục vụ hoạt
    # động của cơ quan nhà nước theo quy định của pháp luật; ... đ) ... phòng, chống tội phạm và vi phạm
    # pháp luật".
    RefusalGround(
        "deletion_forbidden",
        gettext_noop("Pháp luật quy định không cho phép xóa dữ liệu"),
        frozenset({"deletion"}),
        "Nghị định 13/2023/NĐ-CP Điều 16.2.a",
    ),
    RefusalGround(
        "deletion_state",
        gettext_noop(
            "Dữ liệu do cơ quan nhà nước có thẩm quyền xử lý phục vụ hoạt động của cơ quan nhà nước"
        ),
        frozenset({"deletion"}),
        "Nghị định 13/2023/NĐ-CP Điều 16.2.b",
    ),
    RefusalGround(
        "deletion_crime",
        gettext_noop("Phòng, chống tội phạm và vi phạm pháp luật"),
        frozenset({"deletion"}),
        "Nghị định 13/2023/NĐ-CP Điều 16.2.đ",
    ),
    # Điều 14.4: "không cung cấp dữ liệu cá nhân trong trường hợp: a) Gây tổn hại tới quốc phòng, an
    # ninh quốc gia, trật tự an toàn xã hội; b) ... ảnh hưởng tới sự an toàn, sức khỏe thể chất hoặc
    # tinh thần của người khác".
    RefusalGround(
        "provision_harm",
        gettext_noop(
            "Việc cung cấp gây tổn hại tới quốc phòng, an ninh quốc gia, trật tự an toàn xã hội hoặc ảnh "
            "hưởng tới sự an toàn, sức khỏe của người khác"
        ),
        frozenset({"access"}),
        "Nghị định 13/2023/NĐ-CP Điều 14.4.a, b",
    ),
    # Điều 9.3–9.8: each right "trừ trường hợp luật có quy định khác".
    RefusalGround(
        "other_law",
        gettext_noop("Luật có quy định khác (nêu văn bản, điều khoản trong nội dung trả lời)"),
        frozenset({"access", "correction", "withdrawal", "deletion", "restriction", "objection"}),
        "Nghị định 13/2023/NĐ-CP Điều 9",
    ),
)

REFUSAL_GROUNDS: dict[str, tuple[RefusalGround, ...]] = {
    PD_LAW_91.code: _LAW_91_GROUNDS,
    PD_DECREE_13.code: _DECREE_13_GROUNDS,
}


def refusal_grounds(kind: str, *, regime: Regime | None) -> tuple[RefusalGround, ...]:
    """The grounds of refusal the law in force gives for a request of ``kind``."""
    if regime is None:
        return ()
    return tuple(g for g in REFUSAL_GROUNDS[regime.code] if kind in g.kinds)


def refusal_ground(code: str, kind: str, *, regime: Regime | None) -> RefusalGround | None:
    return next((g for g in refusal_grounds(kind, regime=regime) if g.code == code), None)
