"""What every case service shares: the writer check, the audit row, dates in order."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.dates import today
from hoanhap.people.models import Person


def start_of_day(day: dt.date) -> dt.datetime:
    """Office hours start: the moment a paper dated ``day`` is taken to have been received."""
    return dt.datetime.combine(day, dt.time(8), tzinfo=timezone.get_current_timezone())


def audit(actor: User, person: Person, extra: dict[str, Any]) -> None:
    record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, obj=person, extra=extra)


def check_writer(actor: User, person: Person) -> None:
    if not can_write(actor, person):
        raise PermissionDenied


def check_in_order(on: dt.date, earliest: dt.date) -> None:
    """Events are recorded in the order they happened, never in the future."""
    if not earliest <= on <= today():
        raise ValidationError({"on": _("Ngày phải từ %(d)s đến hôm nay.") % {"d": f"{earliest:%d/%m/%Y}"}})
