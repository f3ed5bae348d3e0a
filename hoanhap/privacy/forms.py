from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.forms import DATETIME_ERROR, DATETIME_INPUT
from hoanhap.privacy.models import RequestKind, RequestOutcome


class RequestForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Thời điểm tiếp nhận"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    kind = forms.ChoiceField(label=_("Nội dung yêu cầu"), choices=RequestKind.choices)
    requester = forms.CharField(label=_("Người yêu cầu"), max_length=120)
    contact = forms.CharField(label=_("Cách liên lạc (điện thoại, địa chỉ)"), max_length=120)
    on_behalf = forms.BooleanField(label=_("Người đại diện, giám hộ yêu cầu thay"), required=False)
    details = forms.CharField(
        label=_("Chi tiết"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    person = forms.UUIDField(widget=forms.HiddenInput, required=False)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=RequestOutcome.choices)
    answer = forms.CharField(
        label=_("Nội dung trả lời (căn cứ, nếu từ chối)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BreachForm(forms.Form):
    detected_at = forms.DateTimeField(
        label=_("Thời điểm phát hiện"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    description = forms.CharField(
        label=_("Sự việc"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    data_affected = forms.CharField(label=_("Loại dữ liệu bị ảnh hưởng"), max_length=255)
    people_affected = forms.IntegerField(
        label=_("Số người bị ảnh hưởng (ước tính)"), min_value=0, max_value=100_000_000, required=False
    )
    may_harm = forms.BooleanField(
        label=_(
            "Có thể gây hại (an ninh, trật tự; tính mạng, sức khỏe, danh dự, tài sản của chủ thể dữ liệu)"
        ),
        required=False,
        initial=True,
    )
    measures = forms.CharField(
        label=_("Biện pháp đã thực hiện"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoticeForm(forms.Form):
    notified_at = forms.DateTimeField(
        label=_("Thời điểm đã thông báo"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    notice_reference = forms.CharField(label=_("Số văn bản thông báo"), max_length=60)


class CloseForm(forms.Form):
    measures = forms.CharField(
        label=_("Biện pháp đã thực hiện"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
