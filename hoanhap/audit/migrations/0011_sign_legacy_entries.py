"""Re-sign the entries written before the chain was keyed (issue 24).

Their unkeyed SHA-256 chain is checked first, entry by entry; a broken one stops the migration (to
re-sign a tampered log would launder the tampering: investigate, then restore from a backup). Then
each entry gets the MAC of the keyed chain under the first of ``AUDIT_KEYS``. The hash code is
copied here as it stands today, as migrations must not import the app."""

import datetime as dt
import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64
LEGACY_FIELDS = (
    "seq", "at", "actor_id", "actor_username", "action", "object_type", "object_uuid",
    "province_code", "commune_code", "purpose", "ip", "extra",
)
KEYED_FIELDS = ("chain", "key_id", *LEGACY_FIELDS)
PG_TRIGGER = "audit_entry_no_update"


def _values(entry, names):
    out = {name: getattr(entry, name) for name in names}
    at = out["at"]
    out["at"] = at.astimezone(dt.UTC).isoformat() if isinstance(at, dt.datetime) else at
    out["object_uuid"] = str(out["object_uuid"]) if out["object_uuid"] else None
    return json.dumps(out, sort_keys=True, default=str, ensure_ascii=False)


def _legacy_hash(entry, prev):
    return hashlib.sha256(f"{prev}|{_values(entry, LEGACY_FIELDS)}".encode()).hexdigest()


def _mac(entry, prev, secret):
    message = f"entry|{prev}|{_values(entry, KEYED_FIELDS)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def forward(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ChainHead = apps.get_model("audit", "ChainHead")
    legacy = AuditEntry.objects.filter(key_id="").order_by("seq")
    if not legacy.exists():
        return
    secret = settings.AUDIT_KEYS[0].encode()
    key_id = hashlib.sha256(b"hoanhap-audit-key-id:" + secret).hexdigest()[:8]
    pg = schema_editor.connection.vendor == "postgresql"
    if pg:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {PG_TRIGGER}")
    old_prev, new_prev, expected, batch = GENESIS, GENESIS, 1, []
    for entry in legacy.iterator(chunk_size=2000):
        if entry.seq != expected or entry.prev_hash != old_prev or _legacy_hash(entry, old_prev) != entry.hash:
            raise RuntimeError(
                f"The audit log is broken at entry #{expected} (before keying): "
                "nothing was re-signed. Investigate, and restore from a backup."
            )
        old_prev, expected = entry.hash, expected + 1
        entry.chain, entry.key_id, entry.prev_hash = 1, key_id, new_prev
        entry.hash = new_prev = _mac(entry, new_prev, secret)
        batch.append(entry)
        if len(batch) == 2000:
            AuditEntry.objects.bulk_update(batch, ["chain", "key_id", "prev_hash", "hash"])
            batch = []
    AuditEntry.objects.bulk_update(batch, ["chain", "key_id", "prev_hash", "hash"])
    ChainHead.objects.update_or_create(pk=1, defaults={"seq": expected - 1, "hash": new_prev})
    if pg:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {PG_TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0010_keyed_chains")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
