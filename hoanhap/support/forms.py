from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.lib.dates import today
from hoanhap.lib.forms import date_field
from hoanhap.lib.roles import Role
from hoanhap.support.models import (
    CheckInKind,
    Concern,
    ContactKind,
    HelperOrganisation,
    Provider,
    ProviderKind,
    ServiceKind,
    ServiceStatus,
)


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


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=ProviderKind.choices)
    in_commune = forms.BooleanField(
        label=_("Thuộc xã này (bỏ trống: phục vụ cả tỉnh)"), required=False, initial=True
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)


class ReferralForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Nơi nhận"), queryset=Provider.objects.none())
    service = forms.ChoiceField(label=_("Dịch vụ"), choices=ServiceKind.choices)
    reason = forms.CharField(label=_("Lý do giới thiệu"), max_length=300)
    sent_on = date_field(_("Ngày gửi"), initial=today)

    def __init__(self, *args, province_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        providers = Provider.objects.filter(province_id=province_id, active=True)
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = providers


class ReferralAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Trả lời"))
    on = date_field(_("Ngày"), initial=today)
    note = forms.CharField(label=_("Ý kiến, kết quả"), max_length=300, required=False)

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [(s.value, s.label) for s in allowed]


class PlanForm(forms.Form):
    starts_on = date_field(_("Từ ngày"), initial=today)
    goals = forms.CharField(label=_("Mục tiêu"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    checkin_days = forms.IntegerField(
        label=_("Gặp, trao đổi định kỳ (số ngày)"), min_value=1, max_value=180, initial=30
    )
    test_days = forms.IntegerField(
        label=_("Xét nghiệm định kỳ (số ngày, để trống nếu không)"),
        min_value=1,
        max_value=365,
        required=False,
    )


class CheckInForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CheckInKind.choices)
    on = date_field(_("Ngày"), initial=today)
    done_by = forms.CharField(label=_("Người thực hiện"), max_length=120)
    outcome = forms.CharField(label=_("Kết quả"), max_length=300, required=False)
