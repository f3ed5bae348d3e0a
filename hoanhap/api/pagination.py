"""Pages of a list. A page or page size that is not a positive whole number (or beyond the
maximum) is refused with a 400 naming it, not replaced by the default as DRF would."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from hoanhap.lib.numbers import whole_number


def _positive(raw: str) -> int | None:
    number = whole_number(raw)
    return number if number else None


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _positive(raw)
        if size is None or size > self.max_page_size:
            message = _("Số bản ghi mỗi trang là số nguyên từ 1 đến %(n)s.") % {"n": self.max_page_size}
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def get_page_number(self, request, paginator) -> int | str:
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw in self.last_page_strings:
            return super().get_page_number(request, paginator)
        number = _positive(raw)
        if number is None:
            raise ValidationError({self.page_query_param: [_("Số trang là số nguyên từ 1.")]})
        return number

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
