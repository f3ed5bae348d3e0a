from django.core.management.base import BaseCommand, CommandError

from hoanhap.audit import checkpoints
from hoanhap.audit.models import AuditEntry, ChainHead
from hoanhap.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Check the audit log: every chain's links and MACs under AUDIT_KEYS, every chain's end against "
        "its head, and the signed checkpoints of a file kept outside the database (by default "
        "AUDIT_CHECKPOINT_FILE). Names the first entry that fails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            help="Checkpoints to check against (a copy shipped elsewhere); default AUDIT_CHECKPOINT_FILE.",
        )

    def handle(self, *args, **options):
        points = checkpoints.read(options["checkpoints"])
        broken = verify_chain(points)
        if broken is not None:
            raise CommandError(f"Audit log broken at {broken}")
        self.stdout.write(
            f"Audit log intact: {AuditEntry.objects.count()} entries in {ChainHead.objects.count()} "
            f"chain(s), {len(points)} checkpoint(s) checked."
        )
