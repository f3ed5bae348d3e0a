from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.geo.models import Hamlet, HamletKind
from hoanhap.lib.forms import date_field


class HamletForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=HamletKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RetireHamletForm(forms.Form):
    on = date_field(_("Ngày giải thể, sáp nhập"))
    replaced_by = forms.ModelChoiceField(
        Hamlet.objects.none(), label=_("Sáp nhập vào"), required=False, to_field_name="uuid"
    )

    def __init__(self, *args, hamlet: Hamlet, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["replaced_by"])
        field.queryset = Hamlet.objects.active().filter(commune=hamlet.commune_id).exclude(pk=hamlet.pk)
