import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hoanhap.lib.dates import today
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.programs import services
from hoanhap.programs.forms import AwarenessForm, TrainingForm
from hoanhap.programs.models import Measure, Plan, PlanTarget, PlanTask, TaskStatus
from hoanhap.reports import indicators
from hoanhap.reports.facts import Period

MAX_PLAN_BYTES = 512 * 1024


def _plans(user):
    if not user.has_cap(Cap.VIEW_REPORTS):
        raise PermissionDenied
    return Plan.objects.visible_to(user)


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    rows = _plans(request.user)
    can_add = request.user.has_cap(Cap.PREPARE_REPORTS) or request.user.has_cap(Cap.REVIEW_REPORTS)
    if request.method == "POST":
        if not can_add:  # before reading the file: a refused role learns nothing from its checks
            raise PermissionDenied
        upload = request.FILES.get("file")
        try:
            if upload is None or upload.size > MAX_PLAN_BYTES:
                raise ValidationError(_("Hãy chọn tệp kế hoạch (.json, tối đa 512 KB)."))
            try:
                data = json.loads(upload.read().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ValidationError(_("Tệp không phải JSON hợp lệ.")) from exc
            plan = services.import_plan(request.user, data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return render(request, "programs/list.html", {"plans": rows}, status=400)
        messages.success(request, _("Đã nhập kế hoạch."))
        return redirect("programs:detail", plan_uuid=plan.uuid)
    return render(request, "programs/list.html", {"plans": rows, "can_add": can_add})


def _record(request, plan: Plan, form, act) -> HttpResponse | None:
    """Save a training or an awareness activity of the plan; None when the form goes back with errors."""
    if not form.is_valid():
        return None
    try:
        act(request.user, plan=plan, data=form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, _("Đã ghi nhận."))
    return redirect("programs:detail", plan_uuid=plan.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, plan_uuid):
    plan = _plans(request.user).filter(uuid=plan_uuid).first()
    if plan is None:
        raise Http404
    staff = services.staff_of(plan.province_id, plan.commune_id)
    training_form = TrainingForm(prefix="tr", staff=staff)
    awareness_form = AwarenessForm(prefix="aw")
    if request.method == "POST" and request.POST.get("form") == "training":
        training_form = TrainingForm(request.POST, prefix="tr", staff=staff)
        if done := _record(request, plan, training_form, services.record_training):
            return done
    elif request.method == "POST" and request.POST.get("form") == "awareness":
        awareness_form = AwarenessForm(request.POST, prefix="aw")
        if done := _record(request, plan, awareness_form, services.record_awareness):
            return done
    elif request.method == "POST":
        try:
            if "cascade" in request.POST:
                target = PlanTarget.objects.filter(plan=plan, pk=request.POST.get("target") or 0).first()
                if target is None:
                    raise Http404
                services.cascade(request.user, target=target, mode=request.POST["cascade"])
            else:
                try:
                    task_uuid = uuid.UUID(request.POST.get("task", ""))
                except ValueError:
                    raise Http404 from None
                task = PlanTask.objects.filter(plan=plan, uuid=task_uuid).first()
                if task is None:
                    raise Http404
                progress = request.POST.get("progress", "")
                services.note_task(
                    request.user,
                    task=task,
                    text=request.POST.get("text", ""),
                    progress=int(progress) if progress.isdigit() else -1,
                    status=request.POST.get("status", ""),
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("programs:detail", plan_uuid=plan.uuid)
    end = min(today(), plan.ends_on)
    period = Period(plan.starts_on, max(end, plan.starts_on))
    scope = indicators.unit_scope(commune_id=plan.commune_id, province_id=plan.province_id)
    trained = services.staff_trained(
        province_id=plan.province_id, commune_id=plan.commune_id, start=plan.starts_on, end=plan.ends_on
    )
    targets = []
    for target in plan.targets.filter(commune__isnull=True).select_related("indicator"):
        value = None
        if target.indicator is not None:
            values = indicators.by_commune(target.indicator, period, scope)
            value = indicators.total(values, target.indicator.kind)
        elif target.measure == Measure.STAFF_TRAINED:
            value = indicators.Value(*trained)
        targets.append(
            {"target": target, "value": value, "children": target.children.select_related("commune")}
        )
    context = {
        "plan": plan,
        "targets": targets,
        "tasks": plan.tasks.prefetch_related("notes"),
        "statuses": TaskStatus.choices,
        "trained": trained,
        "budget": plan.budget.all(),
        "trainings": plan.trainings.all(),
        "awareness": plan.awareness.all(),
        "today": today(),
        "can_cascade": plan.level == "province" and request.user.has_cap(Cap.REVIEW_REPORTS),
        "can_note": request.user.has_cap(Cap.PREPARE_REPORTS) or request.user.has_cap(Cap.REVIEW_REPORTS),
        "training_form": training_form,
        "awareness_form": awareness_form,
    }
    failed = training_form.errors or awareness_form.errors
    return render(request, "programs/detail.html", context, status=400 if failed else 200)
