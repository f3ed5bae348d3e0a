"""The hash chain: each entry's hash covers its fields and the hash of the entry before it."""

import hashlib
import json
from collections.abc import Iterable
from typing import Any

GENESIS = "0" * 64

CHAINED_FIELDS = (
    "seq",
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


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    canonical = json.dumps(
        {name: fields[name] for name in CHAINED_FIELDS}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(f"{prev_hash}|{canonical}".encode()).hexdigest()


def first_broken_link(rows: Iterable[dict[str, Any]]) -> int | None:
    """Sequence number of the first entry whose hash or link does not check out, or None."""
    expected_prev = GENESIS
    expected_seq = 1
    for row in rows:
        if row["seq"] != expected_seq or row["prev_hash"] != expected_prev:
            return int(row["seq"])
        if entry_hash(row, row["prev_hash"]) != row["hash"]:
            return int(row["seq"])
        expected_prev = row["hash"]
        expected_seq += 1
    return None
