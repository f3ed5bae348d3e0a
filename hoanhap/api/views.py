"""The REST API: the UI's scoping, services and audit, behind tokens or the UI's session."""

import uuid as uuidlib
from typing import cast

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import get_for_user, unit_filter
from hoanhap.api import serializers as s
from hoanhap.api.errors import ApiError
from hoanhap.api.filters import (
    FactFilter,
    PersonFilter,
    ReportFilter,
    TestFilter,
    check_query,
    query_parameters,
)
from hoanhap.api.permissions import RoleMay, TokenActions
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.models import Aftercare, DrugTest, RehabEpisode, UserManagement
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.geo.models import Hamlet
from hoanhap.hotline.models import Tip
from hoanhap.lib.numbers import whole_number
from hoanhap.lib.roles import Cap
from hoanhap.people import services as people
from hoanhap.people.models import Person, ReviewSource
from hoanhap.people.selectors import get_person_for_user, is_trace_for, search_people
from hoanhap.people.validation import identity_errors
from hoanhap.prevention.models import Screening
from hoanhap.programs.models import Plan
from hoanhap.reports import indicators
from hoanhap.reports import services as reports
from hoanhap.reports.models import Report
from hoanhap.support.models import Assignment


def _uuid(value: str) -> uuidlib.UUID:
    try:
        return uuidlib.UUID(str(value))
    except ValueError:
        raise NotFound from None


class ApiViewSet(viewsets.GenericViewSet):
    """Every viewset of the API. A query parameter the action does not read, or one it reads sent
    empty or twice, is refused (400) before anything is read: see ``filters.check_query``."""

    # A serializer of the query parameters the view reads itself (the indicators' period).
    query_serializer: type[s.serializers.Serializer] | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query(request.query_params, query_parameters(self))


class ScopedViewSet(ApiViewSet):
    """Lists and single rows of one resource, within the user's unit, every access audited."""

    resource = ""
    required_cap = Cap.VIEW_PEOPLE
    write_cap = Cap.EDIT_PEOPLE
    permission_classes = [IsAuthenticated, TokenActions, RoleMay]
    lookup_field = "uuid"
    lookup_value_regex = "[^/]+"
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, OrderingFilter]

    def audit_list(self, count: int) -> None:
        record(
            self.request.user,
            Action.PERSON_SEARCH,
            purpose=Purpose.CASE_WORK,
            extra={"api": self.resource, "results": count},
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.audit_list(len(page or []))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        return get_for_user(
            self.request.user, self.get_queryset(), self.kwargs["uuid"], extra={"api": self.resource}
        )

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=_('Phiên bản đang sửa, lấy từ ETag khi đọc hồ sơ, ví dụ "3".'),
)
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200, 201], description=_("Phiên bản hồ sơ.")
)


@extend_schema_view(
    retrieve=extend_schema(parameters=[ETAG]),
    create=extend_schema(
        request=s.PersonWriteSerializer, responses={201: s.PersonSerializer}, parameters=[ETAG]
    ),
    partial_update=extend_schema(
        request=s.PersonWriteSerializer(partial=True),
        responses={200: s.PersonSerializer},
        parameters=[IF_MATCH, ETAG],
    ),
)
class PersonViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """People of the user's unit, as in the registry's search (current records only)."""

    resource = "people"
    serializer_class = s.PersonSerializer
    filterset_class = PersonFilter
    ordering_fields = ["search_name", "birth_year", "updated_at"]
    ordering = ["search_name", "pk"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return search_people(self.request.user)

    def get_object(self):
        return get_person_for_user(self.request.user, _uuid(self.kwargs["uuid"]))

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        # A trace is not for editing, and its version would count the new commune's edits.
        headers = {} if is_trace_for(request.user, person) else {"ETag": f'"{person.version}"'}
        return Response(self.get_serializer(person).data, headers=headers)

    def _checked(self, data: dict, *, person: Person | None, commune_id: str) -> dict:
        """The same identity checks as the form, on the merged record for a partial update."""
        merged = {
            name: data.get(name, getattr(person, name) if person else None)
            for name in ("birth_date", "birth_year", "sex", "national_id")
        }
        errors = identity_errors(merged)
        if "hamlet" in data and data["hamlet"] is not None:
            hamlet = Hamlet.objects.active().filter(commune_id=commune_id, uuid=data["hamlet"]).first()
            if hamlet is None:
                errors["hamlet"] = [_("Thôn, tổ dân phố không thuộc xã quản lý hồ sơ.")]
            data["hamlet"] = hamlet
        if errors:
            raise s.serializers.ValidationError(errors)
        return data

    def create(self, request, *args, **kwargs):
        incoming = s.PersonWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        confirm, aliases = data.pop("confirm_not_duplicate", False), data.pop("aliases", [])
        commune = request.user.commune
        if commune is None:
            raise ApiError(status.HTTP_403_FORBIDDEN, "permission_denied", _("Chỉ cán bộ cấp xã tạo hồ sơ."))
        data = self._checked(data, person=None, commune_id=commune.pk)
        person = people.create_person(
            request.user,
            commune=commune,
            data=data,
            aliases=aliases,
            confirm_not_duplicate=confirm,
            source=ReviewSource.API,
        )
        return Response(
            self.get_serializer(person).data,
            status=status.HTTP_201_CREATED,
            headers={"ETag": f'"{person.version}"'},
        )

    def partial_update(self, request, *args, **kwargs):
        person = get_person_for_user(request.user, _uuid(self.kwargs["uuid"]), write=True)
        raw = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
        if not raw:
            raise ApiError(428, "precondition_required", _("Thiếu tiêu đề If-Match (phiên bản đang sửa)."))
        expected = whole_number(raw)
        if expected is None:
            raise ApiError(412, "stale", _("If-Match không khớp phiên bản hiện tại của hồ sơ."))
        incoming = s.PersonWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        data.pop("confirm_not_duplicate", None)
        aliases = data.pop("aliases", None)
        data = self._checked(data, person=person, commune_id=person.commune_id)
        person = people.update_person(
            request.user, person=person, expected_version=expected, data=data, aliases=aliases
        )
        return Response(self.get_serializer(person).data, headers={"ETag": f'"{person.version}"'})


@extend_schema_view(
    create=extend_schema(request=s.DrugTestWriteSerializer, responses={201: s.DrugTestSerializer})
)
class DrugTestViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Body drug tests filed under the user's unit; a new result goes through the same checks and
    deadlines as the form (a positive result starts the clock for the management decision)."""

    resource = "cases"
    serializer_class = s.DrugTestSerializer
    filterset_class = TestFilter
    ordering_fields = ["tested_at"]
    ordering = ["-tested_at", "pk"]

    def get_queryset(self):
        return DrugTest.objects.filter(unit_filter(self.request.user)).select_related("person")

    def create(self, request, *args, **kwargs):
        incoming = s.DrugTestWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        person = get_person_for_user(request.user, data.pop("person"), write=True)
        test = record_drug_test(request.user, person=person, data=data)
        return Response(self.get_serializer(test).data, status=status.HTTP_201_CREATED)


def _read_only(
    model, serializer, *, resource: str, ordering: str, doc: str, related=("person",), prefetch=()
):
    class Filter(FactFilter):
        class Meta:
            fields = ["person"]

    Filter.Meta.model = model  # type: ignore[attr-defined]

    class ViewSet(ScopedViewSet):
        __doc__ = doc
        serializer_class = serializer
        filterset_class = Filter
        ordering_fields = [ordering.lstrip("-")]

        def get_queryset(self):
            rows = model.objects.filter(unit_filter(self.request.user)).select_related(*related)
            return rows.prefetch_related(*prefetch).order_by(ordering, "pk")

    ViewSet.resource = resource
    ViewSet.__name__ = f"{model.__name__}ViewSet"
    return ViewSet


ManagementViewSet = _read_only(
    UserManagement,
    s.ManagementSerializer,
    resource="cases",
    ordering="-decided_on",
    prefetch=("events",),
    doc="Quyết định quản lý người sử dụng trái phép chất ma túy, với tình trạng hiện tại.",
)
EpisodeViewSet = _read_only(
    RehabEpisode,
    s.EpisodeSerializer,
    resource="cases",
    ordering="-started_on",
    prefetch=("events",),
    doc="Các lần cai nghiện (tự nguyện, bắt buộc), với tình trạng hiện tại.",
)
AftercareViewSet = _read_only(
    Aftercare,
    s.AftercareSerializer,
    resource="cases",
    ordering="-decided_on",
    prefetch=("events",),
    doc="Quản lý sau cai nghiện, với tình trạng hiện tại.",
)
ScreeningViewSet = _read_only(
    Screening,
    s.ScreeningSerializer,
    resource="prevention",
    ordering="-screened_on",
    doc="Kết quả sàng lọc ASSIST (điểm và mức nguy cơ, không có câu trả lời chi tiết).",
)
AssignmentViewSet = _read_only(
    Assignment,
    s.AssignmentSerializer,
    resource="support",
    ordering="-starts_on",
    related=("person", "helper"),
    doc="Phân công người giúp đỡ.",
)
TipViewSet = _read_only(
    Tip,
    s.TipSerializer,
    resource="tips",
    ordering="-received_at",
    doc="Tin báo của đơn vị. Thông tin người báo tin không bao giờ có trong API.",
)


class ReportViewSet(ScopedViewSet):
    """Periodic reports of the user's unit (a province sees its communes' and its own roll-up)."""

    resource = "reports"
    required_cap = Cap.VIEW_REPORTS
    serializer_class = s.ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["period_start", "due_on"]
    ordering = ["-period_start", "pk"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Report.objects.none()
        return Report.objects.visible_to(self.request.user)


class IndicatorViewSet(ApiViewSet):
    """Every active indicator, computed live for the user's unit and the period asked for."""

    resource = "reports"
    permission_classes = [IsAuthenticated, TokenActions]
    serializer_class = s.IndicatorValueSerializer
    query_serializer = s.PeriodQuerySerializer
    pagination_class = None

    @extend_schema(
        parameters=[s.PeriodQuerySerializer], responses={200: s.IndicatorValueSerializer(many=True)}
    )
    def list(self, request, *args, **kwargs):
        if not request.user.has_cap(Cap.VIEW_REPORTS):
            raise ApiError(status.HTTP_403_FORBIDDEN, "permission_denied", _("Không có quyền xem chỉ số."))
        query = s.PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            period = reports.period_of(**query.validated_data)
        except DjangoValidationError as exc:
            raise s.serializers.ValidationError({"number": exc.messages}) from exc
        user = request.user
        scope = unit_filter(user, cap=Cap.VIEW_REPORTS)
        rows = [
            {
                "code": d.code,
                "name": d.name,
                "kind": d.kind,
                "numerator": v.numerator,
                "denominator": v.denominator,
                "percent": v.percent,
                "target": d.target,
                "direction": d.direction,
                "meets": v.meets(d),
                "citation": d.source,
            }
            for d, v in indicators.compute(period, scope).values()
        ]
        record(user, Action.PERSON_SEARCH, purpose=Purpose.SUPERVISION, extra={"api": "indicators"})
        return Response(s.IndicatorValueSerializer(rows, many=True).data)


class PlanViewSet(ScopedViewSet):
    """Plans the user's unit may read (a commune also reads its province's), with targets and tasks."""

    resource = "reports"
    required_cap = Cap.VIEW_REPORTS
    serializer_class = s.PlanSerializer
    ordering_fields = ["starts_on"]
    ordering = ["-starts_on", "pk"]
    filter_backends = [OrderingFilter]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Plan.objects.none()
        user = cast(User, self.request.user)
        return Plan.objects.visible_to(user).prefetch_related("targets__indicator", "tasks")
