import django_filters
from django.utils.translation import gettext_lazy as _

from hoanhap.audit.models import Action, AuditEntry, Purpose
from hoanhap.lib.forms import DATE_INPUT


class AuditFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="actor_username", lookup_expr="iexact", label=_("Tài khoản"))
    person = django_filters.UUIDFilter(field_name="object_uuid", label=_("Mã hồ sơ (UUID)"))
    action = django_filters.ChoiceFilter(choices=Action.choices, label=_("Hành động"))
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, label=_("Mục đích"))
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("Từ ngày"), widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Đến ngày"), widget=DATE_INPUT
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []
