"""Enqueue the daily jobs at their hour, and put jobs abandoned by a dead worker back in the queue
(hoanhap.lib.jobs). django-tasks has no periodic scheduler (stack notes): run this next to
``db_worker``, or call it with ``--once`` from cron or a systemd timer. It is the project's clock and
starts jobs of several apps (the digest of ``cases``, the retention job of ``privacy``, the audit
checkpoints), so it lives in the top layer, with the pages that compose the apps."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from hoanhap.audit import checkpoints
from hoanhap.cases.models import DigestRun
from hoanhap.cases.tasks import send_daily_digest
from hoanhap.lib.jobs import requeue_abandoned
from hoanhap.privacy.tasks import apply_retention


class Command(BaseCommand):
    help = (
        "Enqueue the daily digest and the retention job once a day after DIGEST_HOUR (local time); "
        "re-queue jobs running for longer than TASK_ABANDONED_MINUTES; write a signed checkpoint of "
        "the audit log every AUDIT_CHECKPOINT_MINUTES."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit (for cron).")

    def handle(self, *args, once=False, **options):
        enqueued_for, checkpoint_at = None, None
        while True:
            every = settings.AUDIT_CHECKPOINT_MINUTES * 60
            if checkpoint_at is None or time.monotonic() - checkpoint_at >= every:
                checkpoints.publish()
                checkpoint_at = time.monotonic()
            requeued = requeue_abandoned()
            if requeued:
                self.stdout.write(f"Re-queued {requeued} abandoned job(s).")
            local = timezone.localtime()
            day = local.date()
            due = local.hour >= settings.DIGEST_HOUR and enqueued_for != day
            if due and not DigestRun.objects.filter(day=day).exists():
                send_daily_digest.enqueue()
                apply_retention.enqueue()
                enqueued_for = day
                self.stdout.write(f"Enqueued the digest and the retention job for {day:%d/%m/%Y}.")
            if once:
                return
            time.sleep(60)
