"""A state machine as data: the transitions the law allows, and the state after a list of events."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from django.db.models import TextChoices

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
