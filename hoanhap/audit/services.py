"""Writing and checking the audit log."""

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model

from hoanhap.audit.chain import CHAINED_FIELDS, GENESIS, entry_hash, first_broken_link
from hoanhap.audit.context import client_ip
from hoanhap.audit.models import Action, AuditEntry, ChainHead, Purpose
from hoanhap.lib.dates import now


def record(
    actor: Any,
    action: Action,
    *,
    purpose: Purpose,
    obj: Model | None = None,
    username: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``obj`` may carry ``uuid``, ``province_id`` and ``commune_id``."""
    (entry,) = _append(actor, action, purpose, [obj], username=username, extra=extra)
    return entry


def record_many(
    actor: Any,
    action: Action,
    *,
    purpose: Purpose,
    objs: Sequence[Model],
    extra: dict[str, Any] | None = None,
) -> int:
    """One entry per object, appended to the chain under one lock and written in one insert (an
    import of thousands of records is audited record by record, without a round trip each)."""
    return len(_append(actor, action, purpose, list(objs), extra=extra))


def _append(
    actor: Any,
    action: Action,
    purpose: Purpose,
    objs: Sequence[Model | None],
    *,
    username: str = "",
    extra: dict[str, Any] | None = None,
) -> list[AuditEntry]:
    """Chain entries for ``objs`` onto the log under the chain head's lock."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    at = now().replace(microsecond=0)
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
        seq, previous, entries = head.seq, head.hash, []
        for obj in objs:
            seq += 1
            fields: dict[str, Any] = {
                "at": at,
                "actor_id": user.pk if user else None,
                "actor_username": user.get_username() if user else username[:150],
                "action": str(action),
                "object_type": obj._meta.label_lower if obj is not None else "",
                "object_uuid": _uuid_of(obj),
                "province_code": str(getattr(obj, "province_id", "") or ""),
                "commune_code": str(getattr(obj, "commune_id", "") or ""),
                "purpose": str(purpose),
                "ip": client_ip.get(),
                "extra": extra or {},
                "seq": seq,
            }
            digest = entry_hash(_hashable(fields), previous)
            entries.append(AuditEntry(prev_hash=previous, hash=digest, **fields))
            previous = digest
        AuditEntry.objects.bulk_create(entries, batch_size=1000)  # returns their keys (SQLite, PostgreSQL)
        ChainHead.objects.filter(pk=1).update(seq=seq, hash=previous)
    return entries


def _uuid_of(obj: Model | None) -> uuid.UUID | None:
    value = getattr(obj, "uuid", None)
    return value if isinstance(value, uuid.UUID) else None


def _hashable(fields: dict[str, Any]) -> dict[str, Any]:
    """Values as they read back from the database, so that the check recomputes the same hash."""
    out = dict(fields)
    at = out["at"]
    out["at"] = at.astimezone(dt.UTC).isoformat() if isinstance(at, dt.datetime) else at
    out["object_uuid"] = str(out["object_uuid"]) if out["object_uuid"] else None
    return out


def verify_chain() -> int | None:
    """Sequence number of the first broken link, or None when the whole chain checks out."""
    rows = (
        _hashable(row)
        for row in AuditEntry.objects.order_by("seq").values("prev_hash", "hash", *CHAINED_FIELDS).iterator()
    )
    return first_broken_link(rows)
