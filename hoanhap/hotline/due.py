"""Due items the hotline adds to the commune's inbox: tips not yet handled, by the programme's internal
target for their category; crime tips not yet handed over to the investigation body, which the law
wants at once ("chuyển ngay"); and the screenings and drug tests that tips led to, until one is
recorded."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.hotline.categories import CRIME, Category
from hoanhap.hotline.models import RequestKind, Tip, TipRequest, TipStatus
from hoanhap.hotline.services import TEST_GROUND_CITATION, crime_rule
from hoanhap.inbox.items import DueItem, person_item
from hoanhap.law.services import end_of_day
from hoanhap.lib.compiled import compiled_query


@compiled_query(commune_id=str)
def _open_tips(commune_id: str) -> QuerySet:
    return (
        Tip.objects.filter(commune_id=commune_id)
        .exclude(status=TipStatus.CLOSED)
        .order_by()
        .values_list("uuid", "category", "respond_by", "reference")
    )


def open_tips(commune_id: str) -> list[DueItem]:
    return [
        DueItem(
            "tip",
            str(_("Xử lý tin báo: %(c)s") % {"c": Category(category).label}),
            None,
            respond_by,
            "commune_police",
            str(_("Chỉ tiêu nội bộ theo loại tin, không phải thời hạn do luật định")),
            link=reverse("hotline:detail", args=[uuid]),
            subject=reference,
        )
        for uuid, category, respond_by, reference in _open_tips(commune_id=commune_id)
    ]


@compiled_query(commune_id=str)
def _crime_tips_not_handed_over(commune_id: str) -> QuerySet:
    # Closed or not: the hand-over is owed until it is made.
    return (
        Tip.objects.filter(commune_id=commune_id, category__in=sorted(CRIME))
        .exclude(crime_report__handed_over_at__isnull=False)
        .order_by()
        .values_list("uuid", "category", "received_at", "reference")
    )


def crime_handovers(commune_id: str) -> list[DueItem]:
    """Crime tips not yet handed over to the competent investigation body, due from the moment they
    were received: the law's word is "ngay" (rulebook ``crime_tip_handover``), not a number of hours."""
    rule = crime_rule()
    return [
        DueItem(
            "tip_handover",
            str(
                _("Tin báo về tội phạm (%(c)s): lập biên bản tiếp nhận, chuyển ngay cho Cơ quan điều tra")
                % {"c": Category(category).label}
            ),
            None,
            received_at,
            "commune_police",
            str(_("%(c)s: chuyển ngay") % {"c": rule.citation}),
            link=reverse("hotline:detail", args=[uuid]) + "#crime",
            subject=reference,
        )
        for uuid, category, received_at, reference in _crime_tips_not_handed_over(commune_id=commune_id)
    ]


# Who does what a tip asks for, and the form where it is recorded.
REQUEST_HANDLING = {
    RequestKind.DRUG_TEST: ("commune_police", "cases:test_create"),
    RequestKind.SCREENING: ("commune_health", "prevention:screening_create"),
}


def citation(kind: RequestKind) -> str:
    if kind == RequestKind.DRUG_TEST:
        return str(_("%(c)s; hạn do xã đặt") % {"c": TEST_GROUND_CITATION})
    return str(_("Sàng lọc theo tin báo; hạn do xã đặt"))


@compiled_query(commune_id=str)
def _pending_requests(commune_id: str) -> QuerySet:
    return (
        TipRequest.objects.filter(tip__commune_id=commune_id)
        .pending()
        .order_by()
        .values_list("kind", "due_on", "person_id", "person__uuid")
    )


def tip_requests(commune_id: str) -> list[DueItem]:
    items = []
    for kind, due_on, person_id, person_uuid in _pending_requests(commune_id=commune_id):
        role, url = REQUEST_HANDLING[RequestKind(kind)]
        items.append(
            person_item(
                f"tip_{kind}",
                str(_("Theo tin báo: %(k)s") % {"k": RequestKind(kind).label}),
                person_id,
                end_of_day(due_on),
                role,
                citation(RequestKind(kind)),
                link=reverse(url, args=[person_uuid]),
            )
        )
    return items
