"""Plans: entered from a JSON description (the seed plans ship as examples), targets cascaded from a
province to its communes, tasks followed with dated progress notes, staff training recorded."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune
from hoanhap.lib.roles import Cap, Level, Role
from hoanhap.programs.models import (
    AwarenessActivity,
    BudgetLine,
    Measure,
    Plan,
    PlanLevel,
    PlanTarget,
    PlanTask,
    TaskNote,
    TaskStatus,
    TrainingCourse,
)
from hoanhap.reports.models import IndicatorDefinition

# The staff whose training the plans count (Dự án 5 MT5: staff working on rehab and aftercare).
STAFF_ROLES = (Role.COMMUNE_POLICE_HEAD, Role.COMMUNE_POLICE, Role.COMMUNE_SOCIAL, Role.COMMUNE_HEALTH)


def _unit_of(actor: User) -> dict[str, Any]:
    if actor.has_cap(Cap.PREPARE_REPORTS) and actor.level is Level.COMMUNE and actor.commune_id:
        return {"level": PlanLevel.COMMUNE, "province_id": actor.province_id, "commune_id": actor.commune_id}
    if actor.has_cap(Cap.REVIEW_REPORTS) and actor.level is Level.PROVINCE and actor.province_id:
        return {"level": PlanLevel.PROVINCE, "province_id": actor.province_id, "commune_id": None}
    raise PermissionDenied


def _date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            {field: _('Ngày "%(v)s" không hợp lệ (dạng yyyy-mm-dd).') % {"v": value}}
        ) from None


def _decimal(value: Any, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _('Giá trị "%(v)s" không phải là số.') % {"v": value}}) from None


def import_plan(actor: User, data: dict[str, Any]) -> Plan:
    """A whole plan, or nothing: every target, task and budget line is checked before any is saved."""
    unit = _unit_of(actor)
    if not isinstance(data, dict) or not str(data.get("title", "")).strip():
        raise ValidationError({"title": _("Kế hoạch phải có tên.")})
    starts, ends = _date(data.get("starts_on"), "starts_on"), _date(data.get("ends_on"), "ends_on")
    if starts is None or ends is None or ends < starts:
        raise ValidationError(
            {"starts_on": _("Cần thời gian thực hiện: từ ngày, đến ngày (sau ngày bắt đầu).")}
        )
    codes = {d.code: d for d in IndicatorDefinition.objects.all()}
    plan = Plan(
        number=str(data.get("number", ""))[:60],
        title=str(data["title"]).strip()[:400],
        issued_on=_date(data.get("issued_on"), "issued_on"),
        starts_on=starts,
        ends_on=ends,
        legal_bases="\n".join(str(b) for b in data.get("legal_bases", [])),
        objectives=str(data.get("objectives", "")),
        created_by=actor,
        **unit,
    )
    targets = []
    for index, item in enumerate(data.get("targets", []), start=1):
        code = item.get("indicator") or None
        if code and code not in codes:
            raise ValidationError(
                {"targets": _('Mục tiêu %(n)s: không có chỉ số "%(c)s".') % {"n": index, "c": code}}
            )
        measure = item.get("measure") or ""
        if measure and (measure not in Measure.values or code):
            raise ValidationError(
                {"targets": _('Mục tiêu %(n)s: cách đo "%(m)s" không hợp lệ.') % {"n": index, "m": measure}}
            )
        targets.append(
            PlanTarget(
                label=str(item.get("label", ""))[:300],
                indicator=codes.get(code) if code else None,
                measure=measure,
                value=_decimal(item.get("value", 0), "targets"),
                unit=str(item.get("unit", "%"))[:20],
            )
        )
    tasks = [
        PlanTask(
            title=str(t.get("title", ""))[:500],
            agency=str(t.get("agency", ""))[:200],
            due_on=_date(t.get("due_on"), "tasks"),
            commune_id=unit["commune_id"],
        )
        for t in data.get("tasks", [])
    ]
    if any(not t.title or not t.agency for t in tasks):
        raise ValidationError({"tasks": _("Mỗi nhiệm vụ cần nội dung và cơ quan chủ trì.")})
    budget = [
        BudgetLine(item=str(b.get("item", ""))[:300], planned=int(b.get("planned", 0)))
        for b in data.get("budget", [])
    ]
    with transaction.atomic():
        plan.save()
        for target in targets:
            target.plan = plan
        for task in tasks:
            task.plan = plan
        for line in budget:
            line.plan = plan
        PlanTarget.objects.bulk_create(targets)
        PlanTask.objects.bulk_create(tasks)
        BudgetLine.objects.bulk_create(budget)
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.SUPERVISION,
            extra={"plan": str(plan.uuid), "step": "import"},
        )
    return plan


def cascade(actor: User, *, target: PlanTarget, mode: str) -> list[PlanTarget]:
    """A province target given to each of its communes: the same value ("copy"), or a count shared
    out evenly ("split"; the remainder goes to the first communes)."""
    plan, unit = target.plan, _unit_of(actor)
    by_the_province = unit["level"] == PlanLevel.PROVINCE and unit["province_id"] == plan.province_id
    if plan.level != PlanLevel.PROVINCE or target.commune_id or not by_the_province:
        raise PermissionDenied
    if target.children.exists():
        raise ValidationError(_("Mục tiêu này đã được giao cho các xã."))
    communes = list(Commune.objects.filter(province_id=plan.province_id).order_by("code"))
    if mode == "split" and target.unit == "%":
        raise ValidationError(_("Tỷ lệ phần trăm không chia được: hãy giao nguyên chỉ tiêu cho các xã."))
    if mode not in ("copy", "split") or not communes:
        raise ValidationError(_("Cách giao chỉ tiêu không hợp lệ."))
    values = [target.value] * len(communes)
    if mode == "split":
        share, rest = divmod(int(target.value), len(communes))
        values = [Decimal(share + (1 if i < rest else 0)) for i in range(len(communes))]
    with transaction.atomic():
        children = PlanTarget.objects.bulk_create(
            PlanTarget(
                plan=plan,
                label=target.label,
                indicator=target.indicator,
                measure=target.measure,
                value=v,
                unit=target.unit,
                commune=c,
                parent=target,
            )
            for c, v in zip(communes, values, strict=True)
        )
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.SUPERVISION,
            extra={"plan": str(plan.uuid), "cascade": mode, "communes": len(children)},
        )
    return children


def note_task(actor: User, *, task: PlanTask, text: str, progress: int, status: str) -> TaskNote:
    unit = _unit_of(actor)
    owns = task.plan.province_id == unit["province_id"] and (
        unit["commune_id"] is None or unit["commune_id"] in (task.commune_id, task.plan.commune_id)
    )
    if not owns:
        raise PermissionDenied
    if not text.strip() or not 0 <= progress <= 100 or status not in TaskStatus.values:
        raise ValidationError(_("Ghi nhận cần nội dung, tiến độ từ 0 đến 100 % và tình trạng."))
    with transaction.atomic():
        note = TaskNote.objects.create(
            task=task, text=text.strip(), progress=progress, status=status, by=actor
        )
        PlanTask.objects.filter(pk=task.pk).update(progress=progress, status=status)
        record(actor, Action.CASE_WRITE, purpose=Purpose.SUPERVISION, extra={"task": str(task.uuid)})
    return note


def staff_trained(
    *, province_id: str, commune_id: str | None, start: dt.date, end: dt.date
) -> tuple[int, int]:
    """(staff of the unit who attended a course that overlaps the period, staff in post)."""
    staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES, province_id=province_id)
    if commune_id:
        staff = staff.filter(commune_id=commune_id)
    courses = TrainingCourse.objects.filter(starts_on__lte=end, ends_on__gte=start)
    trained = staff.filter(Q(trainings__in=courses)).distinct().count()
    return trained, staff.count()


def staff_of(province_id: str | None, commune_id: str | None) -> QuerySet[User]:
    staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES, province_id=province_id)
    return staff.filter(commune_id=commune_id) if commune_id else staff


def record_training(actor: User, *, plan: Plan, data: dict[str, Any]) -> TrainingCourse:
    """A course of the plan's unit; its participants are drawn from the unit's staff list."""
    unit = _unit_of(actor)
    if unit["province_id"] != plan.province_id or (
        unit["commune_id"] and unit["commune_id"] != plan.commune_id
    ):
        raise PermissionDenied
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    allowed = set(staff_of(plan.province_id, plan.commune_id).values_list("pk", flat=True))
    people = list(data.get("participants") or [])
    if any(p.pk not in allowed for p in people):
        raise ValidationError({"participants": _("Chỉ chọn cán bộ của đơn vị.")})
    with transaction.atomic():
        course = TrainingCourse.objects.create(
            plan=plan,
            province_id=str(plan.province_id),
            commune_id=plan.commune_id,
            topic=data["topic"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            organiser=data["organiser"],
            other_participants=data.get("other_participants", ""),
            created_by=actor,
        )
        course.participants.set(people)
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.SUPERVISION,
            extra={"training": str(course.uuid), "participants": len(people)},
        )
    return course


def record_awareness(actor: User, *, plan: Plan, data: dict[str, Any]) -> AwarenessActivity:
    unit = _unit_of(actor)
    if unit["province_id"] != plan.province_id or (
        unit["commune_id"] and unit["commune_id"] != plan.commune_id
    ):
        raise PermissionDenied
    with transaction.atomic():
        activity = AwarenessActivity.objects.create(
            plan=plan, province_id=str(plan.province_id), commune_id=plan.commune_id, created_by=actor, **data
        )
        record(actor, Action.CASE_WRITE, purpose=Purpose.SUPERVISION, extra={"awareness": str(activity.uuid)})
    return activity
