from django.core.management.base import BaseCommand, CommandError

from hoanhap.audit.models import AuditEntry
from hoanhap.audit.services import verify_chain


class Command(BaseCommand):
    help = "Recompute the audit hash chain and name the first broken link."

    def handle(self, *args, **options):
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"Audit chain broken at entry #{broken}")
        self.stdout.write(f"Audit chain intact: {AuditEntry.objects.count()} entries checked.")
