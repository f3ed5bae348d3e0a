"""Vietnamese for the DRF field errors our API can answer with, and for the Django form fields and
validators under them (the filters' fields, the ban on null characters). DRF and Django ship only
partial Vietnamese catalogues; the API speaks Vietnamese first, so the missing messages are given
here, through gettext. The API's contract test checks every error it sees is not English."""

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import fields, serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

MESSAGES: dict[type, dict[str, Any]] = {
    fields.Field: {"null": _("Trường này không được để trống (null).")},
    fields.BooleanField: {"invalid": _("Cần giá trị đúng/sai (true/false).")},
    fields.CharField: {
        "invalid": _("Cần một chuỗi ký tự."),
        "max_length": _("Tối đa {max_length} ký tự."),
        "min_length": _("Tối thiểu {min_length} ký tự."),
    },
    fields.RegexField: {"invalid": _("Giá trị không đúng dạng yêu cầu.")},
    fields.IntegerField: {
        "invalid": _("Cần một số nguyên."),
        "max_value": _("Giá trị tối đa là {max_value}."),
        "min_value": _("Giá trị tối thiểu là {min_value}."),
        "max_string_length": _("Giá trị quá dài."),
    },
    fields.ChoiceField: {"invalid_choice": _('"{input}" không phải là lựa chọn hợp lệ.')},
    fields.DateField: {
        "invalid": _("Ngày không đúng định dạng. Dùng một trong các dạng: {format}."),
        "datetime": _("Cần một ngày, không phải ngày giờ."),
    },
    fields.DateTimeField: {
        "invalid": _("Ngày giờ không đúng định dạng. Dùng một trong các dạng: {format}."),
        "date": _("Cần ngày giờ, không phải chỉ ngày."),
        "make_aware": _('Ngày giờ không hợp lệ với múi giờ "{timezone}".'),
        "overflow": _("Ngày giờ ngoài phạm vi."),
    },
    fields.ListField: {
        "not_a_list": _('Cần một danh sách, không phải "{input_type}".'),
        "min_length": _("Cần ít nhất {min_length} phần tử."),
        "max_length": _("Tối đa {max_length} phần tử."),
        "empty": _("Danh sách không được rỗng."),
    },
    fields.DictField: {"not_a_dict": _('Cần một đối tượng, không phải "{input_type}".')},
    fields.UUIDField: {"invalid": _("Cần một UUID hợp lệ.")},
    forms.UUIDField: {"invalid": _("Cần một UUID hợp lệ.")},  # a filter's (django-filter's UUIDFilter)
    serializers.Serializer: {
        "invalid": _("Dữ liệu không hợp lệ: cần một đối tượng JSON, không phải {datatype}.")
    },
}


VALIDATORS: dict[type, Any] = {
    ProhibitNullCharactersValidator: _("Không được có ký tự null (\\x00)."),
    ProhibitSurrogateCharactersValidator: _("Không được có ký tự thay thế (surrogate): U+{code_point:X}."),
}


def install() -> None:
    for cls, messages in MESSAGES.items():
        current = getattr(cls, "default_error_messages", {})
        setattr(cls, "default_error_messages", {**current, **messages})  # noqa: B010
    for validator, message in VALIDATORS.items():
        setattr(validator, "message", message)  # noqa: B010
