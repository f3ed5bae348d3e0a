"""Due items the portal adds to the commune's inbox: online registrations awaiting an answer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.inbox.items import DueItem
from hoanhap.law import services as law
from hoanhap.portal.models import Registration, RegistrationStatus


def registrations(commune_id: str) -> list[DueItem]:
    items = []
    for r in Registration.objects.filter(commune_id=commune_id, status=RegistrationStatus.RECEIVED):
        registrar = law.rule("community_rehab_registrar", regime=law.regime_by_code(r.due_rule["regime"]))
        items.append(
            DueItem(
                "online_registration",
                str(_("Giải quyết đăng ký cai nghiện tự nguyện trực tuyến")),
                None,
                r.due_at,
                str(registrar.value),
                r.due_rule["citation"],
                link=reverse("portal:registration", args=[r.uuid]),
                subject=r.reference,
            )
        )
    return items
