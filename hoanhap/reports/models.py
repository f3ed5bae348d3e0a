"""Indicator definitions (data, not code), report schedules per province, and periodic reports:
prefilled from the indicators, annotated with reasons, submitted as an immutable snapshot with its
hash, returned or approved by the province, locked once approved."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.scoping import within
from hoanhap.lib.roles import Cap


class Direction(models.TextChoices):
    AT_LEAST = ">=", _("tối thiểu")
    AT_MOST = "<=", _("tối đa")
    MONITOR = "", _("theo dõi")


class IndicatorKind(models.TextChoices):
    RATIO = "ratio", _("Tỷ lệ (tử số / mẫu số)")
    COUNT = "count", _("Số lượng")
    GROWTH = "growth", _("Mức tăng so với kỳ trước")


class IndicatorDefinition(models.Model):
    """Counts of distinct people over populations (``reports.facts``): the numerator holds those in
    every population of ``all`` and in at least one of ``any``; the denominator likewise. An
    administrator adds one by choosing populations, without code."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.RATIO
    )
    numerator = models.JSONField(_("tử số"), default=dict)  # {"all": [...], "any": [...]}
    denominator = models.JSONField(_("mẫu số"), default=dict, blank=True)
    target = models.DecimalField(_("mục tiêu (%)"), max_digits=6, decimal_places=2, null=True, blank=True)
    direction = models.CharField(_("chiều"), max_length=2, choices=Direction.choices, blank=True)
    source = models.CharField(_("căn cứ"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def sign(self) -> str:
        return {Direction.AT_LEAST: "≥", Direction.AT_MOST: "≤"}.get(Direction(self.direction), "")


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Báo cáo quý")
    HALF_YEAR = "half_year", _("Báo cáo 6 tháng")
    ANNUAL = "annual", _("Báo cáo năm")


class ReportSchedule(models.Model):
    """When a province wants its communes' reports: a day of a month counted from the period's
    first month (the seed plans differ: quarterly by the 15th of the quarter's last month,
    half-year by 20/5 or 10/6, annual by 15/11 or 10/12)."""

    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    month_offset = models.PositiveSmallIntegerField(_("tháng thứ (tính từ tháng đầu kỳ, 0 là tháng đầu)"))
    day = models.PositiveSmallIntegerField(_("ngày"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "kind"], name="one_schedule_per_kind")]

    def __str__(self) -> str:
        return f"{self.province_id} {self.kind}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt, khóa")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reports a user may read (``accounts.scoping``): the commune's own, a province's communes
        and its roll-up, all for the country; none without ``view_reports``."""
        return within(self, user, cap=Cap.VIEW_REPORTS)


class Report(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # {code: {"numerator": n, "denominator": d, "computed": [n, d], "reason": "..."}}
    values = models.JSONField(default=dict)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    return_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "commune_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "commune", "kind", "period_start"],
                name="one_report_per_unit_and_period",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_start:%d/%m/%Y} {self.commune_id or self.province_id}"

    @property
    def locked(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


EVENT_LABELS = {
    "open": _("Mở báo cáo, điền số liệu từ hồ sơ"),
    "refresh": _("Tính lại từ hồ sơ"),
    "annotate": _("Sửa số liệu (có lý do)"),
    "submit": _("Gửi"),
    ReportStatus.RETURNED: _("Trả lại, mở lại"),
    ReportStatus.APPROVED: _("Duyệt, khóa"),
}


class ReportEvent(models.Model):
    """Every step of a report, with who, when and why."""

    report = models.ForeignKey(Report, models.PROTECT, related_name="events")
    action = models.CharField(max_length=12)
    reason = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))
