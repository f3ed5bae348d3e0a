import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hoanhap.hotline.categories import Category
from hoanhap.hotline.models import Channel, HotspotKind, HotspotStatus, RequestKind
from hoanhap.lib.dates import today
from hoanhap.lib.forms import DATETIME_ERROR, DATETIME_INPUT, date_field


class TipForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kênh"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    category = forms.ChoiceField(label=_("Loại tin"), choices=Category.choices)
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    summary = forms.CharField(label=_("Nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    location = forms.CharField(label=_("Địa điểm liên quan"), max_length=255, required=False)
    reporter_name = forms.CharField(
        label=_("Họ tên người báo tin (nếu cung cấp)"), max_length=120, required=False
    )
    reporter_phone = forms.CharField(label=_("Điện thoại người báo tin"), max_length=20, required=False)
    reporter_address = forms.CharField(label=_("Địa chỉ người báo tin"), max_length=255, required=False)

    def reporter(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "name": data["reporter_name"],
            "phone": data["reporter_phone"],
            "address": data["reporter_address"],
        }


class StepForm(forms.Form):
    action = forms.CharField(label=_("Việc đã làm"), max_length=500)


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("Kết quả xử lý"), max_length=500)


class HotspotForm(forms.Form):
    name = forms.CharField(label=_("Tên, mô tả địa điểm"), max_length=200)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=HotspotKind.choices)


class HotspotChangeForm(forms.Form):
    on = date_field(_("Ngày"), initial=today)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=HotspotStatus.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm người liên quan: họ tên hoặc số định danh"), max_length=120)


def _default_due() -> dt.date:
    return today() + dt.timedelta(days=settings.TIP_REQUEST_DAYS)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Đề nghị"), choices=RequestKind.choices)
    due_on = date_field(_("Hạn thực hiện"), initial=_default_due)
    verified = forms.BooleanField(
        label=_("Tin báo đã được xác minh (bắt buộc khi đề nghị xét nghiệm)"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút đề nghị"), max_length=300)


class CrimeReceiptForm(forms.Form):
    receipt_at = forms.DateTimeField(
        label=_("Thời điểm lập biên bản tiếp nhận"),
        widget=DATETIME_INPUT,
        error_messages={"invalid": DATETIME_ERROR},
    )
    receipt_number = forms.CharField(label=_("Số biên bản (nếu có)"), max_length=50, required=False)


class HandoverForm(forms.Form):
    handed_over_at = forms.DateTimeField(
        label=_("Thời điểm chuyển"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    investigation_body = forms.CharField(label=_("Cơ quan điều tra có thẩm quyền nhận"), max_length=200)
    handover_number = forms.CharField(label=_("Số văn bản chuyển"), max_length=50)
