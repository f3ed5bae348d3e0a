"""Screening, brief interventions and prevention work among high-risk groups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import FiledRecord


class Screening(FiledRecord):
    """An ASSIST screening: the raw answers and the instrument version; scores are computed from them
    by ``prevention.assist`` when recorded and never edited."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="screenings")
    screened_on = models.DateField(_("ngày sàng lọc"))
    screened_by = models.CharField(_("người sàng lọc"), max_length=120)
    instrument = models.CharField(max_length=20, editable=False)
    answers = models.JSONField(editable=False)
    scores = models.JSONField(editable=False)  # {substance: {"score": n, "band": "..."}}
    highest_band = models.CharField(max_length=10, editable=False)
    action = models.CharField(max_length=16, editable=False)
    injecting_action = models.CharField(max_length=16, blank=True, editable=False)
    follow_up_due = models.DateField(_("hạn theo dõi lại"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-screened_on", "-created_at"]
        indexes = [models.Index(fields=["commune", "follow_up_due"]), models.Index(fields=["screened_on"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.screened_on:%d/%m/%Y}"


class InterventionKind(models.TextChoices):
    ADVICE = "advice", _("Tư vấn sức khỏe chung")
    BRIEF = "brief", _("Can thiệp ngắn")
    REFERRAL = "referral", _("Chuyển đánh giá, điều trị chuyên khoa")
    COUNSELLING = "counselling", _("Tư vấn tâm lý")
    FOLLOW_UP = "follow_up", _("Theo dõi lại")


class Intervention(FiledRecord):
    """Counselling or a brief intervention given, after a screening or on its own."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="interventions")
    screening = models.ForeignKey(
        Screening, models.PROTECT, null=True, blank=True, related_name="interventions"
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=InterventionKind.choices)
    given_on = models.DateField(_("ngày"))
    given_by = models.CharField(_("người thực hiện"), max_length=120)
    notes = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["-given_on", "-created_at"]
        indexes = [models.Index(fields=["kind", "given_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.given_on:%d/%m/%Y}"


class RiskGroup(models.Model):
    """A high-risk group the prevention work targets (pupils, young workers in industrial zones...).
    Configured by the system administrator; retired, never deleted."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("tên nhóm"), max_length=120)
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonRiskGroup(models.Model):
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="risk_groups")
    group = models.ForeignKey(RiskGroup, models.PROTECT, related_name="members")
    since = models.DateField(_("từ ngày"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="one_tag_per_group")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.group_id}"


class SessionSetting(models.TextChoices):
    SCHOOL = "school", _("Trường học")
    WORKPLACE = "workplace", _("Nơi làm việc, khu công nghiệp")
    COMMUNITY = "community", _("Cộng đồng dân cư")


class PreventionSession(FiledRecord):
    """A prevention session held by the commune: where, on what, who ran it and who attended."""

    held_on = models.DateField(_("ngày"))
    setting = models.CharField(_("nơi tổ chức"), max_length=10, choices=SessionSetting.choices)
    place = models.CharField(_("địa điểm"), max_length=200)
    topic = models.CharField(_("chủ đề"), max_length=200)
    run_by = models.CharField(_("người, đơn vị thực hiện"), max_length=200)
    audience = models.ForeignKey(
        RiskGroup, models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("đối tượng")
    )
    attendees = models.PositiveIntegerField(_("số người tham dự"))

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["commune", "held_on"])]

    def __str__(self) -> str:
        return f"{self.topic} {self.held_on:%d/%m/%Y}"
