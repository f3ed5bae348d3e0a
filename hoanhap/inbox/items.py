"""Due items: what the commune must do next, with its deadline, who acts and the rule it rests on.

Items are computed from the facts each time, never stored. Each app builds its own (``cases.due``,
``support.due``...) and registers its sources with ``hoanhap.inbox.registry``; this module holds what they
share: the item, how far ahead an item shows, how the people of the shown items are read, the summary."""

import datetime as dt
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from django.db.models import Model, QuerySet

from hoanhap.lib.dates import now
from hoanhap.lib.roles import Role
from hoanhap.people.models import Person

# How far ahead the end of a term (a management, a rehab episode, post-rehab management, electronic
# monitoring) or a minor's coming of age shows up in the inbox.
TERM_END_NOTICE = relativedelta(days=30)
# How far ahead a step that comes round (the monthly residence check, a plan's check-in or task, a
# follow-up after a screening) shows up.
CHECK_NOTICE = dt.timedelta(days=7)

# What an item shows of its person: the name and the link to the record, and the birth date some
# rules read. The rest of the record (some sixty columns, encrypted ones among them) stays unread:
# loading it for every item of a large commune was a third of the inbox's time (benchmark).
SHOWN = frozenset({"id", "uuid", "full_name", "birth_date", "birth_year", "commune", "province"})

_M = TypeVar("_M", bound=Model)


@cache
def _unshown(path: str) -> tuple[str, ...]:
    return tuple(f"{path}__{f.name}" for f in Person._meta.concrete_fields if f.name not in SHOWN)


def with_person(rows: QuerySet[_M], path: str = "person") -> QuerySet[_M]:
    """``rows`` with the person each item names joined in, only what the item shows of it."""
    return rows.select_related(path).defer(*_unshown(path))


@dataclass(frozen=True)
class DueItem:
    kind: str
    title: str
    # The person the item is about; sources give only ``person_id`` (``person_item``), and
    # ``with_people`` reads the people of the items that are shown (a page), in one query.
    person: object
    due_at: dt.datetime
    responsible_role: str
    citation: str
    has_deadline: bool = True
    # Items about something other than a person (a tip, a registration): where to open it, its name.
    link: str = ""
    subject: str = ""
    person_id: int | None = None

    @property
    def role_label(self) -> str:
        return str(Role(self.responsible_role).label)

    @property
    def overdue(self) -> bool:
        return self.overdue_at(now())

    def overdue_at(self, moment: dt.datetime) -> bool:
        return self.has_deadline and self.due_at < moment

    @property
    def escalated(self) -> bool:
        """Overdue items also go to the head of the unit."""
        return self.overdue


def person_item(
    kind: str, title: str, person_id: int, due_at: dt.datetime, role: str, citation: str, **more: Any
) -> DueItem:
    """An item about the person ``person_id``, read later by ``with_people``."""
    return DueItem(kind, title, None, due_at, role, citation, person_id=person_id, **more)


def with_people(items: list[DueItem]) -> list[DueItem]:
    """``items`` with the person of each read, what an item shows of it, in one query."""
    wanted = {item.person_id for item in items if item.person is None and item.person_id is not None}
    if not wanted:
        return items
    people = Person.objects.only(*SHOWN).in_bulk(wanted)
    return [
        replace(item, person=people[item.person_id]) if item.person_id in wanted else item for item in items
    ]


@dataclass(frozen=True)
class KindCount:
    kind: str
    title: str
    count: int
    overdue: int


def kind_counts(items: list[DueItem]) -> list[KindCount]:
    """How many items of each kind, and how many of them overdue: the inbox's summary, most overdue first."""
    titles: dict[str, str] = {}
    counts: dict[str, list[int]] = {}
    moment = now()  # once: ``overdue`` asks the clock for each of a large commune's 700 items
    for item in items:
        titles.setdefault(item.kind, item.title)
        count = counts.setdefault(item.kind, [0, 0])
        count[0] += 1
        count[1] += item.overdue_at(moment)
    kinds = [KindCount(kind, titles[kind], total, overdue) for kind, (total, overdue) in counts.items()]
    return sorted(kinds, key=lambda k: (-k.overdue, -k.count, k.title))
