"""How long an uploaded list that was never written to the registry is kept (``privacy.retention``)."""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hoanhap.imports.models import BatchStatus, ImportBatch
from hoanhap.privacy.retention import PURPOSE_ENDED, RetentionRule


def _unfinished_imports(cutoff: dt.datetime) -> QuerySet:
    return (
        ImportBatch.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[BatchStatus.COMMITTED, BatchStatus.COMMITTING])
        .exclude(content="", sample="", errors=[], headers=[])
    )


def _erase_import_files(rows: QuerySet) -> int:
    return rows.update(content="", sample="", errors=[], headers=[], failure="")


RULE = RetentionRule(
    "import_files",
    _("Tệp danh sách tải lên nhưng không ghi vào sổ (nội dung, tiêu đề cột, lỗi từng dòng)"),
    _("Xóa nội dung tệp"),
    PURPOSE_ENDED + " (RETENTION_IMPORT_DAYS)",
    lambda: settings.RETENTION_IMPORT_DAYS,
    _unfinished_imports,
    _erase_import_files,
)
