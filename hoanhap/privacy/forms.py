from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.forms import DATETIME_ERROR, DATETIME_INPUT, date_field
from hoanhap.privacy.models import NoticeChannel, RequestKind, RequestOutcome


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


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Nội dung phản hồi (đã tiếp nhận, thủ tục và thời hạn thực hiện)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Số ngày gia hạn"), min_value=1, max_value=60)
    reason = forms.CharField(
        label=_("Lý do cần gia hạn (đã thông báo cho người yêu cầu)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=RequestOutcome.choices)
    refusal_ground = forms.ChoiceField(label=_("Căn cứ từ chối"), required=False, choices=())
    answer = forms.CharField(
        label=_("Nội dung trả lời (căn cứ, nếu từ chối)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, grounds=(), **kwargs):
        """``grounds``: the grounds of refusal the law in force gives for this kind of request."""
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["refusal_ground"])
        field.choices = [("", "—")] + [(g.code, f"{_(g.description)} ({g.citation})") for g in grounds]


class BreachForm(forms.Form):
    detected_at = forms.DateTimeField(
        label=_("Thời điểm phát hiện"), widget=DATETIME_INPUT, error_messages={"invalid": DATETIME_ERROR}
    )
    occurred_at = forms.DateTimeField(
        label=_("Thời điểm xảy ra (nếu biết)"),
        widget=DATETIME_INPUT,
        required=False,
        error_messages={"invalid": DATETIME_ERROR},
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    description = forms.CharField(
        label=_("Hành vi vi phạm, sự việc"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    parties = forms.CharField(label=_("Tổ chức, cá nhân liên quan"), max_length=255, required=False)
    consequences = forms.CharField(
        label=_("Hậu quả, thiệt hại có thể xảy ra"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
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
    notice_channel = forms.ChoiceField(label=_("Cách gửi"), choices=NoticeChannel.choices)
    late_reason = forms.CharField(
        label=_("Lý do thông báo chậm (nếu sau thời hạn)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecordForm(forms.Form):
    record_reference = forms.CharField(label=_("Số biên bản xác nhận"), max_length=60)
    record_made_on = date_field(_("Ngày lập biên bản"))


class OfficerForm(forms.Form):
    unit_name = forms.CharField(label=_("Bộ phận bảo vệ dữ liệu cá nhân"), max_length=255)
    officer_name = forms.CharField(label=_("Họ và tên nhân sự chịu trách nhiệm"), max_length=120)
    officer_title = forms.CharField(label=_("Chức danh"), max_length=120)
    phone = forms.CharField(label=_("Số điện thoại liên lạc"), max_length=30)
    email = forms.EmailField(label=_("Email"), max_length=120)
    designation = forms.CharField(label=_("Văn bản chỉ định (số, ngày)"), max_length=120)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CloseForm(forms.Form):
    measures = forms.CharField(
        label=_("Biện pháp đã thực hiện"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
