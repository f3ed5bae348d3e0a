"""Writing and checking the audit log."""

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Model

from hoanhap.audit import keys
from hoanhap.audit.chain import CHAINED_FIELDS, GENESIS, Break, check_chain, check_checkpoints, entry_mac
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


def record_denied(
    actor: Any,
    *,
    model: type[Model],
    row_uuid: uuid.UUID,
    purpose: Purpose,
    extra: dict[str, Any] | None = None,
) -> AuditEntry:
    """A refused access, filed under the unit of the row asked for when it exists (so the auditor of
    that unit sees who tried to reach its records); the user's answer does not depend on it."""
    target = model._default_manager.filter(uuid=row_uuid).first()
    return record(
        actor, Action.DENIED, purpose=purpose, obj=target, extra={"requested": str(row_uuid), **(extra or {})}
    )


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
    """Chain entries for ``objs`` onto one chain, under its head's lock (held to the end of the
    surrounding transaction, so that an entry and the write it records commit together)."""
    user = actor if actor is not None and actor.is_authenticated else None
    at = now().replace(microsecond=0)
    kid, secret = keys.current()
    with transaction.atomic():
        head = _claim_head(_chain_count())
        seq, previous, entries = head.seq, head.hash, []
        for obj in objs:
            seq += 1
            fields: dict[str, Any] = {
                "chain": head.pk,
                "seq": seq,
                "key_id": kid,
                "at": at,
                "actor_id": user.pk if user else None,
                "actor_username": user.get_username() if user else username[:150],
                "action": str(action),
                "object_type": obj._meta.label_lower if obj is not None else "",
                "object_uuid": getattr(obj, "uuid", None),
                "province_code": str(getattr(obj, "province_id", "") or ""),
                "commune_code": str(getattr(obj, "commune_id", "") or ""),
                "purpose": str(purpose),
                "ip": client_ip.get(),
                "extra": extra or {},
            }
            digest = entry_mac(_hashable(fields), previous, secret)
            entries.append(AuditEntry(prev_hash=previous, hash=digest, **fields))
            previous = digest
        AuditEntry.objects.bulk_create(entries, batch_size=1000)  # returns their keys (SQLite, PostgreSQL)
        ChainHead.objects.filter(pk=head.pk).update(seq=seq, hash=previous)
    return entries


def _chain_count() -> int:
    """SQLite serialises every write: one chain is all it can use."""
    return 1 if connection.vendor == "sqlite" else max(1, settings.AUDIT_CHAINS)


def _claim_head(chains: int) -> ChainHead:
    """A chain head locked for this transaction. On PostgreSQL the first head no one else holds (a
    head this transaction already holds counts as free), so parallel writers do not wait on each
    other; only when every head is taken does the append wait, on one head at random. Heads are
    made on first use, so a change of AUDIT_CHAINS needs no migration (making them waits for the
    holders of the heads that exist: once, the first time every head is taken)."""
    heads = ChainHead.objects.filter(pk__lte=chains)
    if connection.vendor == "postgresql":
        free = heads.select_for_update(skip_locked=True).first()
        if free is not None:
            return free
    pick = secrets.randbelow(chains) + 1
    head = heads.select_for_update().filter(pk=pick).first()
    if head is None:
        ChainHead.objects.bulk_create(
            [ChainHead(pk=n, hash=GENESIS) for n in range(1, chains + 1)], ignore_conflicts=True
        )
        head = heads.select_for_update().get(pk=pick)
    return head


def _hashable(fields: dict[str, Any]) -> dict[str, Any]:
    """The time as the MAC reads it, in ISO format in UTC: the same whichever zone the database
    gives it back in (a UUID the MAC reads as its text, as ``str()`` writes it)."""
    return {**fields, "at": fields["at"].astimezone(dt.UTC).isoformat()}


def verify_chain(checkpoints: Iterable[dict[str, Any]] = ()) -> Break | None:
    """The first place where the log fails its checks, or None when everything checks out:
    - every chain, from its first entry to its head, links and carries valid MACs;
    - every chain ends exactly at its head (no entries cut from its end);
    - every checkpoint kept outside the database is signed, and its entry is still in the log
      with the same MAC (no chain cut back and its head moved with it, no log emptied).
    Entries appended while the check runs (beyond the heads read first) wait for the next check."""
    heads = {head.pk: head for head in ChainHead.objects.all()}
    known = keys.by_id()
    for chain in sorted(set(heads) | _chains_in_log()):
        head = heads.get(chain)
        if head is None:
            return Break(chain, 1, "no head")
        rows = (
            _hashable(row)
            for row in AuditEntry.objects.filter(chain=chain, seq__lte=head.seq)
            .order_by("seq")
            .values("prev_hash", "hash", *CHAINED_FIELDS)
            .iterator(chunk_size=5000)
        )
        broken = check_chain(rows, known, chain=chain, head_seq=head.seq, head_hash=head.hash)
        broken = broken or _beyond_head(chain)
        if broken is not None:
            return broken
    return check_checkpoints(checkpoints, known, _entry_hashes)


def _chains_in_log() -> set[int]:
    return set(AuditEntry.objects.order_by().values_list("chain", flat=True).distinct())


def _beyond_head(chain: int) -> Break | None:
    """Entries past the head mean the head was moved back. An append commits its entries and its
    head together, so the head read after the entries is at least as far as they are."""
    last = AuditEntry.objects.filter(chain=chain).aggregate(last=Max("seq"))["last"] or 0
    head_seq = ChainHead.objects.filter(pk=chain).values_list("seq", flat=True).first() or 0
    return Break(chain, head_seq + 1, "past the head") if last > head_seq else None


def _entry_hashes(chain: int, seqs: set[int]) -> dict[int, str]:
    """The MACs of one chain's entries at ``seqs``, in one pass over the chain rather than a query
    for each: the checkpoint file grows by a line per chain every few minutes, for years."""
    rows = AuditEntry.objects.filter(chain=chain).values_list("seq", "hash").iterator()
    return {seq: digest for seq, digest in rows if seq in seqs}
