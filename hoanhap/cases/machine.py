"""A state machine as data: the transitions the law allows, and the state after a list of events."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar, cast

from django.db.models import Exists, ForeignObjectRel, Model, OuterRef, QuerySet, TextChoices

S = TypeVar("S", bound=StrEnum)
K = TypeVar("K", bound=TextChoices)


@dataclass(frozen=True)
class Machine(Generic[S, K]):
    initial: S
    transitions: Mapping[tuple[S, K], S]
    # Moves that only a service makes as the consequence of another act, never offered on a form.
    automatic: frozenset[K] = field(default_factory=frozenset)

    def fold(self, kinds: Iterable[str]) -> S:
        """The state after these events, in order (events were checked when recorded)."""
        state = self.initial
        for kind in kinds:
            state = self.transitions[(state, kind)]  # type: ignore[index]  # str-valued enum members
        return state

    def allows(self, state: S, kind: str) -> bool:
        return (state, kind) in self.transitions

    def offered(self, state: S) -> list[K]:
        return [kind for (source, kind) in self.transitions if source == state and kind not in self.automatic]

    def closing(self, open_states: frozenset[S]) -> frozenset[K]:
        """The events that close a case for good: they lead out of ``open_states`` into a state
        that no event leaves. A case without one is open; its exact state is then folded."""
        left = {source for (source, _kind) in self.transitions}
        closing = set()
        for (_source, kind), target in self.transitions.items():
            if target not in open_states:
                if target in left:
                    raise ValueError(f"{target} is not open, yet an event leaves it")
                closing.add(kind)
        for (source, kind), target in self.transitions.items():
            if kind in closing and target in open_states:
                raise ValueError(f"{kind} closes a case, yet from {source} it keeps it open")
        return frozenset(closing)


def still_open(rows: QuerySet, machine: Machine, open_states: frozenset) -> QuerySet:
    """The cases among ``rows`` that no closing event has ended (one SQL condition), so that only
    open cases are loaded and folded: a commune's closed history never is. Exact, not a first cut:
    a case starts open, and only a closing event leads out of the open states (``closing``), so a
    case without one is open whatever its other events; lists page on this condition alone."""
    if machine.initial not in open_states:
        raise ValueError(f"{machine.initial} is not open: an open case cannot be told by its events alone")
    relation = rows.model._meta.get_field("events")
    events = relation.related_model.objects.filter(
        **{relation.field.name: OuterRef("pk")}, kind__in=machine.closing(open_states)
    )
    return rows.exclude(Exists(events))


def events_by_case(model: type[Model], ids: Iterable[int], *fields: str) -> dict[int, list[Any]]:
    """The events of the cases ``ids`` (of ``model``), each a row with its ``kind`` and ``fields``,
    by case, in the order they happened (the events' own ordering); a case without events has an
    empty list. For folding many cases in one query of value rows: ``prefetch_related`` built a
    model instance per event and a queryset per case, half of the inbox's time in its sources
    with events (benchmark, largest commune)."""
    relation = cast(ForeignObjectRel, model._meta.get_field("events"))
    case, events = f"{relation.field.name}_id", cast(type[Model], relation.related_model)
    rows = events._default_manager.filter(**{f"{case}__in": list(ids)}).values_list(
        case, "kind", *fields, named=True
    )
    by_case: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_case[getattr(row, case)].append(row)
    return by_case
