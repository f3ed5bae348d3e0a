from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hoanhap.geo.models import Commune, Hamlet
from hoanhap.lib.dates import today
from hoanhap.lib.forms import DATE_ERROR, DATE_INPUT, date_field
from hoanhap.lib.vntext import clean
from hoanhap.people.models import DuplicateReview, Person, ReviewKind, ReviewOutcome, Substance
from hoanhap.people.services import PROFILE_FIELDS
from hoanhap.people.validation import identity_errors

ID_FIELD_ERRORS = {"invalid": _("Chỉ nhập 12 chữ số, không có dấu cách.")}


def _id_field(label):
    return forms.RegexField(
        label=label,
        regex=r"^\d{12}$",
        required=False,
        error_messages=ID_FIELD_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 12, "autocomplete": "off"}),
    )


class PersonForm(forms.Form):
    """The profile form (Mẫu 05). Plain Form: the service, not the form, writes the record."""

    national_id = _id_field(_("Số định danh cá nhân (CCCD)"))
    aliases = forms.CharField(
        label=_("Tên gọi khác"),
        required=False,
        widget=forms.TextInput(),
        help_text=_("Nhiều tên cách nhau bằng dấu phẩy."),
    )
    father_id = _id_field(_("Số định danh của cha"))
    mother_id = _id_field(_("Số định danh của mẹ"))
    substances = forms.MultipleChoiceField(
        label=_("Loại ma túy sử dụng"),
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDSETS = (
        (
            _("Nhân thân"),
            (
                "full_name",
                "aliases",
                "birth_date",
                "birth_year",
                "sex",
                "national_id",
                "ethnicity",
                "religion",
                "nationality",
                "education",
                "occupation",
                "workplace",
            ),
        ),
        (
            _("Nơi cư trú"),
            ("hamlet", "current_address", "permanent_address", "temporary_address", "stable_residence"),
        ),
        (
            _("Cha mẹ, người giám hộ"),
            (
                "father_name",
                "father_id",
                "mother_name",
                "mother_id",
                "guardian_name",
                "guardian_relation",
                "guardian_phone",
            ),
        ),
        (_("Liên lạc"), ("phone", "social_account")),
        (
            _("Tiền án, tiền sự"),
            ("has_drug_crime_record", "has_drug_violation_record", "has_other_record", "record_notes"),
        ),
        (
            _("Tình trạng sử dụng ma túy"),
            (
                "substances",
                "route",
                "frequency",
                "dose",
                "first_use_on",
                "first_detected_on",
                "has_psychosis",
                "prior_rehab_count",
                "prior_rehab_notes",
            ),
        ),
    )

    def __init__(self, *args, commune: Commune, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Person,
            fields=[f for f in PROFILE_FIELDS if f not in ("substances",)],
            formfield_callback=self._formfield,
        )
        for name, field in model_fields.items():
            self.fields[name] = field
        self.fields["hamlet"] = forms.ModelChoiceField(
            Hamlet.objects.active().filter(commune=commune),
            required=False,
            to_field_name="uuid",
            label=pgettext_lazy("one hamlet", "Thôn, tổ dân phố"),
        )
        self.order_fields(["full_name", "aliases", "birth_date", "birth_year", "sex", "national_id"])

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    @staticmethod
    def _formfield(model_field, **kwargs):
        field = model_field.formfield(**kwargs)
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 3
        if isinstance(field, forms.DateField):
            field.widget = DATE_INPUT
            field.error_messages["invalid"] = DATE_ERROR
        return field

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        for field, messages in identity_errors(data).items():
            for message in messages:
                self.add_error(field, message)
        data["aliases"] = [clean(a) for a in data.get("aliases", "").split(",") if clean(a)]
        return data


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Họ tên, tên gọi khác hoặc số định danh"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900, max_value=2100)
    hamlet = forms.ModelChoiceField(
        Hamlet.objects.none(),
        label=pgettext_lazy("one hamlet", "Thôn, tổ dân phố"),
        required=False,
        to_field_name="uuid",
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, hamlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hamlets is not None:
            cast(forms.ModelChoiceField, self.fields["hamlet"]).queryset = hamlets


class TransferForm(forms.Form):
    to_commune = forms.ModelChoiceField(
        Commune.objects.active(),
        to_field_name="code",
        label=_("Mã xã, phường chuyển đến"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": _("Ví dụ 17464")}),
        error_messages={"invalid_choice": _("Không có xã, phường đang hoạt động nào mang mã này.")},
    )
    moved_on = date_field(_("Ngày chuyển đến nơi ở mới"))
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)

    def clean_moved_on(self):
        value = self.cleaned_data["moved_on"]
        if value > today():
            raise ValidationError(_("Ngày chuyển không thể ở tương lai."))
        return value


class MergeForm(forms.Form):
    reason = forms.CharField(label=_("Căn cứ xác định là cùng một người"), max_length=255)
    take_from_absorbed = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, conflict_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["take_from_absorbed"]).choices = [
            (f, f) for f in conflict_fields
        ]


class ReviewDecisionForm(forms.Form):
    """A reviewer's decision on a record that matched across units (``people.reviews.resolve``)."""

    outcome = forms.ChoiceField(label=_("Kết luận"), widget=forms.RadioSelect)
    person = forms.ChoiceField(
        label=_("Hồ sơ là của cùng một người"), required=False, widget=forms.RadioSelect
    )
    moved_on = date_field(_("Ngày người này đến sống tại xã đề nghị"), required=False)
    note = forms.CharField(label=_("Ghi chú gửi xã"), max_length=500, required=False, widget=forms.Textarea)

    def __init__(self, *args, review: DuplicateReview, matches: list[Person], **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [ReviewOutcome.TRANSFER]
        allowed.append(ReviewOutcome.DISTINCT if review.kind == ReviewKind.SIMILAR else ReviewOutcome.REFUSE)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [(o.value, o.label) for o in allowed]
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            (str(p.uuid), f"{p.full_name} — {p.commune.label}") for p in matches
        ]
        self.matches = {str(p.uuid): p for p in matches}

    def clean_moved_on(self):
        value = self.cleaned_data["moved_on"]
        if value and value > today():
            raise ValidationError(_("Ngày chuyển không thể ở tương lai."))
        return value

    def chosen_person(self) -> Person | None:
        return self.matches.get(self.cleaned_data.get("person") or "")
