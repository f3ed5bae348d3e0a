"""How long personal data is kept, per kind of record, and the job that erases or anonymises what
has expired.

Luật 91/2025/QH15 asks that personal data be deleted or anonymised once the purpose of processing
has ended, unless another law requires it to be kept (legal.md §8, not yet checked article by
article). The records of the registry and its cases are such records kept by law: management
dossiers under the Ministry of Public Security's rules (NĐ 105/2021 Điều 49), compulsory-rehab
dossiers under the archive law (Luật 120/2025 Điều 35–36); the job never touches them. The periods
below are the system's defaults for what no law asks to keep; each is a setting of its own."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.hotline.models import Tip, TipStatus
from hoanhap.imports.models import BatchStatus, ImportBatch
from hoanhap.people.models import Person
from hoanhap.portal.models import Registration, RegistrationStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANONYMISED = "(đã ẩn danh)"
PURPOSE_ENDED = "Luật 91/2025/QH15: xóa khi hết mục đích xử lý; thời hạn do hệ thống đặt"


@dataclass(frozen=True)
class RetentionRule:
    code: str
    records: "StrOrPromise"  # what is affected, for the dry-run report
    action: "StrOrPromise"  # what the job does to it
    basis: str
    days: Callable[[], int | None]  # None: kept by law, never touched
    expired: Callable[[dt.datetime], QuerySet]
    apply: Callable[[QuerySet], int] | None


def _unfinished_imports(cutoff: dt.datetime) -> QuerySet:
    return (
        ImportBatch.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[BatchStatus.COMMITTED, BatchStatus.COMMITTING])
        .exclude(content="", sample="", errors=[], headers=[])
    )


def _erase_import_files(rows: QuerySet) -> int:
    return rows.update(content="", sample="", errors=[], headers=[], failure="")


def _refused_registrations(cutoff: dt.datetime) -> QuerySet:
    return Registration.objects.filter(status=RegistrationStatus.REFUSED, updated_at__lt=cutoff).exclude(
        full_name=ANONYMISED
    )


def _anonymise_registrations(rows: QuerySet) -> int:
    count = 0
    for registration in rows.only("pk", "birth_date"):
        # The year of birth stays, for counts by age; nothing else identifies the person.
        Registration.objects.filter(pk=registration.pk).update(
            full_name=ANONYMISED,
            birth_date=registration.birth_date.replace(month=1, day=1),
            phone="",
            address="",
            guardian_name="",
            guardian_phone="",
            answer="",
        )
        count += 1
    return count


def _closed_tips_with_reporter(cutoff: dt.datetime) -> QuerySet:
    return Tip.objects.filter(status=TipStatus.CLOSED, closed_at__lt=cutoff).exclude(reporter_sealed="")


def _erase_reporters(rows: QuerySet) -> int:
    return rows.update(reporter_sealed="")


def _registry(cutoff: dt.datetime) -> QuerySet:
    return Person.objects.all()


RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        "import_files",
        _("Tệp danh sách tải lên nhưng không ghi vào sổ (nội dung, tiêu đề cột, lỗi từng dòng)"),
        _("Xóa nội dung tệp"),
        PURPOSE_ENDED + " (RETENTION_IMPORT_DAYS)",
        lambda: settings.RETENTION_IMPORT_DAYS,
        _unfinished_imports,
        _erase_import_files,
    ),
    RetentionRule(
        "refused_registrations",
        _("Đăng ký cai nghiện trực tuyến đã trả lời không đủ điều kiện"),
        _("Ẩn danh (giữ năm sinh, xã, ngày nhận)"),
        PURPOSE_ENDED + " (RETENTION_REGISTRATION_DAYS)",
        lambda: settings.RETENTION_REGISTRATION_DAYS,
        _refused_registrations,
        _anonymise_registrations,
    ),
    RetentionRule(
        "tip_reporters",
        _("Thông tin người báo tin của tin báo đã xử lý xong"),
        _("Xóa thông tin người báo tin (giữ nội dung tin)"),
        PURPOSE_ENDED + " (RETENTION_REPORTER_DAYS)",
        lambda: settings.RETENTION_REPORTER_DAYS,
        _closed_tips_with_reporter,
        _erase_reporters,
    ),
    RetentionRule(
        "registry",
        _("Hồ sơ người sử dụng, người nghiện, quản lý sau cai và các quyết định"),
        _("Giữ, lưu trữ theo luật: hệ thống không xóa"),
        "NĐ 105/2021 Điều 49; Luật 120/2025 Điều 35.3.b, 36.2.b (lưu trữ theo pháp luật về lưu trữ)",
        lambda: None,
        _registry,
        None,
    ),
)


@dataclass(frozen=True)
class RetentionLine:
    rule: RetentionRule
    days: int | None
    count: int


def run(*, dry_run: bool, actor=None) -> list[RetentionLine]:
    """What has expired, per rule; erased or anonymised unless ``dry_run``. One transaction: a run
    that fails changes nothing. Each rule's count is audited (never the records themselves)."""
    lines = []
    with transaction.atomic():
        for rule in RULES:
            days = rule.days()
            if days is None or rule.apply is None:
                lines.append(RetentionLine(rule, None, rule.expired(now()).count()))
                continue
            expired = rule.expired(now() - dt.timedelta(days=days))
            count = expired.count() if dry_run else rule.apply(expired)
            lines.append(RetentionLine(rule, days, count))
            if count and not dry_run:
                record(
                    actor,
                    Action.RETENTION,
                    purpose=Purpose.DATA_PROTECTION,
                    extra={"rule": rule.code, "count": count, "days": days},
                )
    return lines
