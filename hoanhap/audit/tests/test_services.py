"""Writing the audit log: what an entry holds, batches, refused accesses, and the chain heads an
append takes (on PostgreSQL, several chains and real concurrent transactions)."""

import threading
import uuid
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from conftest import COMMUNE_A
from hoanhap.audit import services
from hoanhap.audit.chain import GENESIS
from hoanhap.audit.models import Action, AuditEntry, ChainHead, Purpose
from hoanhap.audit.services import record, record_denied, record_many, verify_chain
from hoanhap.people.models import Person

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers: one chain, no SKIP LOCKED"
)


def _failed_login(username="someone"):
    return record(None, Action.LOGIN_FAILED, purpose=Purpose.SECURITY, username=username)


@pytest.fixture
def last_chain_at_random(monkeypatch):
    """An append that has to wait or to make heads picks a chain at random: here always the last."""
    monkeypatch.setattr(services.secrets, "randbelow", lambda n: n - 1)


@pytest.fixture
def no_heads_yet(db):
    """A database whose chain heads are not made yet (heads are made on first use)."""
    ChainHead.objects.all().delete()


def test_an_entry_by_a_signed_in_user_names_them(officer_a):
    entry = record(officer_a, Action.PERSON_SEARCH, purpose=Purpose.SEARCH, username="ignored")
    assert (entry.actor, entry.actor_username) == (officer_a, "officer_a")


def test_an_entry_by_no_one_signed_in_keeps_the_name_tried_cut_to_the_fields_150_characters(db):
    entry = record(AnonymousUser(), Action.LOGIN_FAILED, purpose=Purpose.SECURITY, username="x" * 151)
    assert entry.actor is None and entry.actor_username == "x" * 150


def test_an_entry_by_no_one_with_no_name_names_no_one(db):
    entry = record(None, Action.SESSION_EXPIRED, purpose=Purpose.SECURITY)
    assert (entry.actor, entry.actor_username) == (None, "")


def test_an_entry_about_a_record_is_filed_under_its_unit(officer_a, make_person):
    person = make_person(officer_a)
    entry = record(officer_a, Action.PERSON_READ, purpose=Purpose.CASE_WORK, obj=person)
    assert (entry.object_type, entry.object_uuid) == ("people.person", person.uuid)
    assert (entry.province_code, entry.commune_code) == ("40", COMMUNE_A)


def test_an_entry_about_nothing_names_no_record_and_no_unit(db):
    entry = _failed_login()
    assert (entry.object_type, entry.object_uuid) == ("", None)
    assert (entry.province_code, entry.commune_code, entry.extra) == ("", "", {})


def test_a_batch_recorded_by_no_one_names_no_one(officer_a, make_person):
    person = make_person(officer_a)
    record_many(None, Action.IMPORT, purpose=Purpose.CASE_WORK, objs=[person, person])
    entries = AuditEntry.objects.filter(action=Action.IMPORT)
    assert [(e.actor_id, e.actor_username) for e in entries] == [(None, ""), (None, "")]


@pytest.mark.parametrize("count", [1, 3])
def test_an_append_takes_the_same_few_queries_for_one_entry_as_for_many(
    officer_a, make_person, django_assert_num_queries, count
):
    """Claim the head, insert every entry at once, move the head (and the savepoint around them):
    every page that shows a record appends to the log."""
    person = make_person(officer_a)
    with django_assert_num_queries(5):
        record_many(officer_a, Action.PERSON_READ, purpose=Purpose.CASE_WORK, objs=[person] * count)


def test_a_refused_access_to_a_record_is_filed_under_the_records_unit(officer_a, officer_b, make_person):
    """So the auditor of commune A sees who from elsewhere tried to reach A's records."""
    person = make_person(officer_a)
    entry = record_denied(
        officer_b, model=Person, row_uuid=person.uuid, purpose=Purpose.SEARCH, extra={"via": "api"}
    )
    assert (entry.action, entry.purpose, entry.actor) == (Action.DENIED, Purpose.SEARCH, officer_b)
    assert (entry.object_type, entry.object_uuid) == ("people.person", person.uuid)
    assert (entry.province_code, entry.commune_code) == ("40", COMMUNE_A)
    assert entry.extra == {"requested": str(person.uuid), "via": "api"}


def test_a_refused_access_to_no_record_names_what_was_asked_for(officer_b):
    asked = uuid.UUID("6c1e9a52-0d3f-4b8e-a7c4-2e5f1b9d8a60")
    entry = record_denied(officer_b, model=Person, row_uuid=asked, purpose=Purpose.SEARCH)
    assert (entry.action, entry.actor, entry.object_uuid) == (Action.DENIED, officer_b, None)
    assert (entry.province_code, entry.commune_code, entry.extra) == ("", "", {"requested": str(asked)})


@pytest.mark.parametrize(("chains", "made_on_postgresql"), [(0, 1), (3, 3)])
def test_an_append_with_no_chain_head_yet_makes_the_heads_and_starts_from_genesis(
    no_heads_yet, settings, last_chain_at_random, chains, made_on_postgresql
):
    """SQLite uses one chain; PostgreSQL AUDIT_CHAINS of them, and at least one."""
    settings.AUDIT_CHAINS = chains
    made = made_on_postgresql if connection.vendor == "postgresql" else 1
    entry = _failed_login()
    assert (entry.chain, entry.seq, entry.prev_hash) == (made, 1, GENESIS)
    heads = sorted(ChainHead.objects.values_list("pk", "seq"))
    assert heads == [(n, 1 if n == made else 0) for n in range(1, made + 1)]
    assert verify_chain() is None


@on_postgresql
def test_on_postgresql_an_append_takes_the_first_chain_no_other_transaction_holds(
    no_heads_yet, settings, last_chain_at_random
):
    """The first append makes the heads and, finding none free, takes one at random (here the
    last); the next takes the first free head, this transaction's own counting as free."""
    settings.AUDIT_CHAINS = 3
    assert [_failed_login().chain for _ in range(3)] == [3, 1, 1]
    assert verify_chain() is None


@contextmanager
def another_transaction_appending(*, for_seconds=30.0):
    """Another connection appends an entry and holds its transaction open, and with it the chain
    head it took, until the block ends or for ``for_seconds``."""
    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                _failed_login()
                held.set()
                release.wait(timeout=for_seconds)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(timeout=30)
        yield
    finally:
        release.set()
        holder.join(timeout=30)


def _append_waiting_at_most_2_seconds():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        return _failed_login()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_append_takes_a_free_chain_rather_than_wait_for_one_held(
    settings, last_chain_at_random
):
    ChainHead.objects.all().delete()
    settings.AUDIT_CHAINS = 3
    assert _failed_login().chain == 3  # made the three heads
    with another_transaction_appending():  # on chain 1, the first free
        entry = _append_waiting_at_most_2_seconds()
    assert (entry.chain, entry.seq) == (2, 1)
    assert verify_chain() is None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_append_finding_every_chain_held_waits_then_makes_the_missing_heads(
    settings, last_chain_at_random
):
    """AUDIT_CHAINS raised from 1 to 3 while chain 1 is held: the append waits for its holder, then
    makes heads 2 and 3 next to the existing one and takes one of them at random (here 3)."""
    ChainHead.objects.all().delete()
    settings.AUDIT_CHAINS = 1
    _failed_login()
    settings.AUDIT_CHAINS = 3
    with another_transaction_appending(for_seconds=0.5):
        entry = _append_waiting_at_most_2_seconds()
    assert (entry.chain, entry.seq) == (3, 1)
    assert sorted(ChainHead.objects.values_list("pk", "seq")) == [(1, 2), (2, 0), (3, 1)]
    assert verify_chain() is None
