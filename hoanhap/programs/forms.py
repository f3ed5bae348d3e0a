from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.lib.forms import date_field
from hoanhap.programs.models import Channel


class TrainingForm(forms.Form):
    topic = forms.CharField(label=_("Chủ đề"), max_length=300)
    starts_on = date_field(_("Từ ngày"))
    ends_on = date_field(_("Đến ngày"))
    organiser = forms.CharField(label=_("Đơn vị tổ chức"), max_length=200)
    participants = forms.ModelMultipleChoiceField(
        User.objects.none(), label=_("Cán bộ tham dự"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_participants = forms.CharField(
        label=_("Người tham dự khác (mỗi dòng một người)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is not None:
            field = self.fields["participants"]
            field.queryset = staff  # type: ignore[attr-defined]
            field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class AwarenessForm(forms.Form):
    held_on = date_field(_("Ngày"))
    channel = forms.ChoiceField(label=_("Hình thức"), choices=Channel.choices)
    audience = forms.CharField(label=_("Đối tượng"), max_length=200)
    reach = forms.IntegerField(label=_("Số lượt người"), min_value=0, max_value=1_000_000)
