"""Due items of the criminal route of a positive test (``cases.criminal``): hand the case to the
investigation body, then wait for its answer. While they show, the administrative step of the test is
held (``cases.due``). Neither has a legal deadline in days or hours, so neither turns overdue."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hoanhap.cases.models import DrugTest
from hoanhap.cases.services.common import start_of_day as _start_of_day
from hoanhap.inbox.items import DueItem, person_item
from hoanhap.lib.compiled import compiled_query


@compiled_query(commune_id=str)
def _unanswered(commune_id: str) -> QuerySet:
    return (
        DrugTest.objects.filter(commune_id=commune_id, criminal_answer="")
        .exclude(criminal_point="")
        .order_by()
        .values_list("person_id", "tested_at", "result_received_at", "handed_over_on", "criminal_rule")
    )


def criminal_items(commune_id: str) -> list[DueItem]:
    hand_over = str(
        _(
            "Chuyển Cơ quan điều tra: sử dụng trái phép chất ma túy có thể là tội phạm (Điều 256a Bộ luật "
            "Hình sự)"
        )
    )
    waiting = str(_("Chờ cơ quan điều tra trả lời"))
    no_deadline = str(_("không có thời hạn luật định tính bằng ngày, giờ"))
    items = []
    for person_id, tested_at, received_at, handed_over_on, rule in _unanswered(commune_id=commune_id):
        citation = f"{rule['citation']}; {no_deadline}" if rule else no_deadline
        if handed_over_on is None:
            kind, title, since = "criminal_handover", hand_over, received_at or tested_at
        else:
            kind, title, since = "criminal_answer", waiting, _start_of_day(handed_over_on)
        items.append(
            person_item(kind, title, person_id, since, "commune_police", citation, has_deadline=False)
        )
    return items
