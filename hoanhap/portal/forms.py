from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.hotline.categories import Category
from hoanhap.lib.forms import date_field
from hoanhap.portal.models import InfoPage

PUBLIC_CATEGORIES = [
    (c.value, c.label)
    for c in (Category.COUNSELLING, Category.USE, Category.HOTSPOT, Category.TRADE, Category.OTHER)
]


class Honeypot(forms.Form):
    """A field people never see (hidden by CSS) and robots fill in."""

    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Không gửi được. Vui lòng thử lại."))
        return ""


class RegistrationForm(Honeypot):
    commune = forms.ChoiceField(label=_("Xã, phường nơi cư trú"))
    full_name = forms.CharField(label=_("Họ và tên người đăng ký cai nghiện"), max_length=120)
    birth_date = date_field(_("Ngày sinh"))
    phone = forms.CharField(label=_("Số điện thoại liên hệ"), max_length=20)
    address = forms.CharField(label=_("Nơi cư trú (thôn, xóm, số nhà)"), max_length=255)
    guardian_name = forms.CharField(
        label=_("Họ tên cha, mẹ hoặc người giám hộ (nếu dưới 18 tuổi)"), max_length=120, required=False
    )
    guardian_phone = forms.CharField(
        label=_("Điện thoại cha, mẹ hoặc người giám hộ"), max_length=20, required=False
    )
    commitment = forms.BooleanField(
        label=_("Tôi cam kết thực hiện đúng quy trình cai nghiện tự nguyện tại gia đình, cộng đồng")
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "---------"), *communes]  # type: ignore[attr-defined]


class TipForm(Honeypot):
    commune = forms.ChoiceField(label=_("Xã, phường nơi xảy ra"))
    category = forms.ChoiceField(label=_("Nội dung phản ánh"), choices=PUBLIC_CATEGORIES)
    summary = forms.CharField(label=_("Mô tả"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    location = forms.CharField(label=_("Địa điểm (nếu có)"), max_length=255, required=False)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "---------"), *communes]  # type: ignore[attr-defined]


class StatusForm(Honeypot):
    reference = forms.CharField(label=_("Mã số"), max_length=12)


class InfoPageForm(forms.ModelForm):
    class Meta:
        model = InfoPage
        fields = ["slug", "title", "body", "order", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
