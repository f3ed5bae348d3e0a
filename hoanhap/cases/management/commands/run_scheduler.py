"""Enqueue the daily jobs at their hour. django-tasks has no periodic scheduler (stack notes): run
this next to ``db_worker``, or call it with ``--once`` from cron or a systemd timer."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from hoanhap.cases.models import DigestRun
from hoanhap.cases.tasks import send_daily_digest


class Command(BaseCommand):
    help = "Enqueue the daily digest once a day after DIGEST_HOUR (local time)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit (for cron).")

    def handle(self, *args, once=False, **options):
        enqueued_for = None
        while True:
            local = timezone.localtime()
            day = local.date()
            due = local.hour >= settings.DIGEST_HOUR and enqueued_for != day
            if due and not DigestRun.objects.filter(day=day).exists():
                send_daily_digest.enqueue()
                enqueued_for = day
                self.stdout.write(f"Enqueued the digest for {day:%d/%m/%Y}.")
            if once:
                return
            time.sleep(60)
