"""The keyed hash chains of the audit log, as pure functions.

Each entry belongs to one chain and carries an HMAC-SHA256, under a key kept outside the
database, of its fields and of the previous entry's MAC in the same chain. Without the key, no
one can write an entry or re-link a chain that verifies: an edited, inserted or deleted entry in
the middle breaks the chain. What the chain alone cannot show is a cut at its end (the last
entries deleted and the head moved back): the chain heads and the signed checkpoints kept outside
the database (``audit.checkpoints``) are checked for that.
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

GENESIS = "0" * 64

CHAINED_FIELDS = (
    "chain",
    "seq",
    "key_id",
    "at",
    "actor_id",
    "actor_username",
    "action",
    "object_type",
    "object_uuid",
    "province_code",
    "commune_code",
    "purpose",
    "ip",
    "extra",
)


def _mac(secret: bytes, label: str, payload: Mapping[str, Any], prev: str = "") -> str:
    canonical = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hmac.new(secret, f"{label}|{prev}|{canonical}".encode(), hashlib.sha256).hexdigest()


def entry_mac(fields: Mapping[str, Any], prev_hash: str, secret: bytes) -> str:
    return _mac(secret, "entry", {name: fields[name] for name in CHAINED_FIELDS}, prev_hash)


def checkpoint_mac(point: Mapping[str, Any], secret: bytes) -> str:
    return _mac(secret, "checkpoint", {k: point.get(k) for k in ("chain", "seq", "hash", "at", "key_id")})


@dataclass(frozen=True)
class Break:
    """Where verification failed: the chain, the sequence number in it, and why."""

    chain: int
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"chain {self.chain}, entry #{self.seq}: {self.reason}"


def first_broken_link(
    rows: Iterable[Mapping[str, Any]], keys: Mapping[str, bytes], *, chain: int
) -> Break | None:
    """The first entry of one chain (``rows`` in sequence order) whose link or MAC fails."""
    expected_prev, expected_seq = GENESIS, 1
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            return Break(chain, expected_seq, "missing")
        if row["prev_hash"] != expected_prev:
            return Break(chain, seq, "link")
        secret = keys.get(row["key_id"])
        if secret is None:
            return Break(chain, seq, "unknown key")
        if not hmac.compare_digest(entry_mac(row, row["prev_hash"], secret), row["hash"]):
            return Break(chain, seq, "altered")
        expected_prev, expected_seq = row["hash"], expected_seq + 1
    return None


def check_chain(
    rows: Iterable[Mapping[str, Any]], keys: Mapping[str, bytes], *, chain: int, head_seq: int, head_hash: str
) -> Break | None:
    """One chain checked from its first entry to its head: links, MACs, and the end at the head."""
    last_seq, last_hash = 0, GENESIS

    def tracked() -> Iterable[Mapping[str, Any]]:
        nonlocal last_seq, last_hash
        for row in rows:
            last_seq, last_hash = int(row["seq"]), row["hash"]
            yield row

    broken = first_broken_link(tracked(), keys, chain=chain)
    if broken is not None:
        return broken
    if last_seq != head_seq:
        return Break(chain, last_seq + 1, "missing")
    if last_hash != head_hash:
        return Break(chain, head_seq, "head")
    return None


def check_checkpoints(
    points: Iterable[Mapping[str, Any]],
    keys: Mapping[str, bytes],
    entry_hashes: Callable[[int, set[int]], Mapping[int, str]],
) -> Break | None:
    """Checkpoints kept outside the database: each must carry a valid MAC and still name an entry
    of the log with the same MAC. Every checkpoint is compared, not only each chain's latest: a
    chain cut back and grown again by later appends agrees with the checkpoints taken since the
    cut, not with those taken before it. ``entry_hashes(chain, seqs)`` gives a chain's MACs at
    those sequence numbers."""
    named: set[tuple[int, int, str]] = set()
    for point in points:
        secret = keys.get(str(point.get("key_id")))
        mac = str(point.get("mac"))  # a missing one reads "None": no MAC
        if secret is None or not hmac.compare_digest(checkpoint_mac(point, secret), mac):
            return Break(_number(point.get("chain")), _number(point.get("seq")), "checkpoint not signed")
        named.add((int(point["chain"]), int(point["seq"]), point["hash"]))
    for chain, group in groupby(sorted(named), key=itemgetter(0)):
        points_of_chain = list(group)
        found = entry_hashes(chain, {seq for _, seq, _ in points_of_chain})
        for _, seq, digest in points_of_chain:
            if seq and found.get(seq) != digest:  # seq 0: the chain had no entries yet
                return Break(chain, seq, "checkpoint")
    return None


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
