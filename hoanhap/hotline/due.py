"""Due items the hotline adds to the commune's inbox: tips not yet handled, by their deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.cases.due import DueItem
from hoanhap.hotline.categories import Category
from hoanhap.hotline.models import Tip, TipStatus


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
