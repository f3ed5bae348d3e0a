"""Due items the support app adds to the commune's inbox: missed check-ins and tests of
relapse-prevention plans (computed from the plan and what was done, never stored)."""

from django.utils.translation import gettext as _

from hoanhap.cases.rehab import OPEN_AFTERCARE_STATES
from hoanhap.inbox.items import CHECK_NOTICE, DueItem, person_item
from hoanhap.law.services import end_of_day
from hoanhap.lib.dates import today
from hoanhap.support.models import CheckInKind, PreventionPlan

TITLES = {
    CheckInKind.CHECKIN: lambda: _("Gặp, trao đổi theo kế hoạch phòng, chống tái nghiện"),
    CheckInKind.TEST: lambda: _("Xét nghiệm theo kế hoạch phòng, chống tái nghiện"),
}


def plan_items(commune_id: str) -> list[DueItem]:
    """The next check-in and test of each plan in force, from a week ahead; missed ones turn overdue."""
    plans = (
        PreventionPlan.objects.filter(aftercare__commune_id=commune_id)
        .select_related("aftercare")
        .prefetch_related("checkins", "aftercare__events")
    )
    horizon, items = today() + CHECK_NOTICE, []
    for plan in plans:
        if plan.aftercare.state not in OPEN_AFTERCARE_STATES:
            continue
        for kind in CheckInKind:
            due = plan.next_due(kind)
            if due is not None and due <= min(horizon, plan.aftercare.ends_on):
                items.append(
                    person_item(
                        f"plan_{kind.value}",
                        str(TITLES[kind]()),
                        plan.aftercare.person_id,
                        end_of_day(due),
                        "commune_police",
                        "Luật 120/2025 Điều 43",
                        has_deadline=True,
                    )
                )
    return items
