"""Plans (kế hoạch) with their objectives, targets and tasks; staff training and awareness work, so
that "staff trained" is counted, not claimed; budgets planned and spent."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.scoping import within
from hoanhap.lib.roles import Cap


class PlanLevel(models.TextChoices):
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    PROVINCE = "province", _("Tỉnh")
    COMMUNE = "commune", _("Xã")


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans a user may read (``accounts.scoping``): the unit's own, and a commune also its
        province's (a commune carries out the province's plan); all for the country."""
        province_plans = Q(commune__isnull=True, province_id=getattr(user, "province_id", None))
        return within(self, user, cap=Cap.VIEW_REPORTS, also=province_plans)


class Plan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    title = models.CharField(_("tên kế hoạch"), max_length=400)
    level = models.CharField(_("cấp"), max_length=10, choices=PlanLevel.choices)
    province = models.ForeignKey("geo.Province", models.PROTECT, null=True, blank=True, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    legal_bases = models.TextField(_("căn cứ"), blank=True)
    objectives = models.TextField(_("mục đích, mục tiêu chung"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.number or self.title[:60]


class Measure(models.TextChoices):
    """What a target is measured by, when not by an indicator over the case data."""

    STAFF_TRAINED = "staff_trained", _("Cán bộ được tập huấn (theo danh sách dự các lớp tập huấn)")


class PlanTarget(models.Model):
    """A target of a plan: a value for an indicator (or a named aim the system cannot count), for the
    plan's unit, or for one of its communes when cascaded from the province's."""

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="targets")
    label = models.CharField(_("mục tiêu"), max_length=300)
    indicator = models.ForeignKey(
        "reports.IndicatorDefinition", models.PROTECT, null=True, blank=True, related_name="+"
    )
    measure = models.CharField(_("đo bằng"), max_length=16, choices=Measure.choices, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("đơn vị"), max_length=20, default="%")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        ordering = ["plan", "commune_id", "pk"]

    def __str__(self) -> str:
        return self.label[:60]


class TaskStatus(models.TextChoices):
    TODO = "todo", _("Chưa thực hiện")
    DOING = "doing", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


class PlanTask(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    agency = models.CharField(_("cơ quan chủ trì"), max_length=200)
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title[:60]


class TaskNote(models.Model):
    task = models.ForeignKey(PlanTask, models.PROTECT, related_name="notes")
    text = models.CharField(_("ghi nhận tiến độ"), max_length=500)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    status = models.CharField(max_length=10, choices=TaskStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.progress}%"


class TrainingCourse(models.Model):
    """A course for staff: who attended is recorded (accounts of the staff list, or names typed in),
    so the share of staff trained is counted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, models.PROTECT, null=True, blank=True, related_name="trainings")
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    topic = models.CharField(_("chủ đề"), max_length=300)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=200)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="trainings")
    other_participants = models.TextField(_("người tham dự khác (mỗi dòng một người)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.topic[:60]


class Channel(models.TextChoices):
    LOUDSPEAKER = "loudspeaker", _("Loa truyền thanh")
    MEETING = "meeting", _("Họp dân, hội nghị")
    SCHOOL = "school", _("Buổi ngoại khóa ở trường học")
    SOCIAL_MEDIA = "social_media", _("Mạng xã hội")
    BANNER = "banner", _("Pa nô, băng rôn, khẩu hiệu")


class AwarenessActivity(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, models.PROTECT, null=True, blank=True, related_name="awareness")
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    held_on = models.DateField(_("ngày"))
    channel = models.CharField(_("hình thức"), max_length=14, choices=Channel.choices)
    audience = models.CharField(_("đối tượng"), max_length=200)
    reach = models.PositiveIntegerField(_("số lượt người"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.channel} {self.held_on:%d/%m/%Y}"


class BudgetLine(models.Model):
    plan = models.ForeignKey(Plan, models.PROTECT, related_name="budget")
    item = models.CharField(_("nội dung chi"), max_length=300)
    planned = models.PositiveBigIntegerField(_("dự toán (đồng)"), default=0)
    spent = models.PositiveBigIntegerField(_("đã chi (đồng)"), default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.item[:60]
