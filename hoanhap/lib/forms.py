"""Putting a service's ValidationError back on the form the user submitted."""

from django import forms
from django.core.exceptions import ValidationError


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
