import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.lib.logscrub import scrub
from hoanhap.lib.spreadsheet import safe_cell
from hoanhap.lib.vntext import clean, search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("NGUYỄN  VĂN   ÂN", "nguyen van an"),
        ("Đặng Thị Ánh", "dang thi anh"),
        ("đường", "duong"),
        ("Phường  Buôn Ma Thuột", "phuong buon ma thuot"),
    ],
)
def test_search_key_drops_accents_case_and_extra_spaces(text, key):
    assert search_key(text) == key


def test_search_key_treats_decomposed_and_composed_text_alike():
    composed = "Nguyễn Thị Hằng"
    assert search_key(unicodedata.normalize("NFD", composed)) == search_key(composed) == "nguyen thi hang"


def test_clean_composes_to_nfc():
    assert clean(unicodedata.normalize("NFD", " Lê  Thị ")) == unicodedata.normalize("NFC", "Lê Thị")


VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy ĐÀàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)


@given(st.text(alphabet=VIETNAMESE_LETTERS))
def test_search_key_is_ascii_and_idempotent_for_vietnamese_text(text):
    key = search_key(text)
    assert key.isascii()
    assert search_key(key) == key


def test_scrub_hides_identifier_numbers_and_query_strings():
    line = "POST /ho-so/?q=nguyen 200 id 040090012345 phone 0912345678"
    out = scrub(line)
    assert "040090012345" not in out and "0912345678" not in out and "nguyen" not in out


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)"])
def test_formula_like_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_are_left_alone():
    assert safe_cell("Nguyễn Văn An") == "Nguyễn Văn An"
    assert safe_cell(1990) == 1990
