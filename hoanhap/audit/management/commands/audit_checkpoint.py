from django.core.management.base import BaseCommand

from hoanhap.audit import checkpoints


class Command(BaseCommand):
    help = (
        "Write a signed checkpoint of every audit chain (last sequence number and MAC) to the log and "
        "append it to AUDIT_CHECKPOINT_FILE (run_scheduler does this every AUDIT_CHECKPOINT_MINUTES)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", metavar="FILE", help="Append to this file instead.")

    def handle(self, *args, file=None, **options):
        points = checkpoints.publish(file)
        self.stdout.write(f"Wrote {len(points)} checkpoint(s).")
