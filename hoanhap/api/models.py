"""Tokens for other systems (the province's or the ministry's). A token acts as its user, in that
user's role and unit, limited further to a set of actions; it expires and can be revoked. Only a
hash of the secret is stored: the secret is shown once, when the token is issued."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiAction(models.TextChoices):
    PEOPLE_READ = "people:read", _("Đọc hồ sơ đối tượng")
    PEOPLE_WRITE = "people:write", _("Tạo, sửa hồ sơ đối tượng")
    CASES_READ = "cases:read", _("Đọc xét nghiệm, quyết định, cai nghiện, quản lý sau cai")
    CASES_WRITE = "cases:write", _("Ghi kết quả xét nghiệm")
    PREVENTION_READ = "prevention:read", _("Đọc kết quả sàng lọc")
    SUPPORT_READ = "support:read", _("Đọc phân công giúp đỡ")
    TIPS_READ = "tips:read", _("Đọc tin báo (không có người báo tin)")
    REPORTS_READ = "reports:read", _("Đọc chỉ số và báo cáo định kỳ")


class ApiToken(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("tên hệ thống sử dụng"), max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="api_tokens")
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    actions = models.JSONField(_("quyền được cấp"), default=list)
    # The unit the token was issued for: if the user is moved to another unit, the token stops working.
    province = models.ForeignKey("geo.Province", models.PROTECT, null=True, blank=True, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"
