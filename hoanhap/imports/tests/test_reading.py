"""The reader's caps: a file costs what the caps allow, never what it claims. Rows are read one at a
time and reading stops at the first cap passed; a workbook's zip is checked before it is opened."""

import pytest
from django.core.exceptions import ValidationError

from hoanhap.imports import reading
from hoanhap.imports.tests.workbooks import numbered_rows, text_row, workbook


def refusal(content: bytes, name: str = "ds.xlsx") -> str:
    with pytest.raises(ValidationError) as refused:
        for _row in reading.iter_rows(content, name):
            pass
    return refused.value.messages[0]


def test_a_million_rows_are_refused_once_the_limit_is_read(parsed_rows):
    """2.6 MB zipped, 31 MB of XML, compressed 12 to 1 like a real sheet: past the zip checks."""
    rows = workbook([text_row(1, "Họ và tên"), *numbered_rows(2, 1_000_000)], dimension="A1:A1000001")
    assert refusal(rows) == "Tệp có quá nhiều dòng (tối đa 50.000)."
    assert parsed_rows[0] == reading.MAX_ROWS + reading.HEADER_SCAN + 1


def test_a_million_formatted_empty_rows_are_refused_once_the_blank_limit_is_read(parsed_rows):
    blank = "".join(f'<row r="{n}" s="1" customFormat="1" ht="15"/>' for n in range(2, 1_000_002))
    rows = workbook([text_row(1, "Họ và tên"), blank], dimension="A1:A1000001")
    assert refusal(rows).startswith("Tệp có quá nhiều dòng trống (tối đa 10.000)")
    assert parsed_rows[0] == reading.MAX_BLANK_ROWS + 2


def test_one_cell_in_the_last_row_is_not_a_million_rows_to_walk():
    """openpyxl yields an empty row for every row number the sheet skips."""
    rows = workbook([text_row(1, "Họ và tên"), text_row(1_048_576, "Lê Văn A")])
    assert refusal(rows).startswith("Tệp có quá nhiều dòng trống")


def test_a_stated_size_neither_pads_rows_nor_adds_them():
    """A1:XFD1048576 would be a million rows of 16,384 cells; the rows are those the sheet holds."""
    rows = workbook([text_row(1, "Họ và tên"), text_row(2, "Lê Văn A")], dimension="A1:XFD1048576")
    assert list(reading.iter_rows(rows, "ds.xlsx")) == [(1, ["Họ và tên"]), (2, ["Lê Văn A"])]


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    monkeypatch.setattr(reading, "load_workbook", lambda *a, **k: pytest.fail("the workbook was opened"))
    bomb = workbook([" " * 2**20] * 100)  # 100 MB of XML in 100 kB
    assert refusal(bomb) == "Tệp Excel khi giải nén quá lớn (tối đa 64 MB)."


def test_a_sheet_compressed_beyond_reason_is_refused_before_openpyxl_opens_it(monkeypatch):
    monkeypatch.setattr(reading, "load_workbook", lambda *a, **k: pytest.fail("the workbook was opened"))
    dense = workbook(['<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000] * 10)  # 9 MB, 500 to 1
    assert refusal(dense).startswith("Tệp Excel bị nén bất thường")


def test_a_row_wider_than_the_cap_is_refused():
    content = ("Họ tên," + ",".join(["x"] * 200) + "\n").encode()
    assert refusal(content, "ds.csv") == "Dòng 1 của tệp có quá nhiều cột (tối đa 200)."


def test_a_formatted_empty_cell_in_the_last_column_adds_no_column():
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="XFD1" s="1"/></row>'
    assert list(reading.iter_rows(workbook([header]), "ds.xlsx")) == [(1, ["Họ và tên"])]


def test_a_cell_longer_than_the_cap_is_refused():
    content = f"Họ tên,Ghi chú\nLê Văn A,{'x' * 2001}\n".encode()
    assert refusal(content, "ds.csv") == "Dòng 2 của tệp có ô dài quá 2.000 ký tự."


def test_a_csv_line_of_a_million_commas_is_refused_before_it_is_split():
    content = b"Ho ten,Nam sinh\n" + b"," * 1_000_000 + b"\n"
    assert refusal(content, "ds.csv") == "Tệp CSV có dòng dài quá 400.000 ký tự."
