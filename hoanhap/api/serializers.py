"""What the API shows and accepts. Reads show codes and uuids, never internal keys; writes go
through the same services as the UI, after the same checks."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hoanhap.cases.models import Aftercare, DrugTest, RehabEpisode, UserManagement
from hoanhap.cases.services.drug_tests import TEST_FIELDS
from hoanhap.hotline.models import Tip
from hoanhap.lib.roles import Cap
from hoanhap.people.models import Person, Sex, StableResidence
from hoanhap.people.selectors import trace_of
from hoanhap.prevention.models import Screening
from hoanhap.programs.models import Measure, Plan, PlanTarget, PlanTask
from hoanhap.reports.models import Report, ReportKind
from hoanhap.support.models import Assignment


def _uuid_of(**kwargs: Any) -> Any:
    """A related row shown by its uuid (never its internal key)."""
    return serializers.SlugRelatedField(slug_field="uuid", read_only=True, **kwargs)


class TransferTraceSerializer(serializers.Serializer):
    moved_on = serializers.DateField()
    to_commune = serializers.CharField(source="to_commune.pk")


# What a trace of a person transferred away shows; every other field is null in it.
TRACE_FIELDS = ("uuid", "full_name", "birth_year")


class PersonSerializer(serializers.ModelSerializer):
    """A person as the API shows it: the personal ID in full only to roles that may see it. A person
    the user's commune transferred away is shown as the same trace as the page
    (``people.selectors.trace_of``): name, birth year and the transfer, every other field null."""

    national_id = serializers.SerializerMethodField()
    province = serializers.CharField(source="province_id", read_only=True, allow_null=True)
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)
    hamlet = _uuid_of(allow_null=True)
    transferred = serializers.SerializerMethodField(
        help_text=_("Chỉ có khi xã của bạn đã chuyển người này đi: khi đó các trường khác để trống.")
    )

    class Meta:
        model = Person
        fields = [
            "uuid",
            "full_name",
            "birth_date",
            "birth_year",
            "sex",
            "national_id",
            "province",
            "commune",
            "hamlet",
            "permanent_address",
            "temporary_address",
            "current_address",
            "stable_residence",
            "phone",
            "version",
            "updated_at",
            "transferred",
        ]
        read_only_fields = fields
        extra_kwargs = {name: {"allow_null": True} for name in fields if name not in TRACE_FIELDS}

    def to_representation(self, instance: Person) -> dict[str, Any]:
        trace = trace_of(self.context["request"].user, instance)
        if trace is None:
            return dict(super().to_representation(instance))
        shown = dict.fromkeys(self.Meta.fields)
        shown.update({name: getattr(trace, name) for name in TRACE_FIELDS})
        shown["uuid"] = str(trace.uuid)
        shown["transferred"] = TransferTraceSerializer(trace).data
        return shown

    @extend_schema_field(serializers.CharField(allow_null=True))  # null in a trace
    def get_national_id(self, person: Person) -> str:
        user = self.context["request"].user
        return person.national_id if user.has_cap(Cap.VIEW_NATIONAL_ID) else person.national_id_masked

    @extend_schema_field(TransferTraceSerializer(allow_null=True))
    def get_transferred(self, person: Person) -> None:
        return None  # a current record; a trace is built in to_representation


class PersonWriteSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=120, min_length=1)
    birth_date = serializers.DateField(required=False, allow_null=True)
    birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900, max_value=2100)
    sex = serializers.ChoiceField(choices=Sex.choices)
    national_id = serializers.RegexField(
        r"^\d{12}$",
        required=False,
        allow_blank=True,
        max_length=12,
        error_messages={"invalid": _("Chỉ nhập 12 chữ số, không có dấu cách.")},
    )
    hamlet = serializers.UUIDField(required=False, allow_null=True)
    permanent_address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    temporary_address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    current_address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    stable_residence = serializers.ChoiceField(choices=StableResidence.choices, required=False)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=120, min_length=1), required=False, max_length=20
    )
    confirm_not_duplicate = serializers.BooleanField(
        required=False, default=False, help_text=_("Đã kiểm tra: không trùng với hồ sơ tương tự.")
    )


class DrugTestSerializer(serializers.ModelSerializer):
    person = _uuid_of()
    commune = serializers.CharField(source="commune_id", read_only=True)

    class Meta:
        model = DrugTest
        fields = ["uuid", "person", "commune", *TEST_FIELDS, "decision_due", "created_at"]
        read_only_fields = fields


class DrugTestWriteSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField()
    substances = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, max_length=20
    )

    class Meta:
        model = DrugTest
        fields = ["person", *TEST_FIELDS]  # what the service takes, nothing else


class _Filed(serializers.ModelSerializer):
    person = _uuid_of()
    commune = serializers.CharField(source="commune_id", read_only=True)
    state = serializers.CharField(read_only=True)


class ManagementSerializer(_Filed):
    class Meta:
        model = UserManagement
        fields = ["uuid", "person", "commune", "decision_number", "decided_on", "ends_on", "regime", "state"]
        read_only_fields = fields


class EpisodeSerializer(_Filed):
    class Meta:
        model = RehabEpisode
        fields = [
            "uuid",
            "person",
            "commune",
            "form",
            "episode_number",
            "started_on",
            "term_months",
            "planned_end",
            "provider",
            "regime",
            "state",
        ]
        read_only_fields = fields


class AftercareSerializer(_Filed):
    class Meta:
        model = Aftercare
        fields = [
            "uuid",
            "person",
            "commune",
            "decision_number",
            "decided_on",
            "starts_on",
            "ends_on",
            "state",
        ]
        read_only_fields = fields


class ScreeningSerializer(serializers.ModelSerializer):
    person = _uuid_of()
    commune = serializers.CharField(source="commune_id", read_only=True)

    class Meta:
        model = Screening
        fields = [
            "uuid",
            "person",
            "commune",
            "screened_on",
            "instrument",
            "highest_band",
            "action",
            "follow_up_due",
        ]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    person = _uuid_of()
    commune = serializers.CharField(source="commune_id", read_only=True)
    helper = serializers.CharField(source="helper.username", read_only=True)

    class Meta:
        model = Assignment
        fields = ["uuid", "person", "commune", "helper", "organisation", "starts_on", "ends_on"]
        read_only_fields = fields


class TipSerializer(serializers.ModelSerializer):
    """A tip without its reporter: the sealed details never leave through the API."""

    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)
    person = _uuid_of(allow_null=True)

    class Meta:
        model = Tip
        fields = [
            "uuid",
            "reference",
            "channel",
            "category",
            "priority",
            "received_at",
            "respond_by",
            "summary",
            "location",
            "commune",
            "status",
            "outcome",
            "closed_at",
            "person",
        ]
        read_only_fields = fields


class ReportSerializer(serializers.ModelSerializer):
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)
    province = serializers.CharField(source="province_id", read_only=True)

    class Meta:
        model = Report
        fields = [
            "uuid",
            "province",
            "commune",
            "kind",
            "period_start",
            "period_end",
            "due_on",
            "status",
            "values",
            "snapshot_sha256",
            "submitted_at",
            "decided_at",
            "return_reason",
            "version",
        ]
        read_only_fields = fields


class IndicatorValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField(allow_null=True)
    percent = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    target = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    direction = serializers.CharField(allow_blank=True)
    meets = serializers.BooleanField(allow_null=True)
    citation = serializers.CharField(help_text="Căn cứ của mục tiêu")


class PeriodQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    number = serializers.IntegerField(min_value=1, max_value=4)


class PlanTargetSerializer(serializers.ModelSerializer):
    indicator: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # Blank when an indicator measures the target, or nothing the system counts (DRF drops allow_blank
    # from a read-only field, and the schema would then refuse "").
    measure = serializers.ChoiceField(choices=Measure.choices, allow_blank=True, read_only=True)
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)

    class Meta:
        model = PlanTarget
        fields = ["label", "indicator", "measure", "value", "unit", "commune"]
        read_only_fields = fields


class PlanTaskSerializer(serializers.ModelSerializer):
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)

    class Meta:
        model = PlanTask
        fields = ["uuid", "title", "agency", "commune", "due_on", "status", "progress"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province_id", read_only=True, allow_null=True)
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)
    targets = PlanTargetSerializer(many=True, read_only=True)
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "uuid",
            "number",
            "title",
            "level",
            "province",
            "commune",
            "issued_on",
            "starts_on",
            "ends_on",
            "legal_bases",
            "objectives",
            "targets",
            "tasks",
        ]
        read_only_fields = fields
