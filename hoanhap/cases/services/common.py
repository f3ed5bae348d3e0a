"""What every case service shares: the writer check, the audit row, dates in order, and how a
decision with a term is built and numbered."""

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.models import Aftercare, ElectronicMonitoring, UserManagement
from hoanhap.documents.services import reserve_number
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
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


Decision = TypeVar("Decision", UserManagement, Aftercare)


def decision_with_term(
    model: type[Decision],
    actor: User,
    *,
    person: Person,
    regime: Regime,
    signer: law.AppliedRule,
    term: law.AppliedRule,
    term_from: dt.date,
    decision_number: str,
    decided_on: dt.date,
    signer_name: str,
    **fields: Any,
) -> Decision:
    """A decision for ``person``, not saved: filed under the person's unit, with the regime, the
    signer's role and the term from ``term_from`` as the rules in force give them."""
    return model(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        regime=regime.code,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        signer_role=str(signer.value),
        signer_name=signer_name.strip(),
        term_rule=term.as_json(),
        ends_on=law.last_day(term, term_from),
        created_by=actor,
        **fields,
    )


def number_and_check(decision: UserManagement | Aftercare | ElectronicMonitoring, *, on: dt.date) -> None:
    """In the caller's transaction, before the decision is saved: one left without a number takes the
    next of its unit's register for its signer (given back if the decision is then refused), and the
    whole decision is checked."""
    if not decision.decision_number:
        decision.decision_number = reserve_number(
            commune_id=decision.commune_id, role=decision.signer_role, on=on
        )
    decision.full_clean()
