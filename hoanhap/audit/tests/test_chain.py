from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hoanhap.audit.models import Action, AuditEntry, Purpose
from hoanhap.audit.services import record, record_many, verify_chain


def _entries(n, actor=None):
    return [record(actor, Action.LOGIN_FAILED, purpose=Purpose.SECURITY, username=f"u{i}") for i in range(n)]


@contextmanager
def attacker_with_database_access():
    """Tamper as someone with owner rights on the table would: on PostgreSQL, first switch off
    the trigger that refuses updates and deletes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # flush deferred foreign-key checks first
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update")


def test_each_entry_links_to_the_one_before(db):
    first, second, third = _entries(3)
    assert (first.seq, second.seq, third.seq) == (1, 2, 3)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert verify_chain() is None


def test_a_batch_of_entries_continues_the_chain(officer_a, make_person):
    """An import's people are audited one entry each, written in one insert, still chained."""
    person_a = make_person(officer_a)
    (before,) = _entries(1)
    assert record_many(officer_a, Action.PERSON_CREATE, purpose=Purpose.CASE_WORK, objs=[person_a] * 3) == 3
    (after,) = _entries(1)
    batch = list(AuditEntry.objects.filter(action=Action.PERSON_CREATE, seq__gt=before.seq).order_by("seq"))
    assert [e.seq for e in batch] == [before.seq + 1, before.seq + 2, before.seq + 3]
    assert batch[0].prev_hash == before.hash and after.prev_hash == batch[-1].hash
    assert all(e.object_uuid == person_a.uuid and e.commune_code == person_a.commune_id for e in batch)
    assert verify_chain() is None


def test_chain_check_names_the_first_tampered_entry(db):
    _entries(5)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=3).update(actor_username="someone-else")
    assert verify_chain() == 3


def test_chain_check_finds_a_deleted_entry(db):
    _entries(4)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=2)._raw_delete(AuditEntry.objects.db)
    assert verify_chain() == 3


def test_command_fails_loudly_on_a_broken_chain(db):
    _entries(2)
    call_command("verify_audit_chain")
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=1).update(purpose=Purpose.AUDIT)
    with pytest.raises(CommandError, match="#1"):
        call_command("verify_audit_chain")


def test_entries_cannot_be_changed_or_deleted_through_the_model(db):
    (entry,) = _entries(1)
    entry.actor_username = "x"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only")
def test_database_refuses_updates(db):
    from django.db import DatabaseError, transaction

    _entries(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(actor_username="x")


def test_entries_record_who_what_when_where_and_why(officer_a, rf):
    from hoanhap.audit.context import client_ip

    token = client_ip.set("203.0.113.7")
    try:
        entry = record(officer_a, Action.PERSON_SEARCH, purpose=Purpose.SEARCH, extra={"results": 2})
    finally:
        client_ip.reset(token)
    assert entry.actor == officer_a and entry.ip == "203.0.113.7"
    assert entry.action == Action.PERSON_SEARCH and entry.purpose == Purpose.SEARCH and entry.at is not None
    assert verify_chain() is None
