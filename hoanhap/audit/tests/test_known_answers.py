"""Known answers: the MAC of an entry and of a checkpoint, and the id of a key, as every release has
computed them. A log signed by an earlier release must keep verifying, so a change to what is
signed (a label, a field, the canonical JSON, a separator, the time's format) has to fail here even
where signing and checking would still agree with each other. The expected digests were computed
once with ``hmac`` and ``hashlib`` over the messages spelled out below, not with the app's code."""

import datetime as dt
import hashlib
import hmac
import importlib
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hoanhap.audit import checkpoints, keys
from hoanhap.audit.context import client_ip
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, verify_chain
from hoanhap.people.models import Person

frozen = importlib.import_module("hoanhap.audit.migrations.0011_sign_legacy_entries")

KEY = b"known-answer-audit-key"
KEY_ID = "80b14c51"
# 15:00:00.25 in Hà Nội: the entry is timed to the second, in UTC.
AT = dt.datetime(2026, 11, 1, 15, 0, 0, 250_000, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PERSON_UUID = uuid.UUID("2f1c6a8e-4b7d-4c3a-9e15-6d0b8a7f3c21")

# Label, previous MAC (the genesis of a chain), then the fields as JSON: keys sorted (in ``extra``
# too), ", " and ": " between them, no ASCII escapes.
ENTRY_MESSAGE = (
    "entry|" + "0" * 64 + '|{"action": "person_read", "actor_id": null, "actor_username": "cán bộ trực", '
    '"at": "2026-11-01T08:00:00+00:00", "chain": 1, "commune_code": "17464", '
    '"extra": {"lý do": "tra cứu", "n": 2}, "ip": "203.0.113.7", "key_id": "80b14c51", '
    '"object_type": "people.person", "object_uuid": "2f1c6a8e-4b7d-4c3a-9e15-6d0b8a7f3c21", '
    '"province_code": "40", "purpose": "case_work", "seq": 1}'
)
ENTRY_MAC = "2f0ba2d82903269b46e3215d3436f690f0dcfebd98ed65fd7f100504616ade2f"

# No previous MAC; the chain's number, its last entry's sequence number and MAC, the time, the key.
CHECKPOINT_MESSAGE = (
    'checkpoint||{"at": "2026-11-01T08:00:00+00:00", "chain": 1, '
    '"hash": "2f0ba2d82903269b46e3215d3436f690f0dcfebd98ed65fd7f100504616ade2f", '
    '"key_id": "80b14c51", "seq": 1}'
)
CHECKPOINT_MAC = "400e9ab7569f85bf86d5f726d0ab53c5d1572cbdebb2a607e1deb4ef216fd4b0"


@pytest.fixture
def known_key(settings):
    settings.AUDIT_KEYS = [KEY.decode()]
    keys.reset_caches()
    yield
    keys.reset_caches()


@pytest.fixture
def known_entry(db, known_key):
    """The first entry of a chain, about a person of commune 17464 (province 40), by no one signed
    in, from 203.0.113.7."""
    token = client_ip.set("203.0.113.7")
    try:
        with time_machine.travel(AT, tick=False):
            return record(
                None,
                Action.PERSON_READ,
                purpose=Purpose.CASE_WORK,
                obj=Person(uuid=PERSON_UUID, province_id="40", commune_id="17464"),
                username="cán bộ trực",
                extra={"n": 2, "lý do": "tra cứu"},
            )
    finally:
        client_ip.reset(token)


def test_the_known_answers_follow_from_the_messages_spelled_out():
    digest = hashlib.sha256
    assert hmac.new(KEY, ENTRY_MESSAGE.encode(), digest).hexdigest() == ENTRY_MAC
    assert hmac.new(KEY, CHECKPOINT_MESSAGE.encode(), digest).hexdigest() == CHECKPOINT_MAC
    assert hashlib.sha256(b"hoanhap-audit-key-id:" + KEY).hexdigest()[:8] == KEY_ID


def test_a_key_is_named_by_its_known_id():
    assert keys.key_id(KEY) == KEY_ID


def test_an_entry_is_signed_with_the_known_mac(known_entry):
    assert (known_entry.chain, known_entry.seq, known_entry.key_id) == (1, 1, KEY_ID)
    assert known_entry.prev_hash == "0" * 64
    assert known_entry.hash == ENTRY_MAC
    assert verify_chain() is None


def test_the_migrations_frozen_copy_signs_an_entry_as_the_app_does(known_entry):
    assert frozen._mac(known_entry, "0" * 64, KEY) == ENTRY_MAC


def test_a_checkpoint_is_signed_with_the_known_mac_and_written_as_one_sorted_line(known_entry, tmp_path):
    file = tmp_path / "checkpoints.jsonl"
    with time_machine.travel(AT, tick=False):
        (point,) = checkpoints.publish(file)
    assert point == {
        "chain": 1,
        "seq": 1,
        "hash": ENTRY_MAC,
        "at": "2026-11-01T08:00:00+00:00",
        "key_id": KEY_ID,
        "mac": CHECKPOINT_MAC,
    }
    assert file.read_text(encoding="utf-8") == (
        f'{{"at": "2026-11-01T08:00:00+00:00", "chain": 1, "hash": "{ENTRY_MAC}", '
        f'"key_id": "{KEY_ID}", "mac": "{CHECKPOINT_MAC}", "seq": 1}}\n'
    )


def test_a_checkpoint_written_by_an_earlier_release_still_verifies(known_entry):
    point = json.loads(
        f'{{"at": "2026-11-01T08:00:00+00:00", "chain": 1, "hash": "{ENTRY_MAC}", '
        f'"key_id": "{KEY_ID}", "mac": "{CHECKPOINT_MAC}", "seq": 1}}'
    )
    assert verify_chain([point]) is None
