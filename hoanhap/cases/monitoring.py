"""Electronic monitoring ("giám sát điện tử"), a measure Luật 120/2025 brought in (Điều 12).

The head of commune police may apply it (Điều 12.2) to a person in one of three situations
(Điều 12.1): in voluntary rehab at home or in the community, on substitution treatment, or under
post-rehab management. The person must not remove, destroy or disturb the device and must report
a fault at once (Điều 12.3). The Government is to detail devices, conditions, terms and procedure
(Điều 12.4); no such decree has been issued, so the term is the one the decision sets.

A monitoring's state is folded from its dated events: a fault reported or tampering found leaves
the device to be seen to until it is repaired or replaced; the end closes it.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.machine import Machine


class MonitoringBasis(models.TextChoices):
    """Which of the situations of Điều 12.1 the person was in when monitoring was applied."""

    HOME_REHAB = "home_rehab", _("Đang cai nghiện tự nguyện tại gia đình, cộng đồng (Điều 12.1.a)")
    SUBSTITUTION = "substitution", _("Đang điều trị nghiện bằng thuốc thay thế (Điều 12.1.b)")
    AFTERCARE = "aftercare", _("Đang bị quản lý sau cai nghiện (Điều 12.1.c)")


class MonitoringEvent(models.TextChoices):
    FAULT = "fault", _("Thiết bị bị hỏng (người bị giám sát thông báo)")
    TAMPER = "tamper", _("Phát hiện thiết bị bị tháo gỡ, phá hủy hoặc tác động gây rối loạn")
    REPAIR = "repair", _("Đã khắc phục hoặc thay thiết bị")
    END = "end", _("Kết thúc giám sát điện tử")


class MonitoringEndReason(models.TextChoices):
    TERM_OVER = "term_over", _("Hết thời hạn theo quyết định áp dụng")
    NOT_ELIGIBLE = "not_eligible", _("Không còn thuộc diện áp dụng (Luật 120/2025 Điều 12.1)")
    REVOKED = "revoked", _("Trưởng Công an xã quyết định chấm dứt trước thời hạn")


class MonitoringState(StrEnum):
    ACTIVE = "active"
    DEVICE_ISSUE = "device_issue"
    ENDED = "ended"


MONITORING_STATE_LABELS = {
    MonitoringState.ACTIVE: _("Đang giám sát"),
    MonitoringState.DEVICE_ISSUE: _("Thiết bị bị hỏng hoặc bị tác động, chưa khắc phục"),
    MonitoringState.ENDED: _("Đã kết thúc"),
}

OPEN_MONITORING_STATES = frozenset({MonitoringState.ACTIVE, MonitoringState.DEVICE_ISSUE})

MONITORING = Machine(
    MonitoringState.ACTIVE,
    {
        (MonitoringState.ACTIVE, MonitoringEvent.FAULT): MonitoringState.DEVICE_ISSUE,
        (MonitoringState.ACTIVE, MonitoringEvent.TAMPER): MonitoringState.DEVICE_ISSUE,
        # A reported fault may turn out to be tampering: recorded too, still to be seen to.
        (MonitoringState.DEVICE_ISSUE, MonitoringEvent.TAMPER): MonitoringState.DEVICE_ISSUE,
        (MonitoringState.DEVICE_ISSUE, MonitoringEvent.REPAIR): MonitoringState.ACTIVE,
        (MonitoringState.ACTIVE, MonitoringEvent.END): MonitoringState.ENDED,
        (MonitoringState.DEVICE_ISSUE, MonitoringEvent.END): MonitoringState.ENDED,
    },
)
fold_monitoring = MONITORING.fold
