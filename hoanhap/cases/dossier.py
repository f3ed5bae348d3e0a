"""The compulsory-rehab dossier: its events and the state machine the law draws for it.

Sources: Luật 120/2025 Điều 35 (adults: grounds, exclusions, dossier, notice, 3 working days to read,
1 working day to forward to the regional court, 3-month limitation), 36 (minors 12–18), 37 (interim
placement while the dossier is prepared; the time counts), 38 (execution, search before admission),
39 (postponement, exemption). legal.md §10.2.E gives the transitions.
"""

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.machine import Machine
from hoanhap.law import services as law

if TYPE_CHECKING:
    from hoanhap.law.services import AppliedRule


class DossierEvent(models.TextChoices):
    INTERIM = "interim", _("Đưa vào cơ sở cai nghiện công lập gần nhất trong thời gian lập hồ sơ (Điều 37)")
    NOTIFY = "notify", _("Thông báo về việc lập hồ sơ, bắt đầu thời hạn đọc hồ sơ")
    FORWARD = "forward", _("Quyết định chuyển hồ sơ đến Tòa án nhân dân khu vực")
    ACCEPT = "accept", _("Tòa án thụ lý hồ sơ")
    ORDER = "order", _("Tòa án quyết định áp dụng biện pháp đưa đi cai nghiện bắt buộc")
    REJECT = "reject", _("Tòa án quyết định không áp dụng")
    POSTPONE = "postpone", _("Hoãn chấp hành quyết định")
    POSTPONE_END = "postpone_end", _("Hết thời gian hoãn, tiếp tục chấp hành")
    EXEMPT = "exempt", _("Miễn chấp hành quyết định")
    ABSCOND = "abscond", _("Bỏ trốn trước khi vào cơ sở, ra quyết định truy tìm")
    FOUND = "found", _("Đã tìm thấy, tiếp tục thi hành")
    ADMIT = "admit", _("Tiếp nhận vào cơ sở cai nghiện bắt buộc")
    CLOSE = "close", _("Đóng hồ sơ, không chuyển Tòa án")
    EVASION_END = "evasion_end", _("Chấm dứt trốn tránh, cản trở việc lập hồ sơ: thời hiệu tính lại")


class CloseReason(models.TextChoices):
    LIMITATION = "limitation", _("Hết thời hiệu 03 tháng kể từ vi phạm cuối cùng")
    EXCLUSION = (
        "exclusion",
        _("Thuộc trường hợp không áp dụng (mang thai, nuôi con dưới 36 tháng, mất năng lực)"),
    )
    REGISTERED = "registered", _("Đã đăng ký cai nghiện tự nguyện, điều trị thay thế")
    CRIMINAL = "criminal", _("Bị xử lý hình sự")
    DEATH = "death", _("Chết hoặc bị tuyên bố mất tích, đã chết")


def limitation_end(last_violation_on: dt.date, limitation: "AppliedRule") -> dt.date:
    """The last day on which a dossier can be opened, notified or forwarded on the violation of
    ``last_violation_on``: the rule ``compulsory_limitation`` (Luật 120/2025 Điều 35.4) later."""
    return law.last_day(limitation, last_violation_on)


def limitation_lapsed(limitation_ends: dt.date, on: dt.date) -> bool:
    """Whether the limitation that ends on ``limitation_ends`` (the last violation plus the rule
    ``compulsory_limitation``, Luật 120/2025 Điều 35.4) has run out by ``on``: a dossier can then
    no longer be opened, notified or forwarded on that violation, only closed."""
    return on > limitation_ends


class DossierState(StrEnum):
    PREPARING = "preparing"
    NOTIFIED = "notified"
    FORWARDED = "forwarded"
    ACCEPTED = "accepted"
    ORDERED = "ordered"
    POSTPONED = "postponed"
    ABSCONDED = "absconded"
    ADMITTED = "admitted"
    EXEMPTED = "exempted"
    REJECTED = "rejected"
    CLOSED = "closed"


DOSSIER_STATE_LABELS = {
    DossierState.PREPARING: _("Đang lập hồ sơ"),
    DossierState.NOTIFIED: _("Đã thông báo, trong thời hạn đọc hồ sơ"),
    DossierState.FORWARDED: _("Đã chuyển Tòa án"),
    DossierState.ACCEPTED: _("Tòa án đã thụ lý"),
    DossierState.ORDERED: _("Có quyết định của Tòa án, chờ đưa vào cơ sở"),
    DossierState.POSTPONED: _("Được hoãn chấp hành"),
    DossierState.ABSCONDED: _("Bỏ trốn, đang truy tìm"),
    DossierState.ADMITTED: _("Đã vào cơ sở cai nghiện bắt buộc"),
    DossierState.EXEMPTED: _("Được miễn chấp hành"),
    DossierState.REJECTED: _("Tòa án không áp dụng"),
    DossierState.CLOSED: _("Đã đóng hồ sơ"),
}

_S, _E = DossierState, DossierEvent
DOSSIER_TRANSITIONS: dict[tuple[DossierState, DossierEvent], DossierState] = {
    (_S.PREPARING, _E.INTERIM): _S.PREPARING,
    # Evasion ended: the 3-month limitation counts again from that day (Luật 120/2025 Điều 35.4,
    # 36.3); the dossier stays where it was.
    (_S.PREPARING, _E.EVASION_END): _S.PREPARING,
    (_S.NOTIFIED, _E.EVASION_END): _S.NOTIFIED,
    (_S.FORWARDED, _E.EVASION_END): _S.FORWARDED,
    (_S.ACCEPTED, _E.EVASION_END): _S.ACCEPTED,
    (_S.PREPARING, _E.NOTIFY): _S.NOTIFIED,
    (_S.PREPARING, _E.CLOSE): _S.CLOSED,
    (_S.NOTIFIED, _E.INTERIM): _S.NOTIFIED,
    (_S.NOTIFIED, _E.FORWARD): _S.FORWARDED,
    (_S.NOTIFIED, _E.CLOSE): _S.CLOSED,
    (_S.FORWARDED, _E.ACCEPT): _S.ACCEPTED,
    (_S.ACCEPTED, _E.ORDER): _S.ORDERED,
    (_S.ACCEPTED, _E.REJECT): _S.REJECTED,
    (_S.ORDERED, _E.POSTPONE): _S.POSTPONED,
    (_S.ORDERED, _E.EXEMPT): _S.EXEMPTED,
    (_S.ORDERED, _E.ABSCOND): _S.ABSCONDED,
    (_S.ORDERED, _E.ADMIT): _S.ADMITTED,
    (_S.POSTPONED, _E.POSTPONE_END): _S.ORDERED,
    (_S.POSTPONED, _E.EXEMPT): _S.EXEMPTED,
    (_S.POSTPONED, _E.ABSCOND): _S.ABSCONDED,
    (_S.ABSCONDED, _E.FOUND): _S.ORDERED,
}

# Open: the commune still has something to do or follow.
OPEN_DOSSIER_STATES = frozenset(
    {_S.PREPARING, _S.NOTIFIED, _S.FORWARDED, _S.ACCEPTED, _S.ORDERED, _S.POSTPONED, _S.ABSCONDED}
)

# Admission creates the compulsory episode; only the service does it, with the facility's record.
DOSSIER = Machine(DossierState.PREPARING, DOSSIER_TRANSITIONS, automatic=frozenset({DossierEvent.ADMIT}))
fold_dossier = DOSSIER.fold
allowed_dossier_moves = DOSSIER.offered
