"""Spreadsheet output (.xlsx and .csv) with cells guarded against formula injection."""

import csv
import re
from collections.abc import Iterable, Sequence
from io import BytesIO, StringIO
from itertools import chain, islice
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, Promise):  # a translated label
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def workbook_response(
    filename: str, title: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    return sheets_response(filename, [(title, header, rows)])


def sheets_response(
    filename: str, sheets: Iterable[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]]
) -> HttpResponse:
    """A workbook of one sheet per (title, header, rows)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        # Excel refuses these characters in a sheet's name.
        sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31])
        rows = iter(rows)
        first = list(islice(rows, 200))  # columns as wide as their first rows need, within reason
        for index, width in enumerate(_widths([header, *first]), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([str(h) for h in header])
        for row in chain(first, rows):
            sheet.append([safe_cell(v) for v in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _widths(rows: list[Sequence[Any]]) -> list[float]:
    widths: list[float] = []
    for row in rows:
        for index, value in enumerate(row):
            length = min(len(str(value)) if value is not None else 0, 80) + 2
            if index >= len(widths):
                widths.append(8)
            widths[index] = max(widths[index], length)
    return widths


def _csv_cell(value: Any) -> Any:
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}" if not hasattr(value, "hour") else f"{value:%d/%m/%Y %H:%M}"
    return safe_cell(value)


def csv_response(filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """UTF-8 with a byte-order mark (so that Excel reads Vietnamese), dates dd/mm/yyyy, cells guarded."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(
    kind: str, basename: str, title: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """The same table as .xlsx or .csv (``kind``)."""
    if kind == "csv":
        return csv_response(f"{basename}.csv", header, rows)
    return workbook_response(f"{basename}.xlsx", title, header, rows)


def export_kind(request: Any) -> str:
    return "csv" if request.GET.get("format") == "csv" else "xlsx"
