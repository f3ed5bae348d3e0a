"""What the public portal receives: online registrations for voluntary rehab, and the counters that
rate-limit anonymous submissions."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.codes import reference_code


def new_reference() -> str:
    return reference_code("DK")


class RegistrationStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận, đang xem xét")
    ACCEPTED = "accepted", _("Đã lập biên bản tiếp nhận đăng ký")
    REFUSED = "refused", _("Không đủ điều kiện, đã trả lời")


class Registration(models.Model):
    """Đăng ký cai nghiện ma túy tự nguyện tại gia đình, cộng đồng, submitted online (TTHC 1.010941).
    The commune police of the chosen commune receive it as a due item with its deadline."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+", verbose_name=_("xã, phường"))
    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_date = models.DateField(_("ngày sinh"))
    phone = models.CharField(_("điện thoại"), max_length=20)
    address = models.CharField(_("nơi cư trú"), max_length=255)
    guardian_name = models.CharField(
        _("họ tên cha, mẹ hoặc người giám hộ (người chưa thành niên)"), max_length=120, blank=True
    )
    guardian_phone = models.CharField(_("điện thoại cha, mẹ hoặc người giám hộ"), max_length=20, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    due_rule = models.JSONField(editable=False)
    due_at = models.DateTimeField(editable=False)
    status = models.CharField(
        max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.RECEIVED
    )
    answer = models.CharField(_("trả lời"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["commune", "status", "due_at"])]

    def __str__(self) -> str:
        return self.reference


class Throttle(models.Model):
    """Submissions counted per hashed client address and hour; the increment is one UPDATE, so it
    holds across processes without a shared cache (the stack has no Redis or Memcached)."""

    key = models.CharField(max_length=64)
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="one_counter_per_window")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window:%d/%m %H:%M}: {self.count}"


class InfoPage(models.Model):
    """A page of public information (the law, forms of rehab, rights and duties, support), written
    by administrators in plain text with blank lines between paragraphs."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), max_length=20000)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    published = models.BooleanField(_("đang hiển thị"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title
