"""Categories of what citizens report, with the priority and the response time each gets.

The response times are the programme's internal targets ("chỉ tiêu nội bộ": the local plans ask for
a hotline "with a procedure for handling what citizens report" without fixing hours), not law: change
them here, with a note. What the law fixes is for crime tips (``CRIME``): the commune police record a
receipt and hand the tip over at once ("chuyển ngay") to the investigation body, the rulebook's
``crime_tip_handover``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    COUNSELLING = "counselling", _("Đề nghị tư vấn, hỗ trợ cai nghiện")
    USE = "use", _("Tin báo về người sử dụng trái phép chất ma túy")
    HOTSPOT = "hotspot", _("Tin báo về tụ điểm, địa điểm sử dụng ma túy")
    TRADE = "trade", _("Tin báo về mua bán, tàng trữ trái phép chất ma túy")
    COMPLAINT = "complaint", _("Khiếu nại, phản ánh")
    OTHER = "other", _("Khác")


class Priority(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    HIGH = "high", _("Cao")
    URGENT = "urgent", _("Khẩn cấp")


@dataclass(frozen=True)
class Handling:
    priority: str
    respond_within_hours: int


HANDLING = {
    Category.COUNSELLING: Handling(Priority.HIGH, 24),
    Category.USE: Handling(Priority.NORMAL, 72),
    Category.HOTSPOT: Handling(Priority.HIGH, 24),
    Category.TRADE: Handling(Priority.URGENT, 4),
    Category.COMPLAINT: Handling(Priority.NORMAL, 240),
    Category.OTHER: Handling(Priority.NORMAL, 120),
}


# Tips about a crime ("tố giác, tin báo về tội phạm", Bộ luật Tố tụng hình sự 2015 Điều 144–146): drug
# trading and keeping, and places where drug use is organised or sheltered, which the Criminal Code
# punishes. A tip about a person's use alone is not one: use is handled by administrative measures
# (the management of illegal drug users under Luật 120/2025).
CRIME = frozenset({Category.HOTSPOT, Category.TRADE})
