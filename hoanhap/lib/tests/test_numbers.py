import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.lib.numbers import whole_number


@pytest.mark.parametrize(
    ("text", "number"),
    [("0", 0), ("007", 7), ("500", 500), ("", None), ("-1", None), ("1.5", None), (" 5", None)],
)
def test_ascii_digits_are_a_whole_number_and_nothing_else_is(text, number):
    assert whole_number(text) == number


@pytest.mark.parametrize("text", ["²", "1²", "٣", "１"])  # superscript, Arabic-Indic, full-width digits
def test_digits_of_other_scripts_are_not_a_whole_number(text):
    assert text.isdigit() and whole_number(text) is None


@given(st.integers(min_value=0))
def test_a_number_written_out_reads_back(number):
    assert whole_number(str(number)) == number


@given(st.text())
def test_any_text_is_a_number_only_if_it_is_ascii_digits(text):
    number = whole_number(text)
    assert number is None or (text.isascii() and text.isdigit() and number == int(text))
