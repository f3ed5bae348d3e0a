from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.dates import today
from hoanhap.reports.models import ReportKind


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=ReportKind.choices, initial=ReportKind.QUARTERLY)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: today().year)
    number = forms.IntegerField(
        label=_("Kỳ số (quý 1–4, 6 tháng 1–2, năm: 1)"),
        min_value=1,
        max_value=4,
        initial=lambda: (today().month - 1) // 3 + 1,
    )


class AnnotateForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    numerator = forms.IntegerField(label=_("Tử số"), min_value=0)
    denominator = forms.IntegerField(label=_("Mẫu số"), min_value=0, required=False)
    reason = forms.CharField(label=_("Lý do sửa"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)
