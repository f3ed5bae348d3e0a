from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.lifecycle import Kind, StopReason
from hoanhap.cases.models import CRITERIA, AssessmentTrigger, DrugTest, SubstanceClass
from hoanhap.cases.rehab import (
    STAGES,
    VOLUNTARY_FORMS,
    AftercareEndReason,
    AftercareEvent,
    EpisodeEvent,
    ExitReason,
    RehabForm,
)
from hoanhap.lib.forms import DATETIME_ERROR, DATETIME_INPUT, date_field
from hoanhap.people.models import Substance


class DrugTestForm(forms.ModelForm):
    substances = forms.MultipleChoiceField(
        label=_("Chất phát hiện"),
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DrugTest
        fields = [
            "tested_at",
            "place",
            "reason",
            "sample",
            "testing_body",
            "tester",
            "same_sex_supervision",
            "guardian_consent",
            "result",
            "substances",
            "result_received_at",
        ]
        widgets = {"tested_at": DATETIME_INPUT, "result_received_at": DATETIME_INPUT}
        error_messages = {
            "tested_at": {"invalid": DATETIME_ERROR},
            "result_received_at": {"invalid": DATETIME_ERROR},
        }


class ManagementForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decided_on = date_field(_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)
    team_leader = forms.CharField(label=_("Tổ trưởng tổ quản lý"), max_length=120)
    assigned_helper = forms.CharField(label=_("Người được phân công giúp đỡ trực tiếp"), max_length=120)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sự kiện"))
    on = date_field(_("Ngày"))
    stop_reason = forms.ChoiceField(
        label=_("Lý do dừng (khi dừng quản lý)"),
        required=False,
        choices=[("", "---------"), *StopReason.choices],
    )
    document_number = forms.CharField(label=_("Số văn bản"), max_length=40, required=False)

    def __init__(self, *args, allowed: list[Kind], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]


class AssessmentForm(forms.Form):
    trigger = forms.ChoiceField(label=_("Trường hợp xác định"), choices=AssessmentTrigger.choices)
    requesting_unit = forms.CharField(label=_("Đơn vị đề nghị"), max_length=200)
    health_facility = forms.CharField(label=_("Cơ sở y tế xác định"), max_length=200)
    started_on = date_field(_("Ngày bắt đầu"))
    result_on = date_field(_("Ngày có kết quả"))
    substance_class = forms.ChoiceField(label=_("Nhóm chất"), choices=SubstanceClass.choices)
    criteria = forms.MultipleChoiceField(
        label=_("Tiêu chí có biểu hiện (Thông tư 18/2021/TT-BYT Điều 3)"),
        choices=CRITERIA,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    result_number = forms.CharField(label=_("Số phiếu kết quả"), max_length=40)


class RehabRegistrationForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Hình thức"), choices=[(f.value, f.label) for f in RehabForm if f in VOLUNTARY_FORMS]
    )
    started_on = date_field(_("Ngày lập biên bản tiếp nhận"))
    intake_record_number = forms.CharField(label=_("Số biên bản tiếp nhận"), max_length=40)
    provider = forms.CharField(label=_("Cơ sở, tổ chức cung cấp dịch vụ cai nghiện"), max_length=200)
    guardian_confirmed = forms.BooleanField(
        label=_("Cha, mẹ, người giám hộ đã xác nhận cam kết (người chưa thành niên)"), required=False
    )
    term_months = forms.IntegerField(
        label=_("Thời hạn (tháng), chỉ khi bắt đầu trước 01/07/2026"),
        required=False,
        min_value=1,
        max_value=60,
    )


class RehabEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sự kiện"))
    on = date_field(_("Ngày"))
    stage = forms.TypedChoiceField(
        label=_("Giai đoạn (khi hoàn thành giai đoạn)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "---------"), *STAGES],
    )
    exit_reason = forms.ChoiceField(
        label=_("Lý do chấm dứt (khi chấm dứt trước thời hạn)"),
        required=False,
        choices=[("", "---------"), *ExitReason.choices],
    )
    document_number = forms.CharField(label=_("Số văn bản, giấy chứng nhận"), max_length=40, required=False)

    def __init__(self, *args, allowed: list[EpisodeEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]


class AftercareForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decided_on = date_field(_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Họ tên Chủ tịch UBND xã ký"), max_length=120)
    assigned_helper = forms.CharField(label=_("Tổ chức, cá nhân được giao quản lý, giúp đỡ"), max_length=200)


class AftercareEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sự kiện"))
    on = date_field(_("Ngày"))
    end_reason = forms.ChoiceField(
        label=_("Lý do (khi đưa ra khỏi danh sách)"),
        required=False,
        choices=[("", "---------"), *AftercareEndReason.choices],
    )
    document_number = forms.CharField(label=_("Số văn bản, giấy chứng nhận"), max_length=40, required=False)

    def __init__(self, *args, allowed: list[AftercareEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]
