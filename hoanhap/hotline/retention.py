"""How long a closed tip keeps who reported it (``privacy.retention``)."""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hoanhap.hotline.models import Tip, TipStatus
from hoanhap.privacy.retention import PURPOSE_ENDED, RetentionRule


def _closed_tips_with_reporter(cutoff: dt.datetime) -> QuerySet:
    return Tip.objects.filter(status=TipStatus.CLOSED, closed_at__lt=cutoff).exclude(reporter_sealed="")


def _erase_reporters(rows: QuerySet) -> int:
    return rows.update(reporter_sealed="")


RULE = RetentionRule(
    "tip_reporters",
    _("Thông tin người báo tin của tin báo đã xử lý xong"),
    _("Xóa thông tin người báo tin (giữ nội dung tin)"),
    PURPOSE_ENDED + " (RETENTION_REPORTER_DAYS)",
    lambda: settings.RETENTION_REPORTER_DAYS,
    _closed_tips_with_reporter,
    _erase_reporters,
)
