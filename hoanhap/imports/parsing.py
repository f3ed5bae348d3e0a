"""Values as old lists write them: dates in dd/mm/yyyy and the other common forms, sex in words."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hoanhap.lib.vntext import search_key

_DAY_FIRST = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/\-.](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def birth(value) -> tuple[dt.date | None, int | None]:
    """A birth date, or only a year ("1990", "05/1990"), from a cell."""
    if value is None:
        return None, None
    if isinstance(value, dt.date):
        return value, value.year
    text = str(value).strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _MONTH_YEAR.match(text):
        return None, int(match.group(2))
    elif match := _YEAR.match(text):
        return None, int(match.group(1))
    else:
        raise ValidationError(
            _('Ngày "%(v)s" không đọc được: hãy ghi ngày/tháng/năm, ví dụ 05/09/1990, hoặc chỉ năm sinh.')
            % {"v": text[:30]}
        )
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(_('Ngày "%(v)s" không có thật.') % {"v": text[:30]}) from None
    return day_value, year


SEXES = {"nam": "male", "m": "male", "male": "male", "nu": "female", "f": "female", "female": "female"}


def sex(value) -> str:
    key = search_key(str(value or ""))
    if key not in SEXES:
        raise ValidationError(
            _('Giới tính "%(v)s" không rõ: ghi Nam hoặc Nữ.') % {"v": str(value or "")[:20]}
        )
    return SEXES[key]


def national_id(value) -> str:
    text = re.sub(r"[\s.]", "", str(value or ""))
    if len(text) == 11 and text.isdigit():  # Excel drops the leading zero of a number
        text = "0" + text
    return text
