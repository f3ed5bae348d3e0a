"""An import of an existing list (Excel or CSV) into the registry: uploaded, mapped, checked row by
row, then committed all-or-nothing. The uploaded file is kept encrypted until the batch is done."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import FiledRecord

# Lists up to this many rows are checked and committed within the web request; longer ones by the
# worker. The whole file is read each time, so a longer list is never read in the request.
INLINE_ROWS = 500


class BatchStatus(models.TextChoices):
    READING = "reading", _("Đang đọc tệp")
    UPLOADED = "uploaded", _("Đã tải lên, chờ ghép cột")
    CHECKING = "checking", _("Đang kiểm tra")
    CHECKED = "checked", _("Đã kiểm tra")
    COMMITTING = "committing", _("Đang ghi vào sổ")
    COMMITTED = "committed", _("Đã ghi vào sổ")
    FAILED = "failed", _("Không ghi được, không có dữ liệu nào được ghi")


class ImportBatch(FiledRecord):
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    content = models.TextField(editable=False)  # Fernet token of the file, base64; emptied when done
    header_row = models.PositiveIntegerField(default=0)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)  # column index (str) -> field name
    # The first rows after the header, as the mapping preview shows them: a Fernet token of JSON,
    # emptied with the content. Kept so that showing the batch never opens the file.
    sample = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=12, choices=BatchStatus.choices, default=BatchStatus.UPLOADED)
    # Rows after the header; NULL until counted: the upload reads only the first rows of a file,
    # and the check counts the rest.
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    rows_checked = models.PositiveIntegerField(default=0)
    new_rows = models.PositiveIntegerField(default=0)
    present_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"row": n, "column": label, "message": text}]
    created_count = models.PositiveIntegerField(default=0)
    # Rows whose ID is already on a record outside the commune: sent for review at the commit, not
    # created (people.reviews). Counted with the new rows until then: the check says nothing of them.
    review_rows = models.PositiveIntegerField(default=0)
    failure = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def fits_request(self) -> bool:
        """Whether the list is known to be short enough to check and commit within the request."""
        return self.total_rows is not None and self.total_rows <= INLINE_ROWS

    @property
    def percent(self) -> int:
        return int(100 * self.rows_checked / self.total_rows) if self.total_rows else 0


class ImportedRow(models.Model):
    """Which row of which batch made which person: the trail back to the old list."""

    batch = models.ForeignKey(ImportBatch, models.PROTECT, related_name="imported")
    row = models.PositiveIntegerField()
    person = models.ForeignKey("people.Person", models.PROTECT, related_name="+")
    # The person's status as the old list gave it, shown as such; the officer records the facts.
    legacy_status = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "row"], name="one_person_per_row")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row}"
