"""The sources of the inbox: each app registers the functions that build its due items (``register`` in
its ``AppConfig.ready``), and the inbox gathers them for a commune. The inbox knows none of the apps."""

from collections.abc import Callable, Iterable

from hoanhap.inbox.items import DueItem, with_people

# A source: the due items of a commune (its code), in any order.
Source = Callable[[str], Iterable[DueItem]]

_sources: list[Source] = []


def register(source: Source) -> Source:
    """Add ``source`` to the inbox (once, however often an app registers it); returns it unchanged."""
    if source not in _sources:
        _sources.append(source)
    return source


def sources() -> tuple[Source, ...]:
    """The registered sources, in the order they were registered."""
    return tuple(_sources)


def due_items_for_commune(commune_id: str, *, people: bool = True) -> list[DueItem]:
    """Every item due in the commune, soonest first. ``people=False`` leaves the person of an item
    to ``with_people``: the inbox counts and sorts every item but shows a page of them, and reading
    the person of each of a large commune's 700 items was a third of its time (benchmark)."""
    items = [item for source in _sources for item in source(commune_id)]
    # Soonest first; the rest of the key only makes the order of items due at the same moment not
    # depend on the order in which the database returned the rows.
    items.sort(key=lambda i: (i.due_at, i.kind, i.person_id or 0, i.subject))
    return with_people(items) if people else items
