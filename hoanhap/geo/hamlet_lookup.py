"""Finding a commune's hamlet from the way people write it in a list or a form.

A hamlet is stored as a kind and a name ("Xóm" and "3") and shown as both ("Xóm 3"); lists write it
either way, and with the kind's other words ("Tổ" or "TDP" for "Tổ dân phố", "Ấp" or "Khu phố" in
the south, "Xóm số 3"), with or without diacritics. Matching compares the name without its kind; a
written kind only chooses between hamlets that share a name. Two hamlets left after that are both
returned: the caller says which, it never guesses."""

from collections.abc import Iterable

from hoanhap.geo.models import Hamlet, HamletKind
from hoanhap.lib.vntext import search_key

# Accent-free words that name a hamlet's kind -> the kind they mean (None: a kind of its own, such
# as "ấp", that the commune's list keeps under another). Longest first: "to dan pho" before "to".
KIND_WORDS: tuple[tuple[str, str | None], ...] = (
    ("to dan pho", HamletKind.RESIDENTIAL_GROUP),
    ("khu pho", None),
    ("tdp", HamletKind.RESIDENTIAL_GROUP),
    ("thon", HamletKind.VILLAGE),
    ("xom", HamletKind.HAMLET),
    ("ban", HamletKind.ETHNIC_VILLAGE),
    ("khoi", HamletKind.URBAN_BLOCK),
    ("to", HamletKind.RESIDENTIAL_GROUP),
    ("ap", None),
    ("khu", None),
)


def split_kind(text: str) -> tuple[str | None, str]:
    """The kind a written hamlet names, if any, and its bare accent-free name: "Xóm số 3" ->
    ("xom", "3"). A kind word alone is a name ("Thôn" -> (None, "thon"))."""
    key = search_key(text).strip(" .,:")
    for word, kind in KIND_WORDS:
        if key.startswith(word + " "):
            rest = key[len(word) :].strip()
            rest = rest[3:].strip() if rest.startswith("so ") else rest
            if rest:
                return kind, rest
    return None, key


def bare_name(text: str) -> str:
    return split_kind(text)[1]


class HamletLookup:
    """A commune's hamlets indexed by bare name, built once for a whole list."""

    def __init__(self, hamlets: Iterable[Hamlet]) -> None:
        self._by_name: dict[str, list[Hamlet]] = {}
        for hamlet in hamlets:
            names = {search_key(hamlet.name), bare_name(hamlet.name), bare_name(str(hamlet))}
            for name in names:
                self._by_name.setdefault(name, []).append(hamlet)

    def find(self, text: str) -> list[Hamlet]:
        """The hamlets ``text`` may mean: one, none, or several (ambiguous)."""
        kind, name = split_kind(text)
        found = self._by_name.get(search_key(text).strip(" .,:")) or self._by_name.get(name, [])
        same_kind = [h for h in found if h.kind == kind]
        return same_kind if kind and same_kind else list(found)
