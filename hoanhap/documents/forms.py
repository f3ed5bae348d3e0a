from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.forms import date_field


class SignerForm(forms.Form):
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)


class CorrectionForm(forms.Form):
    issued_on = date_field(_("Ngày ban hành quyết định đính chính"))
    reason = forms.CharField(
        label=_("Nội dung đính chính"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)
