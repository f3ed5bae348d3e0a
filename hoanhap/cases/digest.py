"""The daily digest: each commune user gets the count of their due items, overdue ones also reach
the head of the unit. Counts and a link only: names of people never travel by e-mail or SMS."""

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import DigestDelivery, DigestRun
from hoanhap.inbox.items import DueItem
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.lib import sms
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Level, Role

logger = logging.getLogger(__name__)

# Who prepares the papers for whom signs them: they get the item too.
PREPARED_BY: dict[str, frozenset[str]] = {
    Role.COMMUNE_POLICE_HEAD: frozenset({Role.COMMUNE_POLICE}),
    Role.COMMUNE_CHAIRMAN: frozenset({Role.COMMUNE_SOCIAL}),
    Role.PROVINCIAL_POLICE: frozenset({Role.COMMUNE_POLICE_HEAD, Role.COMMUNE_POLICE}),
}
# Where an overdue item escalates in the commune.
HEAD_OF: dict[str, str] = {
    Role.COMMUNE_POLICE: Role.COMMUNE_POLICE_HEAD,
    Role.COMMUNE_POLICE_HEAD: Role.COMMUNE_POLICE_HEAD,
    Role.PROVINCIAL_POLICE: Role.COMMUNE_POLICE_HEAD,
    Role.COMMUNE_SOCIAL: Role.COMMUNE_CHAIRMAN,
    Role.COMMUNE_CHAIRMAN: Role.COMMUNE_CHAIRMAN,
}


@dataclass
class Digest:
    user: User
    items: list[DueItem] = field(default_factory=list)
    escalated: list[DueItem] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue) + len(self.escalated)


def route(items: list[DueItem], users: list[User]) -> list[Digest]:
    """Each item to the users of its responsible role and of the roles preparing for it; an overdue
    item also to the head it escalates to. Users with nothing due get nothing."""
    digests = {u.pk: Digest(u) for u in users}
    for item in items:
        role = item.responsible_role
        takers = {role, *PREPARED_BY.get(role, ())}
        head = HEAD_OF.get(role)
        for user in users:
            if user.role in takers:
                digests[user.pk].items.append(item)
            elif item.overdue and user.role == head:
                digests[user.pk].escalated.append(item)
    return [d for d in digests.values() if d.items or d.escalated]


def send_daily_digests(*, on: dt.date | None = None) -> int:
    """Send today's digests; returns messages sent. Safe to run again or in two workers at once:
    each user's digest is claimed (``DigestDelivery``) before it goes out, so a run that resumes
    after a worker died sends only what was not yet claimed."""
    day = on or today()
    run, _created = DigestRun.objects.get_or_create(day=day)
    if run.finished_at is not None:
        return 0
    users = User.objects.filter(is_active=True, commune__isnull=False).exclude(email="", phone="")
    by_commune: dict[str, list[User]] = defaultdict(list)
    for user in users.select_related("commune"):
        if user.level is Level.COMMUNE and user.commune_id:
            by_commune[user.commune_id].append(user)
    sent = 0
    for commune_id, members in by_commune.items():
        # Counts only: no person is read.
        for digest in route(due_items_for_commune(commune_id, people=False), members):
            try:
                with transaction.atomic():
                    DigestDelivery.objects.create(run=run, user=digest.user)
            except IntegrityError:
                continue  # sent by an earlier run of today, or by another worker
            delivered = _deliver(digest, day)
            DigestRun.objects.filter(pk=run.pk).update(messages=F("messages") + delivered)
            sent += delivered
    DigestRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    logger.info("Daily digest for %s: %d messages", day.isoformat(), sent)
    return sent


def _deliver(digest: Digest, day: dt.date) -> int:
    user, sent = digest.user, 0
    with translation.override("vi"):
        summary = _summary(digest, day)
        if user.email:
            body = "\n".join(
                [summary, "", *_lines(digest), "", _("Xem chi tiết: %(url)s") % {"url": _inbox_url()}]
            )
            send_mail(summary, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        if user.phone:
            sms.gateway().send(to=user.phone, text=f"{summary} {_inbox_url()}")
            sent += 1
    return sent


def _summary(digest: Digest, day: dt.date) -> str:
    total = len(digest.items) + len(digest.escalated)
    return _("HoaNhap %(d)s: %(n)s việc cần làm, %(o)s quá hạn") % {
        "d": f"{day:%d/%m/%Y}",
        "n": total,
        "o": digest.overdue,
    }


def _lines(digest: Digest) -> list[str]:
    counts = Counter(i.title for i in digest.items)
    late = Counter(i.title for i in digest.items if i.overdue)
    lines = [
        f"- {title}: {n}" + (_(" (%(o)s quá hạn)") % {"o": late[title]} if late[title] else "")
        for title, n in counts.items()
    ]
    escalated = Counter(i.title for i in digest.escalated)
    if escalated:
        lines += ["", _("Quá hạn ở bộ phận được giao, cần chỉ đạo:")]
        lines += [f"- {title}: {n}" for title, n in escalated.items()]
    return lines


def _inbox_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("inbox:list")
