"""How long personal data is kept, per kind of record, and the job that erases or anonymises what
has expired.

Luật 91/2025/QH15 asks that personal data be deleted or anonymised once the purpose of processing
has ended, unless another law requires it to be kept (legal.md §8, not yet checked article by
article). The records of the registry and its cases are such records kept by law: management
dossiers under the Ministry of Public Security's rules (NĐ 105/2021 Điều 49), compulsory-rehab
dossiers under the archive law (Luật 120/2025 Điều 35–36); the job never touches them. What no law
asks to keep (an unwritten import, a refused online registration, a closed tip's reporter) has a
period that is the system's default, each a setting of its own; each app that keeps such data
registers its rule here (``register``, from its AppConfig.ready), so this module imports none of them."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.people.models import Person

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


def _registry(cutoff: dt.datetime) -> QuerySet:
    return Person.objects.all()


# The registry and its cases: kept by law, listed so that the report says so.
REGISTRY = RetentionRule(
    "registry",
    _("Hồ sơ người sử dụng, người nghiện, quản lý sau cai và các quyết định"),
    _("Giữ, lưu trữ theo luật: hệ thống không xóa"),
    "NĐ 105/2021 Điều 49; Luật 120/2025 Điều 35.3.b, 36.2.b (lưu trữ theo pháp luật về lưu trữ)",
    lambda: None,
    _registry,
    None,
)

# The rules of the apps that keep personal data no law asks to keep (imports, portal, hotline):
# each app registers its own in its AppConfig.ready(), so this module imports none of them.
_REGISTERED: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> None:
    """Add ``rule`` to the retention job; registering the same code again replaces it."""
    _REGISTERED[rule.code] = rule


def rules() -> list[RetentionRule]:
    """The rules the job applies, in the order the apps registered them, then the registry (kept)."""
    return [*_REGISTERED.values(), REGISTRY]


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
        for rule in rules():
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
