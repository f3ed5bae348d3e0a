from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Role
from hoanhap.lib.dates import today
from hoanhap.lib.forms import date_field
from hoanhap.support.models import Concern, ContactKind, HelperOrganisation, ServiceKind, ServiceStatus


class ContactForm(forms.Form):
    """A visit in a few taps: kind, date (today by default), concerns, a line of notes."""

    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        initial=ContactKind.HOME_VISIT,
    )
    on = date_field(_("Ngày"), initial=today)
    concerns = forms.MultipleChoiceField(
        label=_("Điều cần lưu ý"),
        choices=Concern.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class HelperChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class AssignmentForm(forms.Form):
    helper = HelperChoiceField(label=_("Người giúp đỡ"), queryset=User.objects.none())
    organisation = forms.ChoiceField(label=_("Tổ chức"), choices=HelperOrganisation.choices)
    starts_on = date_field(_("Từ ngày"), initial=today)

    def __init__(self, *args, commune_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        helpers = User.objects.filter(role=Role.HELPER, commune_id=commune_id, is_active=True)
        cast(HelperChoiceField, self.fields["helper"]).queryset = helpers.order_by("last_name", "first_name")


class EndAssignmentForm(forms.Form):
    ends_on = date_field(_("Kết thúc từ ngày"), initial=today)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hỗ trợ"), choices=ServiceKind.choices)
    title = forms.CharField(label=_("Nội dung (khóa học, công việc, mục đích vay...)"), max_length=200)
    provider = forms.CharField(label=_("Đơn vị thực hiện"), max_length=200)
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"), required=False)
    amount = forms.IntegerField(label=_("Số tiền (đồng), nếu vay vốn"), required=False, min_value=0)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ServiceStatus.choices)
    result = forms.CharField(label=_("Kết quả"), max_length=300, required=False)
