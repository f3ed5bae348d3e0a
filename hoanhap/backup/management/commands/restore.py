from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoanhap.backup.services import restore


class Command(BaseCommand):
    help = "Restore an encrypted backup into an empty, migrated installation (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            with path.open("rb") as source:
                counts = restore(source)
        except (ValidationError, OSError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(message) from exc
        self.stdout.write(f"Restored {sum(counts.values())} rows in {len(counts)} tables.")
