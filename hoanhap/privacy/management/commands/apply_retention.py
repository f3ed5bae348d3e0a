"""Erase or anonymise personal data past its retention period (hoanhap.privacy.retention); with
``--dry-run``, only say what would be touched. run_scheduler enqueues it once a day."""

from django.core.management.base import BaseCommand

from hoanhap.privacy import retention


class Command(BaseCommand):
    help = "Erase or anonymise personal data past its retention period (--dry-run: only count)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be touched; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        verb = "would touch" if dry_run else "touched"
        for line in retention.run(dry_run=dry_run):
            kept = "kept by law" if line.days is None else f"after {line.days} days"
            self.stdout.write(f"{line.rule.code}: {verb} {line.count} ({kept}) — {line.rule.action}")
