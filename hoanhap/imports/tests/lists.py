"""Small lists as an officer's spreadsheet saves them as CSV, and the personal IDs their rows carry."""

import csv
import io

from hoanhap.imports import services
from hoanhap.imports.models import ImportBatch


def csv_list(header: list[str], *rows: list[object]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def uploaded(officer, header: list[str], *rows: list[object], name: str = "ds.csv") -> ImportBatch:
    """The list uploaded, its columns mapped as its header names them."""
    return services.upload(officer, file_name=name, content=csv_list(header, *rows))


def checked(officer, header: list[str], *rows: list[object]) -> ImportBatch:
    return services.run_check(uploaded(officer, header, *rows))


def national_id(year: int, serial: int, *, female: bool = False) -> str:
    """A valid ID of someone born in Nghệ An in ``year`` (1900s)."""
    return f"040{int(female)}{year % 100:02d}{serial:06d}"
