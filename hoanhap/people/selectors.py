"""Reading the registry: the access helper (audits every read) and search."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, record_denied
from hoanhap.geo.models import Commune
from hoanhap.lib.roles import Level
from hoanhap.lib.vntext import search_key
from hoanhap.people.duplicates import id_index
from hoanhap.people.models import Person, PersonAlias


def get_person_for_user(
    user, person_uuid: uuid.UUID, *, write: bool = False, purpose: Purpose = Purpose.CASE_WORK
) -> Person:
    """Out of scope or missing: 404 (existence not revealed). In scope but read-only: 403 on writes.
    Every successful access is audited as a read; every refusal as a denial."""
    person = (
        Person.objects.visible_to(user)
        .select_related("commune__province", "hamlet", "merged_into")
        .filter(uuid=person_uuid)
        .first()
    )
    if person is None:
        record_denied(user, model=Person, row_uuid=person_uuid, purpose=purpose)
        raise Http404
    if write and not can_write(user, person):
        record(user, Action.DENIED, purpose=purpose, obj=person, extra={"write": True})
        raise PermissionDenied
    record(user, Action.PERSON_READ, purpose=purpose, obj=person)
    return person


def is_trace_for(user, person: Person) -> bool:
    """The user's commune transferred this person away: only the trace may be shown."""
    return user.level is Level.COMMUNE and person.commune_id != user.commune_id


@dataclass(frozen=True)
class PersonTrace:
    """All a commune keeps of a person it transferred away: who, born which year, when they moved
    and where to. Nothing of the record the new commune keeps (identifiers, addresses, phone, its
    later edits) is in it; the page and the API show exactly this."""

    uuid: uuid.UUID
    full_name: str
    birth_year: int | None
    moved_on: dt.date
    to_commune: Commune


def trace_of(user, person: Person) -> PersonTrace | None:
    """The trace the user's commune keeps of ``person``, or None when the person is the user's own
    (or the user is not a commune's). A commune reads a person of another commune only as one it
    transferred away (``Person.objects.visible_to``): its latest transfer from there is the trace."""
    if not is_trace_for(user, person):
        return None
    transfer = (
        person.transfers.filter(from_commune_id=user.commune_id)
        .select_related("to_commune__province")
        .latest("created_at")
    )
    return PersonTrace(
        uuid=person.uuid,
        full_name=person.full_name,
        birth_year=person.birth_year,
        moved_on=transfer.moved_on,
        to_commune=transfer.to_commune,
    )


def search_people(user, *, query: str = "", birth_year: int | None = None, hamlet=None) -> QuerySet[Person]:
    """Current records in the user's scope matching a name (any case, with or without accents),
    an alias, or an exact 12-digit personal ID; optionally a birth year and hamlet."""
    people = Person.objects.visible_to(user).current()
    query = query.strip()
    if query.isdigit() and len(query) == 12:
        people = people.filter(national_id_index=id_index(query))
    elif query:
        tokens = search_key(query).split()
        name_q = Q()
        alias_q = Q(person=OuterRef("pk"))
        for token in tokens:
            name_q &= Q(search_name__contains=token)
            alias_q &= Q(search_name__contains=token)
        people = people.filter(name_q | Exists(PersonAlias.objects.filter(alias_q)))
    if birth_year:
        people = people.filter(birth_year=birth_year)
    if hamlet is not None:
        people = people.filter(hamlet=hamlet)
    if user.is_authenticated and user.level is Level.COMMUNE:  # one moved away: its trace (``trace_of``)
        people = people.annotate(is_trace=~Q(commune_id=user.commune_id))
    return people.select_related("commune", "hamlet").order_by("search_name", "birth_year", "pk")
