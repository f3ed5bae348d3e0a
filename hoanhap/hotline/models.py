"""What citizens report by phone, tip box, web or in person, and how it was handled.

The reporter's identity, when given, is sealed: encrypted at rest, shown only to the roles that
hold ``Cap.VIEW_REPORTER``, every view audited, and never copied into a case when a tip leads to one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import FiledRecord
from hoanhap.hotline.categories import CRIME, Category, Priority
from hoanhap.lib.codes import reference_code


def new_reference() -> str:
    return reference_code("TB")


class Channel(models.TextChoices):
    PHONE = "phone", _("Điện thoại đường dây nóng")
    TIP_BOX = "tip_box", _("Hòm thư tố giác")
    WEB = "web", _("Cổng thông tin")
    IN_PERSON = "in_person", _("Trực tiếp")


class TipStatus(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đã giao xử lý")
    CLOSED = "closed", _("Đã xử lý xong")


class Tip(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    category = models.CharField(_("loại tin"), max_length=12, choices=Category.choices)
    priority = models.CharField(_("mức ưu tiên"), max_length=8, choices=Priority.choices)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    respond_by = models.DateTimeField(_("hạn xử lý"), editable=False)
    summary = models.TextField(_("nội dung"), max_length=4000)
    location = models.CharField(_("địa điểm liên quan"), max_length=255, blank=True)
    province = models.ForeignKey("geo.Province", models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.Commune", models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=TipStatus.choices, default=TipStatus.NEW
    )
    reporter_sealed = models.TextField(blank=True, editable=False)  # Fernet token of the reporter's details
    outcome = models.CharField(_("kết quả xử lý"), max_length=500, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="tips",
        verbose_name=_("hồ sơ liên quan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["respond_by"]
        indexes = [models.Index(fields=["commune", "status", "respond_by"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def has_reporter(self) -> bool:
        return bool(self.reporter_sealed)

    @property
    def is_crime(self) -> bool:
        """A tip about a crime, which the commune police must record and hand over at once."""
        return self.category in CRIME


class TipStep(models.Model):
    tip = models.ForeignKey(Tip, models.PROTECT, related_name="steps")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(_("việc đã làm"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.tip_id} {self.at:%d/%m/%Y}"


class CrimeReport(models.Model):
    """What the commune police do with a crime tip ("tố giác, tin báo về tội phạm"): the receipt
    record ("biên bản tiếp nhận": when, by whom, its number) and the hand-over to the competent
    investigation body (when, to which body, under which document). The law's time for the hand-over
    is "ngay" (rulebook ``crime_tip_handover``); NULL ``handed_over_at`` means not handed over yet."""

    tip = models.OneToOneField(Tip, models.PROTECT, related_name="crime_report")
    receipt_at = models.DateTimeField(_("thời điểm lập biên bản tiếp nhận"))
    receipt_number = models.CharField(_("số biên bản tiếp nhận"), max_length=50, blank=True)
    receipt_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người tiếp nhận")
    )
    handed_over_at = models.DateTimeField(_("thời điểm chuyển"), null=True, blank=True)
    investigation_body = models.CharField(_("cơ quan điều tra nhận"), max_length=200, blank=True)
    handover_number = models.CharField(_("số văn bản chuyển"), max_length=50, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.tip_id} {self.receipt_at:%d/%m/%Y}"

    @property
    def handed_over(self) -> bool:
        return self.handed_over_at is not None


class HotspotKind(models.TextChoices):
    USE = "use", _("Tụ điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy")
    DEALING = "dealing", _("Điểm mua bán trái phép chất ma túy")
    GATHERING = "gathering", _("Nơi tụ tập có biểu hiện sử dụng ma túy")


class HotspotStatus(models.TextChoices):
    REPORTED = "reported", _("Được phản ánh, chưa xác minh")
    ACTIVE = "active", _("Đã xác minh, đang hoạt động")
    MONITORED = "monitored", _("Đã xử lý, đang theo dõi")
    CLEARED = "cleared", _("Đã triệt xóa")


class Hotspot(FiledRecord):
    """A place reported or known as a drug hotspot; its status is the latest of its dated changes."""

    name = models.CharField(_("tên, mô tả địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=HotspotKind.choices)
    tips = models.ManyToManyField(
        Tip, blank=True, related_name="hotspots", verbose_name=_("tin báo liên quan")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def status_on(self, day=None) -> str:
        changes = [c for c in self.changes.all() if day is None or c.on <= day]
        return changes[-1].status if changes else HotspotStatus.REPORTED

    @property
    def latest_change(self) -> "HotspotChange | None":
        """The last change (from the prefetched changes: a queryset cannot be indexed from the end)."""
        changes = list(self.changes.all())
        return changes[-1] if changes else None


class HotspotChange(models.Model):
    hotspot = models.ForeignKey(Hotspot, models.PROTECT, related_name="changes")
    on = models.DateField(_("ngày"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=HotspotStatus.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.status} {self.on:%d/%m/%Y}"


class RequestKind(models.TextChoices):
    SCREENING = "screening", _("Sàng lọc nguy cơ sử dụng ma túy (ASSIST)")
    DRUG_TEST = "drug_test", _("Xét nghiệm chất ma túy trong cơ thể")


class TipRequestQuerySet(models.QuerySet):
    def with_done(self) -> "TipRequestQuerySet":
        """``done``: a screening or a drug test of the person was recorded on or after the request's day."""
        from hoanhap.cases.models import DrugTest
        from hoanhap.prevention.models import Screening

        tested = DrugTest.objects.filter(
            person=models.OuterRef("person"), tested_at__date__gte=models.OuterRef("requested_on")
        )
        screened = Screening.objects.filter(
            person=models.OuterRef("person"), screened_on__gte=models.OuterRef("requested_on")
        )
        return self.annotate(
            done=models.Case(
                models.When(kind=RequestKind.DRUG_TEST, then=models.Exists(tested)),
                default=models.Exists(screened),
                output_field=models.BooleanField(),
            )
        )

    def pending(self) -> "TipRequestQuerySet":
        return self.with_done().filter(done=False, withdrawn_at__isnull=True)


class TipRequest(models.Model):
    """What a tip led to for the person it concerns: a screening or a body drug test. It stays in the
    commune's inbox until one is recorded for that person after the request, or it is withdrawn.
    Nothing of the reporter is carried over."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tip = models.ForeignKey(Tip, models.PROTECT, related_name="requests")
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="+")
    kind = models.CharField(_("đề nghị"), max_length=10, choices=RequestKind.choices)
    requested_on = models.DateField(_("ngày đề nghị"), editable=False)
    due_on = models.DateField(_("hạn thực hiện"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(_("lý do rút đề nghị"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TipRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_on", "pk"]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.requested_on:%d/%m/%Y}"
