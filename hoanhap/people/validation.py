"""Checks on a person's identity that the form and the API share."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hoanhap.lib.dates import today
from hoanhap.people import national_id


def identity_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """Errors by field for the dates and the personal ID in ``data`` (cleaned values)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    born, year, now = data.get("birth_date"), data.get("birth_year"), today()
    if not born and not year:
        add("birth_year", _("Hãy nhập ngày sinh, hoặc ít nhất năm sinh."))
    if born and born > now:
        add("birth_date", _("Ngày sinh không thể ở tương lai."))
    if year and not 1900 <= year <= now.year:
        add("birth_year", _("Năm sinh phải trong khoảng 1900 đến năm hiện tại."))
    if born and year and born.year != year:
        add("birth_year", _("Năm sinh không khớp với ngày sinh."))
    earliest = born or (dt.date(year, 1, 1) if year and 1 <= year <= 9999 else None)
    for name in ("first_use_on", "first_detected_on"):
        value = data.get(name)
        if value and value > now:
            add(name, _("Ngày này không thể ở tương lai."))
        elif value and earliest and value < earliest:
            add(name, _("Ngày này không thể trước ngày sinh."))
    if data.get("national_id") and not errors:
        try:
            national_id.validate(data["national_id"], birth_date=born, birth_year=year, sex=data.get("sex"))
        except ValidationError as exc:
            errors["national_id"] = exc.messages
    return errors
