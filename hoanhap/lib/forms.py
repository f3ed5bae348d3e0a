"""Form helpers shared by every app: dd/mm/yyyy date inputs, and service errors put back on forms."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Dates are typed dd/mm/yyyy everywhere (the formats modules accept that first).
DATE_INPUT = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "date"}
)
DATETIME_INPUT = forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"})
DATE_ERROR = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2026.")
DATETIME_ERROR = _("Hãy nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 05/09/2026 14:30.")


def date_field(label: "StrOrPromise", **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, error_messages={"invalid": DATE_ERROR}, **kwargs)


def add_service_errors(
    form: forms.BaseForm, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Errors keyed by a field of the form go under that field; the rest go on top of the form
    (or under ``default_field``, for validators that raise a plain list, such as passwords)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(default_field, exc)
