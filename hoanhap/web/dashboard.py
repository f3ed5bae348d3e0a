"""The dashboard: the report indicators of the user's unit beside its late plan tasks and reports.
It reads two apps (reports, programs), so it lives in the top layer with the home page."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Cap, Level
from hoanhap.programs.models import PlanTask, TaskStatus
from hoanhap.reports import indicators
from hoanhap.reports import services as reports
from hoanhap.reports.facts import Period
from hoanhap.reports.models import IndicatorDefinition


def _quarters(last: Period, count: int) -> list[Period]:
    periods = [last]
    while len(periods) < count:
        start = periods[0].start
        year, quarter = (start.year, (start.month - 1) // 3) if start.month > 3 else (start.year - 1, 4)
        periods.insert(0, reports.period_of("quarterly", year, quarter))
    return periods


@login_required
@require_safe
def dashboard(request):
    """One indicator over the last eight quarters for the user's unit, the communes ranked on the
    latest quarter, and the work that is late; charts with their tables (they print)."""
    if not request.user.has_cap(Cap.VIEW_REPORTS):
        raise PermissionDenied
    ratios = list(IndicatorDefinition.objects.filter(active=True, kind="ratio"))
    if not ratios:
        raise Http404
    chosen = next((d for d in ratios if d.code == request.GET.get("chi_so")), ratios[0])
    now_day = today()
    current = reports.period_of("quarterly", now_day.year, (now_day.month - 1) // 3 + 1)
    scope = unit_filter(request.user, cap=Cap.VIEW_REPORTS)
    trend: list[dict[str, Any]] = []
    for period in _quarters(current, 8):
        value = indicators.total(indicators.by_commune(chosen, period, scope), chosen.kind)
        trend.append({"label": f"Q{(period.start.month - 1) // 3 + 1}/{period.start.year}", "value": value})
    by_commune = indicators.by_commune(chosen, current, scope)
    names = dict(Commune.objects.filter(pk__in=list(by_commune)).values_list("pk", "name"))
    ranking: list[tuple[str, indicators.Value]] = sorted(
        ((names.get(code, code), v) for code, v in by_commune.items() if v.denominator),
        key=lambda item: (-(item[1].percent or 0), item[0]),
    )[:30]
    unit = Q()
    if request.user.level is Level.COMMUNE:
        unit = Q(commune_id=request.user.commune_id) | Q(
            commune__isnull=True, plan__commune_id=request.user.commune_id
        )
    elif request.user.level is Level.PROVINCE:
        unit = Q(plan__province_id=request.user.province_id)
    overdue_tasks = (
        PlanTask.objects.filter(unit, due_on__lt=now_day)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .count()
    )
    late_reports = None
    if request.user.level is Level.PROVINCE and request.user.province_id:
        rows = reports.overview(request.user.province_id, kind="quarterly", period_start=current.start)
        late_reports = sum(1 for row in rows if row["late"])
    target = float(chosen.target) if chosen.target is not None else None
    context = {
        "ratios": ratios,
        "chosen": chosen,
        "trend": trend,
        "ranking": ranking if request.user.level is not Level.COMMUNE else [],
        "overdue_tasks": overdue_tasks,
        "late_reports": late_reports,
        "current": current,
        "trend_data": {
            "name": chosen.name,
            "labels": [row["label"] for row in trend],
            "values": [
                float(row["value"].percent) if row["value"].percent is not None else None for row in trend
            ],
            "target": target,
            "target_label": str(_("Mục tiêu")),
            "max": 100,
        },
        "ranking_data": {
            "name": chosen.name,
            "labels": [name for name, _v in ranking],
            "values": [float(v.percent or 0) for _n, v in ranking],
        },
    }
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.SUPERVISION, extra={"dashboard": chosen.code})
    return render(request, "web/dashboard.html", context)
