"""The audit log: append-only, hash-chained, one row per access or change.

Rows hold identifiers and codes only (no names, no free text), so the log itself carries no
personal data beyond who looked at which record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOCKED_OUT = "locked_out", _("Tài khoản bị tạm khóa")
    OTP_FAILED = "otp_failed", _("Mã xác thực sai")
    OTP_ENROLLED = "otp_enrolled", _("Kích hoạt xác thực hai lớp")
    OTP_RESET = "otp_reset", _("Đặt lại xác thực hai lớp")
    RECOVERY_CODES = "recovery_codes", _("Tạo mã khôi phục")
    RECOVERY_CODE_USED = "recovery_code_used", _("Đăng nhập bằng mã khôi phục")
    LOGIN_SPRAYING = "login_spraying", _("Dò mật khẩu nhiều tài khoản từ một địa chỉ")
    LOGOUT = "logout", _("Đăng xuất")
    SESSION_EXPIRED = "session_expired", _("Phiên hết hạn")
    PERSON_READ = "person_read", _("Xem hồ sơ")
    PERSON_SEARCH = "person_search", _("Tìm kiếm hồ sơ")
    PERSON_CREATE = "person_create", _("Tạo hồ sơ")
    PERSON_UPDATE = "person_update", _("Sửa hồ sơ")
    PERSON_UPDATE_CONFLICT = "person_update_conflict", _("Sửa hồ sơ bị từ chối (xung đột)")
    PERSON_MERGE = "person_merge", _("Hợp nhất hồ sơ")
    PERSON_TRANSFER = "person_transfer", _("Chuyển hồ sơ")
    PERSON_ID_REVEAL = "person_id_reveal", _("Xem số định danh")
    REPORTER_REVEAL = "reporter_reveal", _("Xem thông tin người báo tin")
    CASE_WRITE = "case_write", _("Ghi nhận nghiệp vụ")
    EXPORT = "export", _("Xuất dữ liệu")
    DENIED = "denied", _("Bị từ chối truy cập")
    HAMLET_CHANGE = "hamlet_change", _("Thay đổi thôn, tổ dân phố")
    UNIT_CHANGE = "unit_change", _("Thay đổi đơn vị hành chính")
    USER_CREATE = "user_create", _("Tạo tài khoản")
    USER_DISABLE = "user_disable", _("Vô hiệu hóa tài khoản")
    USER_ENABLE = "user_enable", _("Kích hoạt lại tài khoản")
    AUDIT_READ = "audit_read", _("Xem nhật ký")
    RULE_CHANGE = "rule_change", _("Điều chỉnh quy định, lịch làm việc")
    TOKEN_ISSUE = "token_issue", _("Cấp khóa truy cập API")
    TOKEN_REVOKE = "token_revoke", _("Thu hồi khóa truy cập API")
    IMPORT = "import", _("Nhập danh sách")
    REPORT = "report", _("Báo cáo định kỳ")
    DATA_REQUEST = "data_request", _("Yêu cầu của chủ thể dữ liệu")
    BREACH = "breach", _("Sự cố lộ, lọt dữ liệu")
    RETENTION = "retention", _("Xóa, ẩn danh dữ liệu hết hạn lưu giữ")
    DUPLICATE_REVIEW = "duplicate_review", _("Rà soát hồ sơ trùng giữa các đơn vị")


class Purpose(models.TextChoices):
    CASE_WORK = "case_work", _("Nghiệp vụ quản lý")
    SEARCH = "search", _("Tra cứu")
    DUPLICATE_REVIEW = "duplicate_review", _("Rà soát trùng lặp")
    SUPERVISION = "supervision", _("Giám sát, chỉ đạo")
    AUDIT = "audit", _("Kiểm tra nhật ký")
    ADMINISTRATION = "administration", _("Quản trị hệ thống")
    SECURITY = "security", _("An ninh tài khoản")
    DATA_PROTECTION = "data_protection", _("Bảo vệ dữ liệu cá nhân")


class AuditEntry(models.Model):
    """One access or change. Entries form keyed hash chains (``audit.chain``): ``chain`` names the
    chain, ``seq`` the place in it, ``key_id`` the key whose MAC ``hash`` is."""

    chain = models.PositiveSmallIntegerField(default=1)
    seq = models.PositiveBigIntegerField()
    key_id = models.CharField(max_length=8)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    province_code = models.CharField(max_length=2, blank=True, db_index=True)
    commune_code = models.CharField(max_length=5, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký truy cập")
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["action", "at"]),
        ]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_entry_chain_seq")]

    def __str__(self) -> str:
        return f"#{self.chain}.{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only")

    @property
    def details(self) -> str:
        """``extra`` as the log shows it, in Vietnamese: "bộ lọc: action, person; ẩn số nhỏ: có"."""
        from hoanhap.audit.display import describe

        return describe(self.extra)


class ChainHead(models.Model):
    """One row per chain (its primary key is the chain's number): the last sequence number and
    MAC, locked while entries are appended to that chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"#{self.seq}"
