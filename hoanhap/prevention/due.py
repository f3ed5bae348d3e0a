"""Due items the prevention app adds to the commune's inbox: the follow-up after a brief
intervention, until a later screening or a follow-up is recorded."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from hoanhap.inbox.items import CHECK_NOTICE, DueItem, person_item
from hoanhap.law.services import end_of_day
from hoanhap.lib.compiled import compiled_query
from hoanhap.lib.dates import today
from hoanhap.prevention import assist
from hoanhap.prevention.models import Intervention, InterventionKind, Screening


@compiled_query(commune_id=str, horizon=dt.date)
def _unfollowed(commune_id: str, horizon: dt.date) -> QuerySet:
    later_screening = Screening.objects.filter(
        person=OuterRef("person"), screened_on__gt=OuterRef("screened_on")
    )
    followed = Intervention.objects.filter(
        person=OuterRef("person"), kind=InterventionKind.FOLLOW_UP, given_on__gt=OuterRef("screened_on")
    )
    return (
        Screening.objects.filter(commune_id=commune_id, follow_up_due__lte=horizon)
        .exclude(Exists(later_screening))
        .exclude(Exists(followed))
        .order_by()
        .values_list("person_id", "follow_up_due")
    )


def follow_ups(commune_id: str) -> list[DueItem]:
    screenings = _unfollowed(commune_id=commune_id, horizon=today() + CHECK_NOTICE)
    title = str(_("Theo dõi lại sau can thiệp ngắn (ASSIST)"))
    return [
        person_item(
            "screening_follow_up", title, person_id, end_of_day(due), "commune_health", assist.CITATION
        )
        for person_id, due in screenings
        if due is not None
    ]
