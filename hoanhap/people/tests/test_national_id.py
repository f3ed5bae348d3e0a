"""Structure of the personal ID number (see people/national_id.py for the source of each rule)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hoanhap.people import national_id
from hoanhap.people.national_id import BIRTH_PROVINCE_CODES


@pytest.mark.parametrize(
    ("number", "year", "sex"),
    [
        ("040090012345", 1990, "male"),  # Nghệ An, 20th century, male, 1990
        ("066105123456", 1905, "female"),  # Đắk Lắk, 20th century, female
        ("001203000001", 2003, "male"),  # Hà Nội, 21st century, male
        ("079308999999", 2008, "female"),  # TP HCM, 21st century, female
    ],
)
def test_valid_numbers_parse_into_birth_year_and_sex(number, year, sex):
    parsed = national_id.parse(number)
    assert (parsed.birth_year, parsed.sex) == (year, sex)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("04009001234", "format"),  # 11 digits
        ("0400900123456", "format"),  # 13 digits
        ("04009001234a", "format"),
        ("003090012345", "province"),  # 003 is not a birth-registration code
        ("097090012345", "province"),
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(number, code):
    with pytest.raises(ValidationError) as exc:
        national_id.parse(number)
    assert exc.value.code == code
    assert exc.value.messages[0]  # a Vietnamese message, not an empty one


def test_number_must_agree_with_birth_year():
    with pytest.raises(ValidationError, match="năm sinh"):
        national_id.validate("040090012345", birth_date=dt.date(1991, 1, 1), birth_year=None, sex="male")


def test_number_must_agree_with_sex():
    with pytest.raises(ValidationError, match="giới tính"):
        national_id.validate("040090012345", birth_date=None, birth_year=1990, sex="female")


def test_mask_shows_only_the_last_three_digits():
    assert national_id.mask("040090012345") == "•••••••••345"


@given(
    province=st.sampled_from(sorted(BIRTH_PROVINCE_CODES)),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    tail=st.integers(0, 999_999),
)
def test_any_well_formed_number_validates_against_its_own_birth_and_sex(province, born, sex, tail):
    century = (born.year // 100 - 19) * 2 + (sex == "female")
    number = f"{province}{century}{born.year % 100:02d}{tail:06d}"
    national_id.validate(number, birth_date=born, birth_year=None, sex=sex)
    assert national_id.parse(number).birth_year == born.year
