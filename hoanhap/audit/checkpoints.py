"""Signed checkpoints of the audit log, kept outside the database.

A checkpoint is each chain's last sequence number and MAC at one moment, itself signed with the
audit key. It is written to the log stream (for the log collector) and appended to a file the
operator ships to another machine (``settings.AUDIT_CHECKPOINT_FILE``). Someone who can write the
database but not the key cannot make the log verify against a checkpoint once entries it covers
are deleted: what was cut after the last checkpoint that left the machine is what cannot be shown.
"""

import json
import logging
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from hoanhap.audit import keys
from hoanhap.audit.chain import checkpoint_mac
from hoanhap.audit.models import ChainHead
from hoanhap.lib.dates import now

logger = logging.getLogger("hoanhap.audit.checkpoint")


def take() -> list[dict[str, Any]]:
    """One signed checkpoint per chain, as the heads stand now."""
    kid, secret = keys.current()
    at = now().replace(microsecond=0).isoformat()
    points = []
    for head in ChainHead.objects.order_by("pk"):
        point: dict[str, Any] = {"chain": head.pk, "seq": head.seq, "hash": head.hash, "at": at}
        point["key_id"] = kid
        point["mac"] = checkpoint_mac(point, secret)
        points.append(point)
    return points


def publish(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Take checkpoints, append them to the checkpoint file (readable by its owner only) and write
    them to the log."""
    points = take()
    target = Path(path or settings.AUDIT_CHECKPOINT_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        for point in points:
            out.write(json.dumps(point, sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())
    for point in points:
        logger.info("audit checkpoint %s", json.dumps(point, sort_keys=True))
    return points


def read(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The checkpoints of a file; a line that is not a checkpoint counts as an unsigned one. Lines
    are read as bytes: one that is not even UTF-8 is a damaged line like any other."""
    target = Path(path or settings.AUDIT_CHECKPOINT_FILE)
    if not target.exists():
        return []
    with target.open("rb") as lines:
        return [_parsed(line) for line in lines if line.strip()]


def _parsed(line: bytes) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:  # UnicodeDecodeError included
        return {}
    return value if isinstance(value, dict) else {}
