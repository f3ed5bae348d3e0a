"""Text messages through a pluggable gateway. Carriers' gateways differ by contract; a deployment
names its class in ``SMS_GATEWAY`` (dotted path). The console gateway prints what it would send."""

import sys
from typing import Protocol, TextIO, cast

from django.conf import settings
from django.utils.module_loading import import_string


class SmsGateway(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsGateway:
    """Writes each message to standard output (development, demonstration)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, *, to: str, text: str) -> None:
        self.stream.write(f"[SMS to {to}] {text}\n")


class MemorySmsGateway:
    """Keeps messages in memory (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        MemorySmsGateway.outbox.append((to, text))


def gateway() -> SmsGateway:
    return cast(SmsGateway, import_string(settings.SMS_GATEWAY)())
