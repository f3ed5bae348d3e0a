"""The user-management state machine: which moves the law allows from which state.

States are folded from the events of one management; a move the table does not list is refused
with a message naming the rule. Sources: Luật 120/2025 Điều 24.5–7 and Nghị định 105/2021 Điều 48
(suspension during custody, stop, termination at term end).
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.machine import Machine


class Kind(models.TextChoices):
    """Events of a user management."""

    SUSPEND = "suspend", _("Tạm đình chỉ (bị tạm giữ, tạm giam)")
    RESUME = "resume", _("Tiếp tục quản lý sau tạm đình chỉ")
    STOP = "stop", _("Dừng quản lý")
    TERMINATE = "terminate", _("Chấm dứt quản lý khi hết thời hạn")
    RENEW = "renew", _("Thay bằng quyết định quản lý mới (tiếp tục sử dụng)")


class StopReason(models.TextChoices):
    """Luật 120/2025 Điều 24.5; Nghị định 105/2021 Điều 48."""

    ADDICTED = "addicted", _("Được xác định là người nghiện ma túy")
    ADMINISTRATIVE_MEASURE = (
        "admin_measure",
        _("Bị áp dụng biện pháp đưa vào trường giáo dưỡng, cơ sở giáo dục bắt buộc"),
    )
    PRISON = "prison", _("Phải chấp hành án phạt tù")
    CUSTODY_EXCEEDS_TERM = (
        "custody",
        # Luật 120/2025 Điều 24.7: "Trường hợp thời hạn tạm giữ, tạm giam đã hơn thời hạn quản lý
        # ... còn lại thì Trưởng Công an cấp xã quyết định dừng việc quản lý"; equal is not enough.
        _("Thời gian tạm giữ, tạm giam dài hơn thời hạn quản lý còn lại"),
    )
    DEATH_OR_MISSING = "death", _("Chết hoặc bị tuyên bố mất tích, đã chết")


class State(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    STOPPED = "stopped"
    TERMINATED = "terminated"
    RENEWED = "renewed"


STATE_LABELS = {
    State.ACTIVE: _("Đang quản lý"),
    State.SUSPENDED: _("Tạm đình chỉ"),
    State.STOPPED: _("Đã dừng quản lý"),
    State.TERMINATED: _("Đã chấm dứt (hết thời hạn)"),
    State.RENEWED: _("Đã thay bằng quyết định mới"),
}

TRANSITIONS: dict[tuple[State, Kind], State] = {
    (State.ACTIVE, Kind.SUSPEND): State.SUSPENDED,
    (State.ACTIVE, Kind.STOP): State.STOPPED,
    (State.ACTIVE, Kind.TERMINATE): State.TERMINATED,
    (State.SUSPENDED, Kind.RESUME): State.ACTIVE,
    (State.SUSPENDED, Kind.STOP): State.STOPPED,
    # Only through a new decision (NĐ 105/2021 Điều 43.2), never as a manual move.
    (State.ACTIVE, Kind.RENEW): State.RENEWED,
}

OPEN_STATES = frozenset({State.ACTIVE, State.SUSPENDED})

MANAGEMENT = Machine(State.ACTIVE, TRANSITIONS, automatic=frozenset({Kind.RENEW}))
fold = MANAGEMENT.fold
allowed_moves = MANAGEMENT.offered
