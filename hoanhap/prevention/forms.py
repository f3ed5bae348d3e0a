from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.dates import today
from hoanhap.lib.forms import date_field
from hoanhap.prevention import assist
from hoanhap.prevention.models import InterventionKind, RiskGroup, SessionSetting

QUESTIONS = (
    ("q2", _("Q2. Trong 3 tháng qua, bao lâu dùng một lần?"), assist.FREQUENCY),
    ("q3", _("Q3. Thèm muốn hoặc thôi thúc mạnh mẽ muốn dùng?"), assist.FREQUENCY),
    ("q4", _("Q4. Việc dùng dẫn đến vấn đề sức khỏe, xã hội, pháp luật, tài chính?"), assist.FREQUENCY),
    (
        "q5",
        _("Q5. Không làm được những việc thường làm vì đã dùng? (không hỏi với thuốc lá)"),
        assist.FREQUENCY,
    ),
    ("q6", _("Q6. Bạn bè, người thân hay ai khác từng bày tỏ lo lắng?"), assist.EVER),
    ("q7", _("Q7. Đã từng cố gắng giảm hoặc ngừng nhưng không được?"), assist.EVER),
)
NOT_ASKED = [("", "—")]


class ScreeningForm(forms.Form):
    """ASSIST v3.0 as a grid: one row per substance, one column per question. Questions the skip
    logic leaves out stay at "—"; the server checks the skip logic and scores."""

    screened_on = date_field(_("Ngày sàng lọc"))
    screened_by = forms.CharField(label=_("Người sàng lọc"), max_length=120)
    q8 = forms.ChoiceField(
        label=_("Q8. Đã bao giờ tiêm chích ma túy chưa?"),
        choices=NOT_ASKED + list(assist.EVER),
        required=False,
    )
    q8_pattern = forms.ChoiceField(
        label=_("Nếu tiêm chích trong 3 tháng qua: mức độ"),
        choices=NOT_ASKED + list(assist.INJECTING_PATTERN),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in assist.SUBSTANCES:
            self.fields[f"q1_{code}"] = forms.BooleanField(label=label, required=False)
            for question, _text, options in QUESTIONS:
                self.fields[f"{question}_{code}"] = forms.ChoiceField(
                    label=f"{question.upper()} · {label}", choices=NOT_ASKED + list(options), required=False
                )

    def rows(self):
        """(substance label, Q1 field, [Q2..Q7 fields]) for the template grid."""
        return [
            (label, self[f"q1_{code}"], [self[f"{q}_{code}"] for q, _t, _o in QUESTIONS])
            for code, label in assist.SUBSTANCES
        ]

    def answers(self) -> dict:
        data = self.cleaned_data
        result: dict = {"q1": {code: bool(data[f"q1_{code}"]) for code in assist.CODES}}
        for question, _text, _options in QUESTIONS:
            result[question] = {c: data[f"{question}_{c}"] for c in assist.CODES if data[f"{question}_{c}"]}
        if data["q8"]:
            result["q8"] = data["q8"]
        if data["q8_pattern"]:
            result["q8_pattern"] = data["q8_pattern"]
        return result


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=InterventionKind.choices)
    given_on = date_field(_("Ngày"))
    given_by = forms.CharField(label=_("Người thực hiện"), max_length=120)
    notes = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class TagForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Nhóm nguy cơ cao"), queryset=RiskGroup.objects.filter(active=True)
    )
    since = date_field(_("Từ ngày"), initial=today)


class SessionForm(forms.Form):
    held_on = date_field(_("Ngày"), initial=today)
    setting = forms.ChoiceField(label=_("Nơi tổ chức"), choices=SessionSetting.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    topic = forms.CharField(label=_("Chủ đề"), max_length=200)
    run_by = forms.CharField(label=_("Người, đơn vị thực hiện"), max_length=200)
    audience = forms.ModelChoiceField(
        label=_("Đối tượng"), queryset=RiskGroup.objects.filter(active=True), required=False
    )
    attendees = forms.IntegerField(label=_("Số người tham dự"), min_value=1, max_value=100000)


class RiskGroupForm(forms.Form):
    code = forms.SlugField(label=_("Mã (không dấu, không cách)"), max_length=50)
    name = forms.CharField(label=_("Tên nhóm"), max_length=120)
