from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hoanhap.audit import checkpoints, keys, services
from hoanhap.audit.chain import GENESIS, Break
from hoanhap.audit.models import Action, AuditEntry, ChainHead, Purpose
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
    assert verify_chain() == Break(1, 3, "altered")


def test_chain_check_finds_a_deleted_entry(db):
    _entries(4)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=2)._raw_delete(AuditEntry.objects.db)
    assert verify_chain() == Break(1, 2, "missing")


def test_command_fails_loudly_on_a_broken_chain(db, tmp_path):
    _entries(2)
    call_command("verify_audit_chain", checkpoints=str(tmp_path / "none.jsonl"))
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=1).update(purpose=Purpose.AUDIT)
    with pytest.raises(CommandError, match="#1"):
        call_command("verify_audit_chain", checkpoints=str(tmp_path / "none.jsonl"))


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
    assert entry.extra == {"results": 2}
    assert verify_chain() is None


def _resign(secret: bytes, **changes):
    """What someone who can write the database does to hide a change: edit an entry, then recompute
    every MAC of the chain from it onwards and move the head (the unkeyed chain let anyone do this)."""
    from hoanhap.audit.chain import CHAINED_FIELDS, GENESIS, entry_mac
    from hoanhap.audit.services import _hashable

    previous = GENESIS
    with attacker_with_database_access():
        for entry in AuditEntry.objects.filter(chain=1).order_by("seq"):
            values = {**{name: getattr(entry, name) for name in CHAINED_FIELDS}, **changes}
            digest = entry_mac(_hashable(values), previous, secret)
            AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=previous, hash=digest, **changes)
            previous = digest
        ChainHead.objects.filter(pk=1).update(hash=previous)


def test_a_chain_re_signed_without_the_key_does_not_verify(db):
    _entries(3)
    _resign(b"a key of the attacker's own", actor_username="someone-else")
    assert verify_chain() == Break(1, 1, "altered")


def test_the_check_itself_catches_a_change_re_signed_with_the_key(db):
    """The control for the test above: with the real key the forgery would pass, so what stops it
    is the key alone."""
    _entries(3)
    _resign(keys.current()[1], actor_username="someone-else")
    assert verify_chain() is None


def test_entries_cut_from_the_end_are_found_against_the_head(db):
    _entries(4)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq__gte=3)._raw_delete(AuditEntry.objects.db)
    assert verify_chain() == Break(1, 3, "missing")


def test_a_head_moved_back_with_the_cut_is_found_by_the_checkpoint(db, tmp_path):
    """Cut the last entries and move the head back to the last one kept: the chain alone is
    consistent, the checkpoint written before the cut is not."""
    _entries(4)
    file = tmp_path / "checkpoints.jsonl"
    checkpoints.publish(file)
    kept = AuditEntry.objects.get(chain=1, seq=2)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq__gte=3)._raw_delete(AuditEntry.objects.db)
        ChainHead.objects.filter(pk=1).update(seq=2, hash=kept.hash)
    assert verify_chain() is None  # consistent without the checkpoint...
    assert verify_chain(checkpoints.read(file)) == Break(1, 4, "checkpoint")  # ...but not with it


def test_an_emptied_log_is_found_by_the_checkpoint(db, tmp_path):
    _entries(3)
    file = tmp_path / "checkpoints.jsonl"
    checkpoints.publish(file)
    with attacker_with_database_access():
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
        ChainHead.objects.all().delete()
    assert verify_chain() is None
    assert verify_chain(checkpoints.read(file)) == Break(1, 3, "checkpoint")


def test_a_forged_checkpoint_is_refused(db, tmp_path):
    _entries(2)
    file = tmp_path / "checkpoints.jsonl"
    (point,) = checkpoints.publish(file)
    assert verify_chain(checkpoints.read(file)) is None
    assert verify_chain([{**point, "seq": 1}]) == Break(1, 1, "checkpoint not signed")
    assert verify_chain([{"chain": "x"}]) == Break(0, 0, "checkpoint not signed")


def test_a_head_moved_back_over_entries_left_in_place_is_found(db):
    _entries(3)
    second = AuditEntry.objects.get(chain=1, seq=2)
    ChainHead.objects.filter(pk=1).update(seq=2, hash=second.hash)
    assert verify_chain() == Break(1, 3, "past the head")


def test_entries_signed_under_an_older_key_still_verify_after_rotation(db, settings):
    _entries(2)
    old_id = keys.current()[0]
    settings.AUDIT_KEYS = ["a-brand-new-audit-key", *settings.AUDIT_KEYS]
    keys.reset_caches()
    try:
        (newer,) = _entries(1)
        assert newer.key_id != old_id and newer.key_id == keys.current()[0]
        assert verify_chain() is None
        settings.AUDIT_KEYS = settings.AUDIT_KEYS[:1]  # the old key dropped: its entries cannot be shown
        keys.reset_caches()
        assert verify_chain() == Break(1, 1, "unknown key")
    finally:
        keys.reset_caches()


def test_the_command_checks_the_checkpoint_file(db, tmp_path):
    _entries(3)
    file = tmp_path / "checkpoints.jsonl"
    call_command("audit_checkpoint", file=str(file))
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=3)._raw_delete(AuditEntry.objects.db)
        ChainHead.objects.filter(pk=1).update(seq=2, hash=AuditEntry.objects.get(seq=2).hash)
    with pytest.raises(CommandError, match="chain 1, entry #3: checkpoint"):
        call_command("verify_audit_chain", checkpoints=str(file))


def test_a_chain_cut_back_and_grown_again_is_found_by_the_checkpoint_taken_before_the_cut(db, tmp_path):
    """Cut the last entries, move the head back, and let the application append past the old end:
    the chain verifies, and so does the checkpoint taken since; the one taken before the cut names
    an entry the log no longer holds."""
    _entries(4)
    file = tmp_path / "checkpoints.jsonl"
    checkpoints.publish(file)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq__gte=3)._raw_delete(AuditEntry.objects.db)
        ChainHead.objects.filter(pk=1).update(seq=2, hash=AuditEntry.objects.get(seq=2).hash)
    _entries(3)  # entries 3, 4 and 5, signed by the application
    checkpoints.publish(file)
    assert verify_chain(checkpoints.read(file)) == Break(1, 4, "checkpoint")


def test_an_empty_log_verifies(db):
    assert verify_chain() is None


def test_an_entry_re_linked_to_another_predecessor_is_a_broken_link(db):
    _entries(3)
    with attacker_with_database_access():
        AuditEntry.objects.filter(seq=2).update(prev_hash="f" * 64)
    assert verify_chain() == Break(1, 2, "link")


def test_a_head_whose_mac_was_changed_is_found(db):
    _entries(3)
    ChainHead.objects.filter(pk=1).update(hash="f" * 64)
    assert verify_chain() == Break(1, 3, "head")


def test_a_log_emptied_under_its_head_is_missing_from_its_first_entry(db):
    _entries(3)
    with attacker_with_database_access():
        AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
    assert verify_chain() == Break(1, 1, "missing")


def test_entries_of_a_chain_whose_head_is_gone_are_found(db):
    _entries(2)
    ChainHead.objects.all().delete()
    assert verify_chain() == Break(1, 1, "no head")


def test_a_head_moved_back_to_the_start_over_entries_left_in_place_is_found_at_the_first(db):
    _entries(3)
    ChainHead.objects.filter(pk=1).update(seq=0, hash=GENESIS)
    assert verify_chain() == Break(1, 1, "past the head")


def test_a_checkpoint_of_a_chain_with_no_entries_yet_verifies(db, tmp_path):
    file = tmp_path / "checkpoints.jsonl"
    (point,) = checkpoints.publish(file)
    assert (point["seq"], point["hash"]) == (0, GENESIS)
    assert verify_chain(checkpoints.read(file)) is None


def test_earlier_checkpoints_of_a_chain_that_only_grew_still_verify(db, tmp_path):
    file = tmp_path / "checkpoints.jsonl"
    for _ in range(3):
        _entries(2)
        checkpoints.publish(file)
    assert [point["seq"] for point in checkpoints.read(file)] == [2, 4, 6]
    assert verify_chain(checkpoints.read(file)) is None


def test_a_checkpoint_without_its_mac_is_refused(db, tmp_path):
    _entries(2)
    (point,) = checkpoints.publish(tmp_path / "checkpoints.jsonl")
    del point["mac"]
    assert verify_chain([point]) == Break(1, 2, "checkpoint not signed")


@pytest.mark.parametrize("line", ["not json", "[1, 1]"])
def test_a_line_of_the_checkpoint_file_that_is_not_a_checkpoint_counts_as_unsigned(db, tmp_path, line):
    _entries(1)
    file = tmp_path / "checkpoints.jsonl"
    checkpoints.publish(file)
    with file.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    assert verify_chain(checkpoints.read(file)) == Break(0, 0, "checkpoint not signed")


def test_checkpoints_signed_under_an_older_key_still_verify_after_rotation(db, settings, tmp_path):
    _entries(2)
    file = tmp_path / "checkpoints.jsonl"
    checkpoints.publish(file)
    settings.AUDIT_KEYS = ["a-brand-new-audit-key", *settings.AUDIT_KEYS]
    keys.reset_caches()
    try:
        _entries(1)
        checkpoints.publish(file)
        assert [point["key_id"] == keys.current()[0] for point in checkpoints.read(file)] == [False, True]
        assert verify_chain(checkpoints.read(file)) is None
    finally:
        keys.reset_caches()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite uses one chain")
def test_on_postgresql_each_chain_is_checked_on_its_own_and_against_its_own_checkpoints(
    db, settings, monkeypatch, tmp_path
):
    """Two chains with entries at the same sequence numbers, and checkpoints of both at #1: chain 3
    (made with the heads, taken at random, here the last) and chain 1 (the first free)."""
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: n - 1)
    ChainHead.objects.all().delete()
    settings.AUDIT_CHAINS = 3
    file = tmp_path / "checkpoints.jsonl"
    assert [entry.chain for entry in _entries(2)] == [3, 1]
    checkpoints.publish(file)
    assert [entry.chain for entry in _entries(1)] == [1]
    checkpoints.publish(file)
    assert verify_chain(checkpoints.read(file)) is None
    with attacker_with_database_access():
        AuditEntry.objects.filter(chain=1, seq=2).update(actor_username="someone-else")
    assert verify_chain(checkpoints.read(file)) == Break(1, 2, "altered")
