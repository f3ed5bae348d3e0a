import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.roles import CAPABILITIES, LEVELS, Cap, Level, Role


class User(AbstractUser):
    """A staff member, helper or auditor: one role, one administrative unit."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    province = models.ForeignKey(
        "geo.Province", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tỉnh")
    )
    commune = models.ForeignKey(
        "geo.Commune", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("xã")
    )
    organisation = models.CharField(_("cơ quan, cơ sở"), max_length=200, blank=True)
    phone = models.CharField(_("số điện thoại nhận tin nhắn nhắc việc"), max_length=20, blank=True)
    is_demo = models.BooleanField(
        default=False, help_text=_("Tài khoản trình diễn: chỉ dùng khi hệ thống chạy ở chế độ trình diễn.")
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commune__isnull=True) | models.Q(province__isnull=False),
                name="user_commune_has_province",
            )
        ]

    def can_sign_in(self) -> bool:
        """Active, and not a demo account outside demo mode: a demo account's password is
        published (accounts/demo.py), so it opens nothing on a real installation."""
        return self.is_active and (not self.is_demo or bool(settings.DEMO_MODE))

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names, then the given name."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def level(self) -> Level:
        return LEVELS[Role(self.role)]

    def has_cap(self, cap: Cap) -> bool:
        return bool(self.role) and cap in CAPABILITIES[Role(self.role)]

    @property
    def unit_label(self) -> str:
        if self.commune is not None:
            return self.commune.label
        if self.province is not None:
            return self.province.name
        return str(_("Toàn quốc"))


class UserSession(models.Model):
    """The sessions a user holds, so that disabling the user can end all of them."""

    user = models.ForeignKey(User, models.CASCADE, related_name="tracked_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user_id}:{self.created_at:%Y-%m-%d %H:%M}"


class EnrolmentCode(models.Model):
    """The one-time code an administrator hands over with a new or reset account: with the
    password, it lets the owner enrol a second factor, once, before it expires. Only its hash is
    stored; the row is deleted when the enrolment it allowed is confirmed."""

    user = models.OneToOneField(User, models.CASCADE, related_name="enrolment_code")
    digest = models.CharField(max_length=64)
    issued_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}:{self.expires_at:%Y-%m-%d %H:%M}"


class FailedLogin(models.Model):
    """One failed password check, counted by the log-in throttle (accounts/throttle.py). The client
    address and the user name typed are kept as keyed hashes (blind indexes): the throttle only
    compares them, and a mistyped name or a password typed into the name field is not stored."""

    at = models.DateTimeField(db_index=True)
    address = models.CharField(max_length=64)
    username = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["address", "username", "at"]),
            models.Index(fields=["address", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}"
