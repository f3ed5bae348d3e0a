from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.law.models import DayKind
from hoanhap.lib.forms import date_field


class OverrideForm(forms.Form):
    regime = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(label=_("Giá trị mới"), max_length=60)
    note = forms.CharField(label=_("Căn cứ (văn bản, điều khoản)"), max_length=255)


class CalendarDayForm(forms.Form):
    date = date_field(_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=DayKind.choices)
    basis = forms.CharField(label=_("Văn bản công bố"), max_length=255)
