"""Encrypted, consistent backups of the whole database (official documents included: they are stored
in it), and their restore into an empty installation.

Format: a magic line, then chunks, each a 4-byte length and a Fernet token (authenticated encryption)
of zlib-compressed JSON lines. The lines are a header (format, time, applied migrations), every row
of every model in dependency order (Django's "jsonl" serialisation), and a manifest with the row
count per model and the SHA-256 of everything before it: a truncated, reordered or altered backup is
refused, not half restored."""

import hashlib
import json
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

MAGIC = b"HOANHAP-BACKUP-1\n"
CHUNK = 1 << 20
# Rebuilt by migrate, or transient: not part of a backup.
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "django_tasks_db.dbtaskresult",
}


def _fernet() -> Fernet:
    if not settings.BACKUP_KEY:
        raise ValidationError("BACKUP_KEY is not set.")
    return Fernet(settings.BACKUP_KEY.encode())


def models_in_order() -> list[type[Model]]:
    app_models = [(config, list(config.get_models())) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_models, allow_cycles=True)
    return [
        m for m in ordered if m._meta.label_lower not in SKIPPED and m._meta.managed and not m._meta.proxy
    ]


class _Writer:
    """Compress, encrypt in chunks, and hash the plaintext as it goes."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.fernet = out, _fernet()
        self.compress = zlib.compressobj(6)
        self.buffer = bytearray()
        self.digest = hashlib.sha256()
        out.write(MAGIC)

    def line(self, text: str, *, hashed: bool = True) -> None:
        data = text.encode() + b"\n"
        if hashed:
            self.digest.update(data)
        self.buffer += self.compress.compress(data)
        if len(self.buffer) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            token = self.fernet.encrypt(bytes(self.buffer))
            self.out.write(struct.pack(">I", len(token)) + token)
            self.buffer = bytearray()

    def close(self) -> None:
        self.buffer += self.compress.flush()
        self._flush()


def write_backup(out: IO[bytes]) -> dict[str, int]:
    """Every row, read in one transaction so that the backup is one consistent moment."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise ValidationError("Run migrate first: this database is behind the code.")
    counts: Counter[str] = Counter()
    writer = _Writer(out)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        applied = sorted(MigrationRecorder(connection).applied_migrations())
        header = {"format": 1, "created_at": timezone.now().isoformat(), "migrations": applied}
        writer.line(json.dumps(header))
        for model in models_in_order():
            label = model._meta.label_lower
            rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
            for text in _serialised(rows):
                writer.line(text)
                counts[label] += 1
    writer.line(
        json.dumps({"manifest": {"counts": counts, "sha256": writer.digest.hexdigest()}}), hashed=False
    )
    writer.close()
    return dict(counts)


def _serialised(rows: Iterator[Model]) -> Iterator[str]:
    batch: list[Model] = []
    for row in rows:
        batch.append(row)
        if len(batch) == 500:
            yield from serializers.serialize("jsonl", batch).splitlines()
            batch = []
    if batch:
        yield from serializers.serialize("jsonl", batch).splitlines()


def read_lines(source: IO[bytes]) -> Iterator[str]:
    if source.read(len(MAGIC)) != MAGIC:
        raise ValidationError("Not a HoaNhap backup.")
    fernet, decompress, pending = _fernet(), zlib.decompressobj(), b""
    while True:
        size_bytes = source.read(4)
        if not size_bytes:
            break
        if len(size_bytes) != 4:
            raise ValidationError("The backup is truncated.")
        token = source.read(struct.unpack(">I", size_bytes)[0])
        try:
            plain = decompress.decompress(fernet.decrypt(token))
        except (InvalidToken, zlib.error) as exc:
            raise ValidationError("The backup cannot be decrypted with BACKUP_KEY, or is damaged.") from exc
        pending += plain
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line.decode()
    pending += decompress.flush()
    if pending.strip():
        yield pending.decode()


def restore(source: IO[bytes]) -> dict[str, int]:
    """Load a backup into an installation that has no data of its own yet (migrated, nothing else).
    One transaction: either every row is in, or none is."""
    from hoanhap.accounts.models import User
    from hoanhap.people.models import Person

    if User.objects.exists() or Person.objects.exists():
        raise ValidationError("Restore only into an empty installation (no users, no people).")
    digest = hashlib.sha256()
    counts: Counter[str] = Counter()
    manifest: dict[str, Any] | None = None
    loaded: set[type[Model]] = set()
    with transaction.atomic():
        lines = read_lines(source)
        header_line = next(lines, "")
        digest.update(header_line.encode() + b"\n")
        header = json.loads(header_line or "{}")
        if header.get("format") != 1:
            raise ValidationError("Unknown backup format.")
        # Only the apps installed here: an app since removed (django.contrib.admin, issue 28) left
        # its migrations recorded in the databases it was installed on, and has no rows to restore.
        installed = {config.label for config in apps.get_app_configs()}
        missing = {tuple(m) for m in header["migrations"] if m[0] in installed} - set(
            MigrationRecorder(connection).applied_migrations()
        )
        if missing:
            raise ValidationError(
                f"Run migrate first: {len(missing)} migrations of the backup are not applied here."
            )
        for line in lines:
            if line.startswith('{"manifest"'):
                manifest = json.loads(line)["manifest"]
                break
            digest.update(line.encode() + b"\n")
            for item in serializers.deserialize("jsonl", line):
                model = type(item.object)
                if model not in loaded:  # rows that migrations seeded are replaced by the backup's
                    model._base_manager.all().delete()
                    loaded.add(model)
                item.save()
                counts[model._meta.label_lower] += 1
        if manifest is None or manifest["sha256"] != digest.hexdigest() or manifest["counts"] != dict(counts):
            raise ValidationError("The backup is incomplete or altered: nothing was restored.")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
                cursor.execute(sql)
    return dict(counts)
