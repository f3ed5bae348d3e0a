"""Tasks of the commune's plans whose deadline has come, in the commune's inbox."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.cases.due import CHECK_NOTICE, DueItem, end_of_day
from hoanhap.lib.dates import today
from hoanhap.programs.models import PlanTask, TaskStatus


def plan_tasks(commune_id: str) -> list[DueItem]:
    tasks = (
        PlanTask.objects.filter(
            Q(commune_id=commune_id) | Q(commune__isnull=True, plan__commune_id=commune_id)
        )
        .filter(due_on__lte=today() + CHECK_NOTICE)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
        .select_related("plan")
    )
    return [
        DueItem(
            "plan_task",
            str(_("Nhiệm vụ kế hoạch: %(t)s") % {"t": t.title[:120]}),
            None,
            end_of_day(t.due_on),
            "commune_police",
            f"{t.plan.number} {t.plan.title[:80]}".strip(),
            link=reverse("programs:detail", args=[t.plan.uuid]),
            subject=t.plan.number or str(_("Kế hoạch")),
        )
        for t in tasks
        if t.due_on is not None
    ]
