"""Support services made through the service that records them (``support.services``)."""

import datetime as dt

from hoanhap.accounts.models import User
from hoanhap.people.models import Person
from hoanhap.support import services
from hoanhap.support.models import SupportService


def support_service(
    actor: User, person: Person, kind: str, starts_on: dt.date, ends_on: dt.date | None = None
) -> SupportService:
    """A service of ``kind`` from ``starts_on``, still going on unless it ``ends_on``."""
    data = {
        "kind": kind,
        "title": "Hỗ trợ tái hòa nhập",
        "provider": "Trung tâm dịch vụ việc làm tỉnh",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "status": "completed" if ends_on else "ongoing",
    }
    return services.record_service(actor, person=person, data=data)
