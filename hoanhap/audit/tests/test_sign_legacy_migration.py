"""The migration that re-signs entries written before the chain was keyed (audit 0011)."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hoanhap.audit import keys
from hoanhap.audit.services import verify_chain

BEFORE = [("audit", "0009_alter_auditentry_action_alter_auditentry_purpose")]
legacy = importlib.import_module("hoanhap.audit.migrations.0011_sign_legacy_entries")

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] == "audit"]


def _write_legacy_log(apps, count):
    entry_model = apps.get_model("audit", "AuditEntry")
    apps.get_model("audit", "ChainHead").objects.update_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})
    previous = "0" * 64
    for seq in range(1, count + 1):
        entry = entry_model(
            seq=seq,
            at=dt.datetime(2026, 11, 1, 8, seq, tzinfo=dt.UTC),
            actor_username=f"u{seq}",
            action="login_failed",
            purpose="security",
            extra={"n": seq},
        )
        entry.object_uuid = None
        entry.actor_id = None
        entry.prev_hash, entry.hash = previous, legacy._legacy_hash(entry, previous)
        entry.save()
        previous = entry.hash
    return entry_model


def test_legacy_entries_are_re_signed_under_the_audit_key():
    try:
        apps = _migrate(BEFORE)
        _write_legacy_log(apps, 3)
        _migrate(_latest())
        from hoanhap.audit.models import AuditEntry, ChainHead

        assert set(AuditEntry.objects.values_list("key_id", flat=True)) == {keys.current()[0]}
        assert ChainHead.objects.get(pk=1).seq == 3
        assert verify_chain() is None
    finally:
        _migrate(_latest())


def test_a_broken_legacy_log_stops_the_migration_and_nothing_is_re_signed():
    try:
        apps = _migrate(BEFORE)
        entry_model = _write_legacy_log(apps, 3)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update")
        entry_model.objects.filter(seq=2).update(actor_username="someone-else")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update")
        with pytest.raises(RuntimeError, match="#2"):
            _migrate(_latest())
    finally:
        executor = MigrationExecutor(connection)
        apps = executor.loader.project_state(BEFORE).apps
        entry_model = apps.get_model("audit", "AuditEntry")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update")
        entry_model.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update")
        _migrate(_latest())
