"""The 12-digit personal identification number (số định danh cá nhân).

Structure: 3 digits for the province (or country) of birth registration, 1 digit for century and
sex, 2 digits for the last two digits of the birth year, 6 random digits; province codes 001–096
for the 63 provinces of birth registration. Source: Nghị định 137/2015/NĐ-CP Điều 13 and
Thông tư 07/2016/TT-BCA Điều 7 as summarised by baodantoc.vn (2022) [S: secondary source, the
decree text itself was not retrieved]; the number is kept for life under Luật Căn cước 2023 [M].
Century and sex: 0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th.
The 2025 merger of provinces does not change existing numbers. Country codes for births
registered abroad are not in this table: such numbers are refused until it is added.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

BIRTH_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


class Sex:
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class ParsedId:
    birth_province_code: str
    century_start: int  # 1900, 2000, ...
    sex: str
    birth_year: int


def parse(number: str) -> ParsedId:
    """Split a number into its parts, or raise ValidationError with a Vietnamese message."""
    if len(number) != 12 or not number.isdigit():
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="format")
    province = number[:3]
    if province not in BIRTH_PROVINCE_CODES:
        raise ValidationError(
            _("Ba số đầu (%(code)s) không phải mã tỉnh nơi đăng ký khai sinh."),
            code="province",
            params={"code": province},
        )
    century_digit = int(number[3])
    century_start = 1900 + 100 * (century_digit // 2)
    sex = Sex.MALE if century_digit % 2 == 0 else Sex.FEMALE
    return ParsedId(province, century_start, sex, century_start + int(number[4:6]))


def validate(number: str, *, birth_date: dt.date | None, birth_year: int | None, sex: str | None) -> None:
    """Check the number's own structure and that it agrees with the person's birth and sex."""
    parsed = parse(number)
    errors = []
    year = birth_date.year if birth_date else birth_year
    if year is not None and year != parsed.birth_year:
        errors.append(
            ValidationError(
                _("Số định danh ghi năm sinh %(id_year)s, không khớp với năm sinh %(year)s."),
                code="birth_year",
                params={"id_year": parsed.birth_year, "year": year},
            )
        )
    if sex in (Sex.MALE, Sex.FEMALE) and sex != parsed.sex:
        errors.append(
            ValidationError(_("Chữ số thứ tư của số định danh không khớp với giới tính."), code="sex")
        )
    if errors:
        raise ValidationError(errors)


def mask(number: str) -> str:
    """Show only the last three digits."""
    return "•" * 9 + number[-3:] if number else ""
