"""Due items the hotline adds to the commune's inbox: tips not yet handled, by their deadline, and the
screenings and drug tests that tips led to, until one is recorded."""

from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.cases.due import DueItem, end_of_day, person_item
from hoanhap.hotline.categories import Category
from hoanhap.hotline.models import RequestKind, Tip, TipRequest, TipStatus
from hoanhap.hotline.services import TEST_GROUND_CITATION


def open_tips(commune_id: str) -> list[DueItem]:
    tips = Tip.objects.filter(commune_id=commune_id).exclude(status=TipStatus.CLOSED)
    return [
        DueItem(
            "tip",
            str(_("Xử lý tin báo: %(c)s") % {"c": Category(t.category).label}),
            None,
            t.respond_by,
            "commune_police",
            str(_("Quy trình tiếp nhận, xử lý tin báo (thời hạn theo loại tin)")),
            link=reverse("hotline:detail", args=[t.uuid]),
            subject=t.reference,
        )
        for t in tips
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


def tip_requests(commune_id: str) -> list[DueItem]:
    requests = (
        TipRequest.objects.filter(tip__commune_id=commune_id)
        .pending()
        .order_by()
        .values_list("kind", "due_on", "person_id", "person__uuid")
    )
    items = []
    for kind, due_on, person_id, person_uuid in requests:
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
