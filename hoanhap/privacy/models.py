"""Personal-data protection registers: requests of the people the data is about, with the time to
acknowledge them and the time to carry them out; breaches with their notification deadline; the unit
or officer each province designates for data protection. Deadlines are computed when the entry is made,
under the personal-data law in force on that date (``hoanhap.law.personal_data``), and the rule applied
is stored beside them, so a later change of the rule leaves old entries as they were."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    """The rights of Luật 91/2025 Điều 4.1 a–e a person asks the commune to honour."""

    ACCESS = "access", _("Xem, nhận bản sao dữ liệu")
    CORRECTION = "correction", _("Chỉnh sửa dữ liệu")
    DELETION = "deletion", _("Xóa dữ liệu")
    RESTRICTION = "restriction", _("Hạn chế xử lý")
    OBJECTION = "objection", _("Phản đối xử lý")
    INFORMATION = "information", _("Được biết về việc xử lý dữ liệu")
    WITHDRAWAL = "withdrawal", _("Rút lại sự đồng ý")
    PROTECTION = "protection", _("Yêu cầu biện pháp bảo vệ dữ liệu")


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
    # The personal-data regime in force when the request was received ("" before 01/07/2023).
    regime = models.CharField(max_length=20, blank=True, editable=False)
    # Time to acknowledge (NĐ 356 Điều 5.2–5.5: 02 working days); NULL where the law set none.
    due_rule = models.JSONField(null=True, editable=False)
    due_at = models.DateTimeField(_("hạn phản hồi"), null=True, editable=False)
    responded_at = models.DateTimeField(_("đã phản hồi lúc"), null=True, blank=True, editable=False)
    response = models.TextField(_("nội dung phản hồi"), max_length=2000, blank=True)
    # Time to carry the request out, by kind (NĐ 356 Điều 5.2–5.5; Nghị định 13/2023: 72 hours for some);
    # NULL where the law set none.
    fulfil_rule = models.JSONField(null=True, editable=False)
    fulfil_due_at = models.DateTimeField(_("hạn thực hiện"), null=True, editable=False)
    # The one extension NĐ 356 Điều 5.2–5.5 allows, with the reasons told to the requester.
    extension_days = models.PositiveSmallIntegerField(_("số ngày gia hạn"), null=True, editable=False)
    extension_reason = models.TextField(_("lý do gia hạn"), max_length=2000, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True, editable=False)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("kết quả"), max_length=8, choices=RequestOutcome.choices, blank=True)
    # A refusal names the ground the law gives (``hoanhap.law.personal_data.REFUSAL_GROUNDS``).
    refusal_ground = models.CharField(_("căn cứ từ chối"), max_length=40, blank=True)
    refusal_citation = models.CharField(max_length=255, blank=True, editable=False)
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

    @property
    def awaiting_response(self) -> bool:
        return self.open and self.responded_at is None and self.due_at is not None


class NoticeChannel(models.TextChoices):
    """How a breach notice reaches the agency (NĐ 356/2025 Điều 28.2)."""

    AGENCY = "agency", _("Gửi trực tiếp cơ quan chuyên trách bảo vệ dữ liệu cá nhân (A05, Bộ Công an)")
    PORTAL = "portal", _("Qua Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân")


class Breach(models.Model):
    """A personal-data breach found in the unit: what happened (the content NĐ 356/2025 Điều 28.1
    and its Mẫu 08 require), the "biên bản xác nhận" of it (Luật 91/2025 Điều 23.2), and whether,
    when and how the specialised agency (A05, Bộ Công an) was told."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    province = models.ForeignKey("geo.Province", models.PROTECT, null=True, blank=True, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    detected_at = models.DateTimeField(_("thời điểm phát hiện"))
    # When it happened, if known: Nghị định 13/2023 Điều 23.1 counted the 72 hours from it.
    occurred_at = models.DateTimeField(_("thời điểm xảy ra"), null=True, blank=True)
    regime = models.CharField(max_length=20, blank=True, editable=False)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    description = models.TextField(_("sự việc"), max_length=4000)
    parties = models.CharField(_("tổ chức, cá nhân liên quan"), max_length=255, blank=True)
    consequences = models.TextField(_("hậu quả, thiệt hại có thể xảy ra"), max_length=4000, blank=True)
    data_affected = models.CharField(_("loại dữ liệu bị ảnh hưởng"), max_length=255)
    people_affected = models.PositiveIntegerField(_("số người bị ảnh hưởng (ước tính)"), default=0)
    may_harm = models.BooleanField(
        _("có thể gây hại cho an ninh, trật tự, tính mạng, sức khỏe, danh dự, tài sản của người có dữ liệu"),
        default=True,
    )
    notify_rule = models.JSONField(null=True, editable=False)
    notify_by = models.DateTimeField(_("hạn thông báo"), null=True, editable=False)
    notified_at = models.DateTimeField(_("đã thông báo lúc"), null=True, blank=True)
    notice_reference = models.CharField(_("số văn bản thông báo"), max_length=60, blank=True)
    notice_channel = models.CharField(
        _("cách gửi thông báo"), max_length=8, choices=NoticeChannel.choices, blank=True
    )
    late_reason = models.TextField(_("lý do thông báo chậm"), max_length=2000, blank=True)
    record_reference = models.CharField(_("số biên bản xác nhận"), max_length=60, blank=True)
    record_made_on = models.DateField(_("ngày lập biên bản"), null=True, blank=True)
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


class DataProtectionOfficer(models.Model):
    """The unit or person a province designates for personal-data protection (Luật 91/2025 Điều
    33.2: "chỉ định bộ phận, nhân sự đủ điều kiện năng lực bảo vệ dữ liệu cá nhân"), designated by an
    official document (NĐ 356/2025 Điều 13.1). Its contact details go into breach notices (NĐ 356
    Điều 28.1.b, Mẫu 08)."""

    province = models.OneToOneField("geo.Province", models.PROTECT, related_name="+")
    unit_name = models.CharField(_("bộ phận bảo vệ dữ liệu cá nhân"), max_length=255)
    officer_name = models.CharField(_("họ và tên nhân sự chịu trách nhiệm"), max_length=120)
    officer_title = models.CharField(_("chức danh"), max_length=120)
    phone = models.CharField(_("số điện thoại liên lạc"), max_length=30)
    email = models.EmailField(_("email"), max_length=120)
    designation = models.CharField(_("văn bản chỉ định (số, ngày)"), max_length=120)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.officer_name}"
