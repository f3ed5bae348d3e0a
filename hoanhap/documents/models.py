"""Official documents as issued: numbered from the unit's register and kept unchanged.

A document stores the content it was rendered from and the exact .docx and .pdf bytes with their
SHA-256, so what was issued can always be shown and checked. A mistake is fixed by a new document
that references the one it corrects (Nghị định 30/2020/NĐ-CP Điều 10, 16); nothing is edited.
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import FiledRecord


class IssuingBody(models.TextChoices):
    """Who issues in a commune: the commune police or the commune People's Committee."""

    COMMUNE_POLICE = "commune_police", _("Công an xã")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân xã")


class DocumentKind(models.TextChoices):
    MANAGEMENT_DECISION = "management_decision", _("Quyết định quản lý người sử dụng trái phép chất ma túy")
    MANAGEMENT_EVENT_DECISION = "management_event", _("Quyết định tạm đình chỉ, dừng, chấm dứt quản lý")
    AFTERCARE_DECISION = "aftercare_decision", _("Quyết định quản lý sau cai nghiện")
    REHAB_CERTIFICATE = (
        "rehab_certificate",
        _("Giấy chứng nhận hoàn thành cai nghiện tại gia đình, cộng đồng"),
    )
    AFTERCARE_CERTIFICATE = (
        "aftercare_certificate",
        _("Giấy chứng nhận chấp hành xong quản lý sau cai nghiện"),
    )
    DOSSIER_NOTICE = "dossier_notice", _("Thông báo về việc lập hồ sơ đề nghị cai nghiện bắt buộc")
    DOSSIER_FORWARDING = "dossier_forwarding", _("Quyết định chuyển hồ sơ đề nghị cai nghiện bắt buộc")
    CORRECTION = "correction", _("Quyết định đính chính")


class NumberSeries(models.Model):
    """Số văn bản: consecutive per issuing body and calendar year (Nghị định 30/2020 Điều 15)."""

    commune = models.ForeignKey("geo.Commune", models.PROTECT, related_name="+")
    body = models.CharField(max_length=20, choices=IssuingBody.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "body", "year"], name="one_series_per_body_year")
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.body} {self.year}: {self.last}"


class Document(FiledRecord):
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="documents")
    kind = models.CharField(_("loại văn bản"), max_length=24, choices=DocumentKind.choices)
    body = models.CharField(_("cơ quan ban hành"), max_length=20, choices=IssuingBody.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày ban hành"))
    year = models.PositiveSmallIntegerField(editable=False)  # numbers restart each year
    source = models.UUIDField(_("hồ sơ nghiệp vụ"), db_index=True)
    content = models.JSONField(editable=False)
    docx = models.BinaryField(editable=False)
    pdf = models.BinaryField(editable=False)
    docx_sha256 = models.CharField(max_length=64, editable=False)
    pdf_sha256 = models.CharField(max_length=64, editable=False)
    corrects = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("đính chính văn bản"),
    )

    class Meta:
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "body", "number"], name="document_number_unique_in_unit"
            ),
            models.UniqueConstraint(
                fields=["kind", "source"],
                condition=models.Q(corrects__isnull=True),
                name="one_original_per_case_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"

    def intact(self) -> bool:
        """The stored files are still the bytes that were issued."""
        return (
            hashlib.sha256(bytes(self.docx)).hexdigest() == self.docx_sha256
            and hashlib.sha256(bytes(self.pdf)).hexdigest() == self.pdf_sha256
        )
