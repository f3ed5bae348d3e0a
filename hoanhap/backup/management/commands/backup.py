from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoanhap.backup.services import write_backup


class Command(BaseCommand):
    help = "Write an encrypted, consistent backup of the database (documents included) to a file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        partial = path.with_suffix(path.suffix + ".partial")
        try:
            with partial.open("wb") as out:
                counts = write_backup(out)
        except ValidationError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(" ".join(exc.messages)) from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(path)  # a backup file is either complete or absent
        self.stdout.write(f"Backup written: {path} ({sum(counts.values())} rows in {len(counts)} tables).")
