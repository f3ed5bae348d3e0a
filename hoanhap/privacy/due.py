"""Due items the data-protection registers add to the commune's inbox (and its daily digest)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.accounts.roles import Role
from hoanhap.cases.due import DueItem
from hoanhap.privacy.models import Breach, DataRequest


def data_requests(commune_id: str) -> list[DueItem]:
    return [
        DueItem(
            "data_request",
            str(_("Trả lời yêu cầu của chủ thể dữ liệu")),
            None,
            r.due_at,
            Role.COMMUNE_POLICE,
            r.due_rule["citation"],
            link=reverse("privacy:request", args=[r.uuid]),
            subject=str(r.get_kind_display()),
        )
        for r in DataRequest.objects.filter(commune_id=commune_id, answered_at__isnull=True)
    ]


def breach_notices(commune_id: str) -> list[DueItem]:
    return [
        DueItem(
            "breach_notice",
            str(_("Thông báo sự cố dữ liệu cá nhân cho cơ quan chuyên trách")),
            None,
            b.notify_by or b.detected_at,  # always set: the query keeps those with a deadline
            Role.COMMUNE_POLICE_HEAD,
            b.notify_rule["citation"],
            link=reverse("privacy:breach", args=[b.uuid]),
            subject=f"{b.detected_at:%d/%m/%Y}",
        )
        for b in Breach.objects.filter(
            commune_id=commune_id, notify_by__isnull=False, notified_at__isnull=True
        )
    ]
