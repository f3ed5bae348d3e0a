"""Reintegration support: who helps whom, what they did, and the services a person received."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import FiledRecord
from hoanhap.lib.dates import today


class HelperOrganisation(models.TextChoices):
    VOLUNTEER = "volunteer", _("Tình nguyện viên")
    WOMEN_UNION = "women_union", _("Hội Liên hiệp Phụ nữ")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    FARMERS = "farmers", _("Hội Nông dân")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    MANAGEMENT_TEAM = "management_team", _("Thành viên Tổ quản lý")


class AssignmentQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None):
        """Assignments in force on ``on`` (default today): started, and not ended before that day."""
        day = on or today()
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class Assignment(FiledRecord):
    """A helper assigned to support one person, from a start date until an end date. A helper sees
    only the people of their assignments in force, and only what a helper needs."""

    helper = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="assignments")
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="assignments")
    organisation = models.CharField(_("tổ chức"), max_length=20, choices=HelperOrganisation.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["helper", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.helper_id} → {self.person_id} ({self.starts_on:%d/%m/%Y})"


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Thăm tại nhà")
    MEETING = "meeting", _("Gặp mặt")
    PHONE = "phone", _("Gọi điện thoại")


class Concern(models.TextChoices):
    SIGNS_OF_USE = "signs_of_use", _("Có dấu hiệu sử dụng ma túy")
    NOT_FOUND = "not_found", _("Không gặp, vắng mặt tại nơi cư trú")
    FAMILY_CONFLICT = "family_conflict", _("Mâu thuẫn gia đình")
    HEALTH = "health", _("Vấn đề sức khỏe")
    NO_WORK = "no_work", _("Không có việc làm, thu nhập")
    BAD_COMPANY = "bad_company", _("Giao du với đối tượng xấu")


class Contact(models.Model):
    """One contact by the helper: date, kind, short notes and the concerns noticed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(Assignment, models.PROTECT, related_name="contacts")
    on = models.DateField(_("ngày"))
    kind = models.CharField(_("hình thức"), max_length=12, choices=ContactKind.choices)
    concerns = models.JSONField(_("điều cần lưu ý"), default=list, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"


class ServiceKind(models.TextChoices):
    VOCATIONAL = "vocational", _("Học nghề")
    JOB = "job", _("Giới thiệu việc làm")
    LOAN = "loan", _("Vay vốn Ngân hàng Chính sách xã hội")
    SCHOOLING = "schooling", _("Học văn hóa (người chưa thành niên)")
    COUNSELLING = "counselling", _("Tư vấn")
    MEDICAL = "medical", _("Hỗ trợ y tế")
    PSYCHOLOGICAL = "psychological", _("Hỗ trợ tâm lý")
    SOCIAL = "social", _("Hoạt động xã hội, văn hóa, thể thao")


class ServiceStatus(models.TextChoices):
    ONGOING = "ongoing", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    DROPPED = "dropped", _("Bỏ dở")
    APPROVED = "approved", _("Đã được duyệt")
    REFUSED = "refused", _("Không được duyệt")


class SupportService(FiledRecord):
    """A support service a person received, dated and tied where relevant to the rehab episode or
    aftercare term it supported, so that the indicators can count it."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="support_services")
    kind = models.CharField(_("loại hỗ trợ"), max_length=16, choices=ServiceKind.choices)
    title = models.CharField(_("nội dung (khóa học, công việc, mục đích vay...)"), max_length=200)
    provider = models.CharField(
        _("đơn vị thực hiện (cơ sở đào tạo, doanh nghiệp, ngân hàng...)"), max_length=200
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=ServiceStatus.choices)
    result = models.CharField(_("kết quả"), max_length=300, blank=True)
    episode = models.ForeignKey("cases.RehabEpisode", models.PROTECT, null=True, blank=True, related_name="+")
    aftercare = models.ForeignKey("cases.Aftercare", models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        indexes = [models.Index(fields=["commune", "kind", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on:%d/%m/%Y}"


class ProviderKind(models.TextChoices):
    HEALTH_STATION = "health_station", _("Trạm Y tế")
    METHADONE = "methadone", _("Cơ sở điều trị Methadone")
    REHAB_FACILITY = "rehab_facility", _("Cơ sở cai nghiện ma túy")
    COUNSELLING = "counselling", _("Điểm tư vấn, hỗ trợ")
    VOCATIONAL = "vocational", _("Cơ sở giáo dục nghề nghiệp")
    EMPLOYER = "employer", _("Doanh nghiệp, cơ sở sử dụng lao động")
    LEGAL_AID = "legal_aid", _("Trợ giúp pháp lý")
    NGO = "ngo", _("Tổ chức xã hội")


class Provider(models.Model):
    """A service provider of the directory, with the unit it serves and how to reach it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=16, choices=ProviderKind.choices)
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    commune = models.ForeignKey(
        "geo.Commune", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("xã")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="providers")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["province", "kind"])]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi, chờ trả lời")
    ACCEPTED = "accepted", _("Đã nhận")
    DECLINED = "declined", _("Từ chối")
    COMPLETED = "completed", _("Đã có kết quả")


class Referral(FiledRecord):
    """A referral from the commune to a provider: the provider accepts or declines, then records the
    result. Filed under the sending commune; the provider's members see only what they need."""

    person = models.ForeignKey("people.Person", models.PROTECT, related_name="referrals")
    provider = models.ForeignKey(Provider, models.PROTECT, related_name="referrals")
    service = models.CharField(_("dịch vụ"), max_length=16, choices=ServiceKind.choices)
    reason = models.CharField(_("lý do giới thiệu"), max_length=300)
    sent_on = models.DateField(_("ngày gửi"))
    respond_by = models.DateField(_("hạn trả lời"), editable=False)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    responded_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    response_note = models.CharField(_("ý kiến của nơi nhận"), max_length=300, blank=True)
    result = models.CharField(_("kết quả"), max_length=300, blank=True)
    closed_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-created_at"]
        indexes = [
            models.Index(fields=["commune", "status", "respond_by"]),
            models.Index(fields=["provider", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.sent_on:%d/%m/%Y} {self.status}"

    @property
    def overdue(self) -> bool:
        return self.status == ReferralStatus.SENT and self.respond_by < today()


class PreventionPlan(models.Model):
    """Kế hoạch phòng, chống tái nghiện for a person in aftercare: goals, how often to check in and
    test, and what was done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aftercare = models.OneToOneField("cases.Aftercare", models.PROTECT, related_name="prevention_plan")
    starts_on = models.DateField(_("từ ngày"))
    goals = models.TextField(_("mục tiêu"))
    checkin_days = models.PositiveSmallIntegerField(_("gặp, trao đổi định kỳ (ngày)"))
    test_days = models.PositiveSmallIntegerField(_("xét nghiệm định kỳ (ngày)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.aftercare_id} {self.starts_on:%d/%m/%Y}"

    def next_due(self, kind: str) -> dt.date | None:
        """When the next check-in (or test) falls due: its interval after the last one, or after the
        start of the plan."""
        every = self.checkin_days if kind == CheckInKind.CHECKIN else self.test_days
        if not every:
            return None
        last = max([self.starts_on, *(c.on for c in self.checkins.all() if c.kind == kind)])
        return last + dt.timedelta(days=every)


class CheckInKind(models.TextChoices):
    CHECKIN = "checkin", _("Gặp, trao đổi")
    TEST = "test", _("Xét nghiệm")


class CheckIn(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(PreventionPlan, models.PROTECT, related_name="checkins")
    kind = models.CharField(_("loại"), max_length=8, choices=CheckInKind.choices)
    on = models.DateField(_("ngày"))
    done_by = models.CharField(_("người thực hiện"), max_length=120)
    outcome = models.CharField(_("kết quả"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d/%m/%Y}"
