from django.core.management.base import BaseCommand
from django.db import transaction

from hoanhap.lib import crypto
from hoanhap.people.models import Person

ENCRYPTED_FIELDS = ("national_id_encrypted", "father_id_encrypted", "mother_id_encrypted")


class Command(BaseCommand):
    help = (
        "Re-encrypt personal identifiers under the first key of FIELD_ENCRYPTION_KEYS, history included, "
        "so that older keys can then be removed."
    )

    def handle(self, *args, **options):
        for model in (Person, Person.history.model):
            count = self._rotate(model)
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted.")

    @transaction.atomic
    def _rotate(self, model) -> int:
        rows = list(model._default_manager.only("pk", *ENCRYPTED_FIELDS).select_for_update())
        for row in rows:
            for name in ENCRYPTED_FIELDS:
                setattr(row, name, crypto.rotate(getattr(row, name)))
        model._default_manager.bulk_update(rows, ENCRYPTED_FIELDS, batch_size=1000)
        return len(rows)
