"""Reading an uploaded list: .xlsx (first sheet) or .csv (UTF-8, with or without BOM; Windows-1258
as a fallback), the header row found among the first rows, values as text or dates.

What a file costs to read is bounded by the caps below, never by what the file claims: rows are read
one at a time and reading stops at the first cap passed; a workbook is a zip, and its unzipped size
and compression are checked before any parser sees it."""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hoanhap.imports.columns import IGNORED, guess

MAX_ROWS = 50_000
HEADER_SCAN = 15
# Empty rows cost a read too, and a sheet yields one for every row number it skips: a single cell
# in row 1,048,576 would otherwise be a million rows to walk through.
MAX_BLANK_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELL = 2_000  # characters; the longest field kept is an address of 255
MAX_LINE = MAX_COLUMNS * MAX_CELL  # characters in one line of a CSV, checked before csv splits it
# A 50,000-row list of nine columns saved by openpyxl (the most verbose writer seen: inline strings,
# accents as character references) unzips to 30 MB; lists saved by Excel, to less.
MAX_UNZIPPED = 64 * 1024 * 1024
# The sheets of real lists compress about 10 to 1; a large member compressed beyond 100 to 1 (the
# threshold of Apache POI's zip bomb check) is a bomb, or rows of nothing.
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
MAX_MEMBERS = 1_000
SAMPLE_ROWS = 10

Cell = str | dt.date | None
Row = tuple[int, list[Cell]]  # the row's number in the file (1-based), its cells


@dataclass(frozen=True)
class Head:
    """The first rows of a file: where its header is, what the columns seem to be, the rows shown
    for checking the mapping, and how many data rows there are if the file ended within them."""

    header_row: int
    headers: list[str]
    mapping: dict[str, str]
    sample: list[list[Cell]]
    data_rows: int | None  # None: the file goes on past the rows read


def open_cost(content: bytes, file_name: str) -> int:
    """Bytes parsed before the first row can be read. openpyxl parses a workbook's shared strings,
    and a sheet that does not state its size, in full as it opens the workbook: its unzipped size.
    A CSV is read from its first line: nothing. Refuses a file of another type, and a workbook past
    the zip caps, before any parser sees it."""
    if _kind(file_name) == "csv":
        return 0
    with _readable():
        return _unzipped_size(content)


def iter_rows(content: bytes, file_name: str) -> Generator[Row, None, None]:
    """The non-empty rows, numbered as in the file, read one at a time: a caller that stops reading
    stops the parser. Refused as soon as a cap is passed, and a corrupt or disguised file with a
    message, never with the parser's exception."""
    values = _xlsx_values if _kind(file_name) == "xlsx" else _csv_values
    with _readable():
        yield from _capped(values(content))


def head(content: bytes, file_name: str, *, limit: int) -> Head:
    """The header and the rows after it, reading at most ``limit`` non-empty rows (and one more, to
    know whether the file ends there)."""
    with closing(iter_rows(content, file_name)) as source:
        first = list(islice(source, limit))
        ended = next(source, None) is None
    if not first:
        raise ValidationError(_("Tệp không có dòng nào."))
    header_row, mapping = find_header(first)
    header = next(cells for number, cells in first if number == header_row)
    data = [cells for number, cells in first if number > header_row]
    width = max(len(cells) for _number, cells in first)  # a column may hold data under no header
    return Head(
        header_row=header_row,
        headers=[str(h)[:200] if h is not None else "" for h in header + [None] * (width - len(header))],
        mapping=mapping,
        sample=data[:SAMPLE_ROWS],
        data_rows=len(data) if ended else None,
    )


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


def _kind(file_name: str) -> str:
    name = file_name.lower()
    for kind in ("xlsx", "csv"):
        if name.endswith(f".{kind}"):
            return kind
    raise ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))


@contextmanager
def _readable() -> Iterator[None]:
    try:
        yield
    except ValidationError:
        raise
    except Exception as exc:  # a corrupt or disguised file: say so, never a 500
        raise ValidationError(_("Không đọc được tệp: tệp hỏng hoặc không đúng định dạng.")) from exc


def _unzipped_size(content: bytes) -> int:
    """The sizes are those the zip declares, and they hold: Python's zipfile (which openpyxl reads
    through) stops a member at its declared size, and a member that lies about it fails its CRC."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ValidationError(_("Không đọc được tệp: tệp hỏng hoặc không đúng định dạng."))
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED:
        raise ValidationError(
            _("Tệp Excel khi giải nén quá lớn (tối đa %(n)s MB).") % {"n": MAX_UNZIPPED // 2**20}
        )
    if any(m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * m.compress_size for m in members):
        raise ValidationError(
            _(
                "Tệp Excel bị nén bất thường (có thể là tệp độc hại). Nếu đây là danh sách thật, hãy "
                "xoá các dòng, cột trống rồi lưu lại tệp."
            )
        )
    return total


def _xlsx_values(content: bytes) -> Iterator[Sequence[Any]]:
    _unzipped_size(content)  # again: the worker reads what the request checked, from the database
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # The size a sheet states pads every row to its width and adds empty rows up to its height
        # (a stated A1:XFD1048576 makes a small file a huge one): each row ends at its last cell.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_values(content: bytes) -> Iterator[list[str]]:
    return csv.reader(_lines(_decode(content)), _dialect(content))


def _lines(text: str) -> Iterator[str]:
    """The lines of the text; one longer than any row could be is refused before csv splits it
    (a line of ten million commas would be a list of ten million fields)."""
    stream = io.StringIO(text)
    while line := stream.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE:
            raise ValidationError(_("Tệp CSV có dòng dài quá %(n)s ký tự.") % {"n": _number(MAX_LINE)})
        yield line


def _capped(values: Iterable[Sequence[Any]]) -> Iterator[Row]:
    kept = blank = 0
    for number, raw in enumerate(values, start=1):
        cells = _cells(number, raw)
        if not cells:
            blank += 1
            if blank > MAX_BLANK_ROWS:
                raise ValidationError(
                    _("Tệp có quá nhiều dòng trống (tối đa %(n)s): hãy xoá các dòng trống rồi tải lên lại.")
                    % {"n": _number(MAX_BLANK_ROWS)}
                )
            continue
        kept += 1
        if kept > MAX_ROWS + HEADER_SCAN:
            raise ValidationError(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": _number(MAX_ROWS)})
        yield number, cells


def _cells(number: int, raw: Sequence[Any]) -> list[Cell]:
    """The row's values without its trailing empty cells (none: an empty row). Emptiness and width
    are counted in C before any cell is converted, and by identity with None first (comparing with
    "" costs seven times more): a row may be one formatted empty cell in the sheet's last column,
    16,384 values long."""
    if raw.count(None) == len(raw):
        return []
    if len(raw) > MAX_COLUMNS:
        beyond = raw[MAX_COLUMNS:]
        filled = len(beyond) - beyond.count(None)
        if filled and filled != beyond.count(""):
            raise ValidationError(
                _("Dòng %(row)s của tệp có quá nhiều cột (tối đa %(n)s).") % {"row": number, "n": MAX_COLUMNS}
            )
        raw = raw[:MAX_COLUMNS]
    cells = [_cell(v) for v in raw]
    while cells and cells[-1] is None:
        cells.pop()
    if any(isinstance(v, str) and len(v) > MAX_CELL for v in cells):
        raise ValidationError(
            _("Dòng %(row)s của tệp có ô dài quá %(n)s ký tự.") % {"row": number, "n": _number(MAX_CELL)}
        )
    return cells


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


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


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
