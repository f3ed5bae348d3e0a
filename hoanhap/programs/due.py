"""Tasks of the commune's plans whose deadline has come, in the commune's inbox."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.inbox.items import CHECK_NOTICE, DueItem
from hoanhap.law.services import end_of_day
from hoanhap.lib.compiled import compiled_query
from hoanhap.lib.dates import today
from hoanhap.programs.models import PlanTask, TaskStatus


@compiled_query(commune_id=str, horizon=dt.date)
def _tasks_due(commune_id: str, horizon: dt.date) -> QuerySet:
    return (
        PlanTask.objects.filter(
            Q(commune_id=commune_id) | Q(commune__isnull=True, plan__commune_id=commune_id)
        )
        .filter(due_on__lte=horizon)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .order_by()
        .values_list("title", "due_on", "plan__uuid", "plan__number", "plan__title")
    )


def plan_tasks(commune_id: str) -> list[DueItem]:
    return [
        DueItem(
            "plan_task",
            str(_("Nhiệm vụ kế hoạch: %(t)s") % {"t": title[:120]}),
            None,
            end_of_day(due_on),
            "commune_police",
            f"{plan_number} {plan_title[:80]}".strip(),
            link=reverse("programs:detail", args=[plan_uuid]),
            subject=plan_number or str(_("Kế hoạch")),
        )
        for title, due_on, plan_uuid, plan_number, plan_title in _tasks_due(
            commune_id=commune_id, horizon=today() + CHECK_NOTICE
        )
        if due_on is not None
    ]
