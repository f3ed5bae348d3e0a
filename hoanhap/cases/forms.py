from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.criminal import InvestigationAnswer
from hoanhap.cases.dossier import CloseReason, DossierEvent
from hoanhap.cases.lifecycle import Kind, StopReason
from hoanhap.cases.models import CRITERIA, ActivityKind, AssessmentTrigger, DrugTest, SubstanceClass
from hoanhap.cases.monitoring import MonitoringEndReason, MonitoringEvent
from hoanhap.cases.rehab import (
    STAGES,
    VOLUNTARY_FORMS,
    AftercareEndReason,
    AftercareEvent,
    EpisodeEvent,
    ExitReason,
    RehabForm,
    SubstitutionEvent,
)
from hoanhap.cases.services.drug_tests import TEST_FIELDS
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
        fields = list(TEST_FIELDS)  # what the service takes
        widgets = {"tested_at": DATETIME_INPUT, "result_received_at": DATETIME_INPUT}
        error_messages = {
            "tested_at": {"invalid": DATETIME_ERROR},
            "result_received_at": {"invalid": DATETIME_ERROR},
        }


NUMBER_HELP = _("Để trống để cấp số tiếp theo trong sổ đăng ký văn bản của đơn vị.")


class ManagementForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=40, required=False, help_text=NUMBER_HELP
    )
    decided_on = date_field(_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)
    team_leader = forms.CharField(label=_("Tổ trưởng tổ quản lý"), max_length=120)
    assigned_helper = forms.CharField(label=_("Người được phân công giúp đỡ trực tiếp"), max_length=120)
    late_reason = forms.CharField(
        label=_("Lý do ra quyết định sau thời hạn"),
        max_length=300,
        required=False,
        help_text=_("Chỉ ghi khi quyết định ra sau thời hạn; hệ thống vẫn nhận và lưu lại lý do."),
    )


class CriminalHandoverForm(forms.Form):
    handed_over_on = date_field(_("Ngày chuyển"))
    investigation_body = forms.CharField(label=_("Cơ quan điều tra nhận"), max_length=200)
    handover_number = forms.CharField(label=_("Số văn bản chuyển"), max_length=40)


class InvestigationAnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Trả lời"), choices=InvestigationAnswer.choices)
    answered_on = date_field(_("Ngày trả lời"))
    answer_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=40)


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
    note = forms.CharField(label=_("Cơ sở chuyển đến (khi chuyển cơ sở)"), max_length=200, required=False)

    def __init__(self, *args, allowed: list[EpisodeEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]


class AftercareForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=40, required=False, help_text=NUMBER_HELP
    )
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


class DossierForm(forms.Form):
    ground = forms.ChoiceField(label=_("Căn cứ đề nghị"))
    last_violation_on = date_field(_("Ngày vi phạm cuối cùng"))
    opened_on = date_field(_("Ngày bắt đầu lập hồ sơ"))
    pregnant = forms.BooleanField(label=_("Đang mang thai (có xác nhận của cơ sở y tế)"), required=False)
    lacks_capacity = forms.BooleanField(label=_("Không có năng lực trách nhiệm hành chính"), required=False)
    youngest_child_born_on = date_field(
        _("Ngày sinh con nhỏ nhất, nếu một mình nuôi con (UBND xã xác nhận)"), required=False
    )

    def __init__(self, *args, grounds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["ground"]).choices = grounds


class DossierDocumentForm(forms.Form):
    item = forms.ChoiceField(label=_("Loại tài liệu"))
    title = forms.CharField(label=_("Tên, số, ngày của tài liệu"), max_length=200)
    pages = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=500)

    def __init__(self, *args, items: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["item"]).choices = items


class DossierEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bước"))
    on = date_field(_("Ngày"))
    document_number = forms.CharField(
        label=_("Số văn bản"),
        max_length=40,
        required=False,
        help_text=_("Quyết định chuyển hồ sơ: để trống để cấp số theo sổ đăng ký văn bản."),
    )
    note = forms.CharField(label=_("Tòa án, cơ sở, cơ quan ra văn bản"), max_length=200, required=False)
    received_on = date_field(
        _("Ngày người bị đề nghị nhận được thông báo"),
        required=False,
        help_text=_(
            "Khi thông báo: thời hạn đọc hồ sơ tính từ ngày này; để trống nếu nhận ngay ngày thông báo."
        ),
    )
    term_months = forms.IntegerField(
        label=_("Thời hạn theo quyết định của Tòa án (tháng)"), required=False, min_value=1, max_value=60
    )
    close_reason = forms.ChoiceField(
        label=_("Lý do (khi đóng hồ sơ)"), required=False, choices=[("", "---------"), *CloseReason.choices]
    )

    def __init__(self, *args, allowed: list[DossierEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]


class AdmissionForm(forms.Form):
    on = date_field(_("Ngày tiếp nhận vào cơ sở"))
    intake_record_number = forms.CharField(label=_("Số biên bản tiếp nhận"), max_length=40)
    provider = forms.CharField(label=_("Cơ sở cai nghiện bắt buộc"), max_length=200)


class SubstitutionForm(forms.Form):
    clinic = forms.CharField(label=_("Cơ sở điều trị nghiện bằng thuốc thay thế"), max_length=200)
    patient_code = forms.CharField(label=_("Mã số bệnh nhân"), max_length=40)
    enrolled_on = date_field(_("Ngày bắt đầu điều trị"))
    medication = forms.CharField(label=_("Thuốc điều trị"), max_length=40, initial="Methadone")


class SubstitutionEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sự kiện"))
    on = date_field(_("Ngày"))
    document_number = forms.CharField(label=_("Số văn bản"), max_length=40, required=False)

    def __init__(self, *args, allowed: list[SubstitutionEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hoạt động"), choices=ActivityKind.choices)
    on = date_field(_("Ngày"))
    by = forms.CharField(label=_("Người thực hiện"), max_length=120)
    note = forms.CharField(label=_("Kết quả"), max_length=300, required=False)


class MonitoringForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=40, required=False, help_text=NUMBER_HELP
    )
    decided_on = date_field(_("Ngày quyết định"))
    device_id = forms.CharField(label=_("Mã thiết bị giám sát"), max_length=60)
    starts_on = date_field(_("Ngày bắt đầu giám sát (đeo, gắn thiết bị)"))
    ends_on = date_field(
        _("Ngày kết thúc theo quyết định"),
        help_text=_(
            "Chính phủ chưa quy định chi tiết thời hạn giám sát điện tử (Luật 120/2025 Điều 12.4): "
            "ghi thời hạn theo quyết định áp dụng."
        ),
    )


class MonitoringEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sự kiện"))
    on = date_field(_("Ngày"))
    end_reason = forms.ChoiceField(
        label=_("Lý do (khi kết thúc)"),
        required=False,
        choices=[("", "---------"), *MonitoringEndReason.choices],
    )
    device_id = forms.CharField(
        label=_("Mã thiết bị thay thế (khi thay thiết bị)"), max_length=60, required=False
    )
    note = forms.CharField(label=_("Tình trạng, cách khắc phục"), max_length=200, required=False)
    document_number = forms.CharField(label=_("Số văn bản, biên bản"), max_length=40, required=False)

    def __init__(self, *args, allowed: list[MonitoringEvent], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k.value, k.label) for k in allowed]
