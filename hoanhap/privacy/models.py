"""Personal-data protection registers (Luật 91/2025/QH15): requests of the people the data is about,
breaches with their notification deadline. Deadlines are computed when the entry is made and the
rule applied is stored beside them, so a later change of the rule leaves old entries as they were."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Xem, nhận bản sao dữ liệu")
    CORRECTION = "correction", _("Chỉnh sửa dữ liệu")
    DELETION = "deletion", _("Xóa dữ liệu")
    RESTRICTION = "restriction", _("Hạn chế xử lý")
    OBJECTION = "objection", _("Phản đối xử lý")
    INFORMATION = "information", _("Được biết về việc xử lý dữ liệu")


class RequestOutcome(models.TextChoices):
    DONE = "done", _("Đã thực hiện")
    PARTLY = "partly", _("Thực hiện một phần")
    REFUSED = "refused", _("Từ chối (nêu căn cứ)")


class DataRequest(models.Model):
    """A request of a person about their own data, received by the commune."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ liên quan"),
    )
    requester = models.CharField(_("người yêu cầu"), max_length=120)
    contact = models.CharField(_("cách liên lạc"), max_length=120)
    on_behalf = models.BooleanField(_("người đại diện, giám hộ yêu cầu thay"), default=False)
    kind = models.CharField(_("nội dung yêu cầu"), max_length=12, choices=RequestKind.choices)
    details = models.TextField(_("chi tiết"), max_length=2000, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    due_rule = models.JSONField(editable=False)
    due_at = models.DateTimeField(_("hạn trả lời"), editable=False)
    outcome = models.CharField(_("kết quả"), max_length=8, choices=RequestOutcome.choices, blank=True)
    answer = models.TextField(_("trả lời"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["commune", "answered_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_at:%d/%m/%Y}"

    @property
    def open(self) -> bool:
        return self.answered_at is None


class Breach(models.Model):
    """A personal-data breach found in the unit: what happened, and whether and when the
    specialised agency (A05, Bộ Công an) was told."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey("geo.Province", models.PROTECT, null=True, blank=True, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    detected_at = models.DateTimeField(_("thời điểm phát hiện"))
    description = models.TextField(_("sự việc"), max_length=4000)
    data_affected = models.CharField(_("loại dữ liệu bị ảnh hưởng"), max_length=255)
    people_affected = models.PositiveIntegerField(_("số người bị ảnh hưởng (ước tính)"), default=0)
    may_harm = models.BooleanField(
        _("có thể gây hại cho an ninh, trật tự, tính mạng, sức khỏe, danh dự, tài sản của người có dữ liệu"),
        default=True,
    )
    notify_rule = models.JSONField(editable=False)
    notify_by = models.DateTimeField(_("hạn thông báo"), null=True, editable=False)
    notified_at = models.DateTimeField(_("đã thông báo lúc"), null=True, blank=True)
    notice_reference = models.CharField(_("số văn bản thông báo"), max_length=60, blank=True)
    measures = models.TextField(_("biện pháp đã thực hiện"), max_length=4000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-detected_at"]

    def __str__(self) -> str:
        return f"{self.detected_at:%d/%m/%Y %H:%M}"

    @property
    def awaiting_notice(self) -> bool:
        return self.notify_by is not None and self.notified_at is None
