"""Due items the data-protection registers add to the commune's inbox (and its daily digest). A
request has two deadlines (NĐ 356/2025 Điều 5.2–5.5): the reply, then carrying it out; each is an
item of its own until it is met."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.inbox.items import DueItem
from hoanhap.lib.roles import Role
from hoanhap.privacy.models import Breach, DataRequest


def data_requests(commune_id: str) -> list[DueItem]:
    items = []
    rows = DataRequest.objects.filter(commune_id=commune_id, answered_at__isnull=True).filter(
        Q(due_at__isnull=False, responded_at__isnull=True) | Q(fulfil_due_at__isnull=False)
    )
    for r in rows:
        link, subject = reverse("privacy:request", args=[r.uuid]), str(r.get_kind_display())
        if r.due_at is not None and r.responded_at is None:
            items.append(
                DueItem(
                    "data_request",
                    str(_("Phản hồi yêu cầu của chủ thể dữ liệu")),
                    None,
                    r.due_at,
                    Role.COMMUNE_POLICE,
                    r.due_rule["citation"] if r.due_rule else "",
                    link=link,
                    subject=subject,
                )
            )
        if r.fulfil_due_at is not None:
            items.append(
                DueItem(
                    "data_request_fulfil",
                    str(_("Thực hiện yêu cầu của chủ thể dữ liệu")),
                    None,
                    r.fulfil_due_at,
                    Role.COMMUNE_POLICE,
                    r.fulfil_rule["citation"] if r.fulfil_rule else "",
                    link=link,
                    subject=subject,
                )
            )
    return items


def breach_notices(commune_id: str) -> list[DueItem]:
    return [
        DueItem(
            "breach_notice",
            str(_("Thông báo sự cố dữ liệu cá nhân cho cơ quan chuyên trách")),
            None,
            b.notify_by or b.detected_at,  # always set: the query keeps those with a deadline
            Role.COMMUNE_POLICE_HEAD,
            b.notify_rule["citation"] if b.notify_rule else "",
            link=reverse("privacy:breach", args=[b.uuid]),
            subject=f"{b.detected_at:%d/%m/%Y}",
        )
        for b in Breach.objects.filter(
            commune_id=commune_id, notify_by__isnull=False, notified_at__isnull=True
        )
    ]
