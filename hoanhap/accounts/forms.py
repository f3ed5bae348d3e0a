import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.geo.models import Commune, Province


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị vô hiệu hóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực 6 số"),
        regex=r"^\d{6}$",
        error_messages={
            "invalid": _("Mã xác thực gồm đúng 6 chữ số."),
            "required": _("Hãy nhập mã xác thực."),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}
        ),
    )


class SecondFactorForm(forms.Form):
    """A code from the authenticator app, or one of the account's recovery codes."""

    token = forms.CharField(
        label=_("Mã xác thực 6 số, hoặc mã khôi phục"),
        max_length=20,
        error_messages={"required": _("Hãy nhập mã xác thực.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
        if not re.fullmatch(r"\d{6}|[a-z2-7]{8}", token):
            raise forms.ValidationError(
                _("Nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã khôi phục 8 ký tự."), code="invalid"
            )
        return token


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã kích hoạt do quản trị hệ thống cấp"),
        max_length=40,
        error_messages={"required": _("Hãy nhập mã kích hoạt.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, strip=False)
    province = forms.ModelChoiceField(Province.objects.active(), label=_("Tỉnh"), required=False)
    commune = forms.ModelChoiceField(
        Commune.objects.active().select_related("province"),
        label=_("Xã, phường, đặc khu"),
        required=False,
        to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": _("Mã xã, ví dụ 17464")}),
        error_messages={"invalid_choice": _("Không có xã, phường nào mang mã này.")},
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "province",
            "commune",
            "organisation",
        ]
        labels = {"username": _("Tên đăng nhập"), "first_name": _("Tên"), "last_name": _("Họ và tên đệm")}

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("commune"):  # a commune's province follows from the commune
            data["province"] = data["commune"].province
        return data
