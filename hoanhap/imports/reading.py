"""Reading an uploaded list: .xlsx (first sheet) or .csv (UTF-8, with or without BOM; Windows-1258
as a fallback), the header row found among the first rows, values as text or dates."""

import csv
import datetime as dt
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hoanhap.imports.columns import IGNORED, guess

MAX_ROWS = 50_000
HEADER_SCAN = 15

Cell = str | dt.date | None
Row = tuple[int, list[Cell]]  # the row's number in the file (1-based), its cells


def _cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_rows(content: bytes, file_name: str) -> list[Row]:
    name = file_name.lower()
    try:
        if name.endswith(".xlsx"):
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            workbook.close()
        elif name.endswith(".csv"):
            rows = [
                [_cell(v) for v in row]
                for row in csv.reader(io.StringIO(_decode(content)), _dialect(content))
            ]
        else:
            raise ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    except ValidationError:
        raise
    except Exception as exc:  # a corrupt or disguised file: say so, never a 500
        raise ValidationError(_("Không đọc được tệp: tệp hỏng hoặc không đúng định dạng.")) from exc
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if any(v is not None for v in row)]
    if len(numbered) > MAX_ROWS + HEADER_SCAN:
        raise ValidationError(
            _("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return numbered


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Tệp CSV phải theo bảng mã UTF-8."))


def _dialect(content: bytes) -> type[csv.Dialect] | csv.Dialect:
    sample = _decode(content[:4096]) if len(content) > 4096 else _decode(content)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def find_header(rows: list[Row]) -> tuple[int, dict[str, str]]:
    """The row number, among the first rows, whose cells name the most fields; and the mapping it
    suggests (column index as text -> field). Lists often carry a title and the unit above the table."""
    best, best_mapping = rows[0][0] if rows else 0, dict[str, str]()
    for index, row in rows[:HEADER_SCAN]:
        mapping: dict[str, str] = {}
        for column, value in enumerate(row):
            field = guess(value) if isinstance(value, str) else IGNORED
            if field and field not in mapping.values():
                mapping[str(column)] = field
        if len(mapping) > len(best_mapping):
            best, best_mapping = index, mapping
    return best, best_mapping
