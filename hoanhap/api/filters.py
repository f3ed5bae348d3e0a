"""The API's filters: what a list may be narrowed by."""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

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
