"""The API's filters and query parameters: a list is narrowed only by the filters it declares,
and any other parameter, or a declared one sent empty or twice, is refused (400) rather than
ignored, so that a mistyped filter never answers with the whole unfiltered list."""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.generics import GenericAPIView
from rest_framework.settings import api_settings

from hoanhap.cases.models import DrugTest
from hoanhap.people.models import Person
from hoanhap.reports.models import Report, ReportKind, ReportStatus


class MomentField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment as UTC. Python reads offsets up to ±23:59, PostgreSQL only to about ±15
    (a 500 the API contract test found: ``+23:02``); every real offset is within ±14, and as UTC
    any moment the database can hold is one it accepts."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError as exc:  # e.g. 0001-01-01T00:00+05:00 is before year 1 in UTC
            raise DjangoValidationError(_("Thời điểm ngoài phạm vi cho phép."), code="invalid") from exc


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class PersonFilter(django_filters.FilterSet):
    hamlet = django_filters.UUIDFilter(field_name="hamlet__uuid")
    birth_year = django_filters.NumberFilter()
    updated_after = MomentFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Person
        fields = ["hamlet", "birth_year", "updated_after"]


class FactFilter(django_filters.FilterSet):
    person = django_filters.UUIDFilter(field_name="person__uuid")


class TestFilter(FactFilter):
    tested_after = MomentFilter(field_name="tested_at", lookup_expr="gte")
    result = django_filters.ChoiceFilter(choices=DrugTest._meta.get_field("result").choices)

    class Meta:
        model = DrugTest
        fields = ["person", "tested_after", "result"]


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices)
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    period_from = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")

    class Meta:
        model = Report
        fields = ["kind", "status", "period_from"]


def query_parameters(view: GenericAPIView) -> set[str]:
    """The query parameters an action of ``view`` reads: a list's filters, ordering and page, and
    what the view reads itself (its ``query_serializer``); every action reads DRF's ``format``."""
    names = {api_settings.URL_FORMAT_OVERRIDE or "format"}
    if getattr(view, "action", None) != "list":
        return names
    for backend in (backend_class() for backend_class in view.filter_backends):
        if isinstance(backend, DjangoFilterBackend):
            filterset = backend.get_filterset_class(view)
            names.update(filterset.base_filters if filterset else ())
        elif isinstance(backend, OrderingFilter):
            names.add(backend.ordering_param)
    if view.paginator is not None:
        names.update(p["name"] for p in view.paginator.get_schema_operation_parameters(view))
    query_serializer = getattr(view, "query_serializer", None)
    if query_serializer is not None:
        names.update(query_serializer().fields)
    return names


def check_query(query: QueryDict, known: set[str]) -> None:
    """Refuse a parameter that is unknown, repeated or empty, naming it. Each would otherwise be
    ignored, and a mistyped or empty filter would answer with the whole unfiltered list."""
    errors: dict[str, list[str]] = {}
    for name, values in query.lists():
        if name not in known:
            errors[name] = [
                _("Tham số không được hỗ trợ ở đây. Các tham số được nhận: %(known)s.")
                % {"known": ", ".join(sorted(known))}
            ]
        elif len(values) > 1:
            errors[name] = [_("Tham số chỉ được gửi một lần.")]
        elif not values[0].strip():
            errors[name] = [_("Tham số để trống: bỏ hẳn tham số nếu không lọc theo nó.")]
    if errors:
        raise ValidationError(errors)
