"""The case rows a document records, by kind of document. Documents sit below the apps whose rows
they draft (``cases`` imports ``documents`` to number and issue in its own transactions), so each
of those apps registers its rows here from its AppConfig.ready(), and this app imports none of them."""

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from hoanhap.people.models import Person


class CaseRow(Protocol):
    """A row a document is issued for: a decision's case or an event of one."""

    uuid: uuid.UUID
    person: Person


@dataclass(frozen=True)
class Source:
    model: type[Model]
    # The lookup from the row to its person: a row is found through the person, so that the
    # person's scope, checked first, is the row's.
    person_path: str


_SOURCES: dict[str, Source] = {}


def register(kind: str, model: type[Model], person_path: str) -> None:
    _SOURCES[kind] = Source(model, person_path)


def row_of(person: Person, kind: str, source_uuid: uuid.UUID) -> Any:
    """The row of kind ``kind`` with ``source_uuid`` that belongs to ``person``; 404 otherwise."""
    source = _SOURCES.get(kind)
    if source is None:
        raise Http404
    return get_object_or_404(source.model, uuid=source_uuid, **{source.person_path: person})
