"""A backup restored into an empty installation gives back every row of every table, byte for byte
(official documents included); a damaged, truncated or foreign backup restores nothing."""

import io
import json

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hoanhap.audit.services import verify_chain
from hoanhap.backup.services import models_in_order, restore, write_backup
from hoanhap.documents import services as documents
from hoanhap.documents.models import Document
from hoanhap.hotline import services as hotline
from hoanhap.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, list[dict]]:
    """Every row of every backed-up table, as Django serialises it."""
    return {
        model._meta.label_lower: [
            json.loads(line)
            for line in serializers.serialize("jsonl", model._base_manager.order_by("pk")).splitlines()
        ]
        for model in models_in_order()
    }


@pytest.fixture
def filled(officer_a, officer_b, head_a, make_person, person_a, positive_test, decide):
    management = decide(person_a, positive_test(person_a), number="")
    documents.issue_management_decision(officer_a, management=management)
    make_person(
        officer_b, full_name="Lê Văn Cường", national_id="040090123456", birth_date=None, birth_year=1990
    )
    hotline.receive_tip(
        officer_a,
        channel="phone",
        category="use",
        summary="Có người sử dụng",
        commune=officer_a.commune,
        reporter={"name": "Phan Thị Hiền", "phone": "0977000111"},
    )
    return snapshot()


def test_a_backup_restores_every_row_into_an_empty_installation(filled, make_person, officer_b):
    assert Document.objects.count() == 1 and len(filled["people.person"]) == 2
    buffer = io.BytesIO()
    counts = write_backup(buffer)
    assert counts["people.person"] == 2 and counts["documents.document"] == 1
    # Encrypted: the reporter's name (its UTF-8 bytes cannot occur in the base64 of the ciphertext,
    # where a short ASCII word like "Phan" can, by chance) and the identification number are absent.
    assert "Phan Thị Hiền".encode() not in buffer.getvalue() and b"040090123456" not in buffer.getvalue()

    call_command("flush", interactive=False, verbosity=0)
    assert Person.objects.count() == 0
    restored = restore(io.BytesIO(buffer.getvalue()))
    assert restored == counts
    assert snapshot() == filled
    assert verify_chain() is None  # the audit chain is whole again
    assert Document.objects.get().intact()  # the stored files still match their SHA-256
    person = Person.objects.get(full_name="Lê Văn Cường")
    assert person.national_id == "040090123456"  # decrypts with the same field keys
    with pytest.raises(ValidationError):
        restore(io.BytesIO(buffer.getvalue()))  # not into an installation that has data
    newcomer = make_person(officer_b, full_name="Người Mới")  # keys continue after the restored rows
    assert newcomer.pk > max(row["pk"] for row in filled["people.person"])


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_a_damaged_backup_restores_nothing(filled, damage, settings):
    buffer = io.BytesIO()
    write_backup(buffer)
    data = bytearray(buffer.getvalue())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) - 200]
    else:
        from cryptography.fernet import Fernet

        settings.BACKUP_KEY = Fernet.generate_key().decode()
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(ValidationError):
        restore(io.BytesIO(bytes(data)))
    assert Person.objects.count() == 0 and Document.objects.count() == 0


@pytest.mark.parametrize(("app", "restores"), [("admin", True), ("people", False)])
def test_a_backup_needs_the_migrations_of_the_apps_installed_here_only(filled, app, restores):
    """django.contrib.admin, removed in issue 28, stays recorded as migrated in the databases it was
    installed on and so in their backups: a fresh installation without it still restores them. A
    migration of an installed app that is not applied here still refuses the restore."""
    recorder = MigrationRecorder(connection)
    recorder.record_applied(app, "9999_from_elsewhere")
    buffer = io.BytesIO()
    write_backup(buffer)
    recorder.record_unapplied(app, "9999_from_elsewhere")
    call_command("flush", interactive=False, verbosity=0)
    if restores:
        assert restore(io.BytesIO(buffer.getvalue()))["people.person"] == 2
        assert snapshot() == filled
    else:
        with pytest.raises(ValidationError, match="Run migrate first: 1 migrations"):
            restore(io.BytesIO(buffer.getvalue()))
        assert Person.objects.count() == 0
