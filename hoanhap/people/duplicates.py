"""Likely-duplicate detection: the same personal ID, or a similar name with the same birth."""

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from hoanhap.lib import crypto
from hoanhap.lib.vntext import search_key
from hoanhap.people.models import Person

NAME_SIMILARITY = 0.85
ID_INDEX_PURPOSE = "national_id"


def id_index(number: str) -> str:
    return crypto.blind_index(number, purpose=ID_INDEX_PURPOSE)


def name_birth_index(full_name: str, birth_date: dt.date | None, birth_year: int | None) -> str:
    """A keyed hash of a name and birth, for the audit of a duplicate check: an auditor holding a
    name and birth can tell whether they were tried; a reader of the log learns neither."""
    birth = birth_date.isoformat() if birth_date else str(birth_year or "")
    return crypto.blind_index(f"{search_key(full_name)}|{birth}", purpose="name_birth")


def similar_names(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


@dataclass
class Candidates:
    same_id: list[Person] = field(default_factory=list)
    similar: list[Person] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.same_id or self.similar)


def find_candidates(
    *,
    national_id: str,
    full_name: str,
    birth_date: dt.date | None,
    birth_year: int | None,
    exclude_pk: int | None = None,
) -> Candidates:
    """Search the whole registry (not only the user's unit): duplicates cross commune lines.
    Callers decide how much of an out-of-scope candidate to show."""
    current = Person.objects.current().exclude(pk=exclude_pk).select_related("commune", "province")
    found = Candidates()
    if national_id:
        found.same_id = list(current.filter(national_id_index=id_index(national_id)))
    if birth_date or birth_year:
        same_birth = (
            current.filter(birth_date=birth_date) if birth_date else current.filter(birth_year=birth_year)
        )
        key = search_key(full_name)
        found.similar = [
            p for p in same_birth[:500] if similar_names(p.search_name, key) and p not in found.same_id
        ]
    return found


def duplicate_pairs(people) -> list[tuple[Person, Person]]:
    """Pairs within ``people`` born the same year (same date where both are known) with similar names."""
    by_year: dict[int | None, list[Person]] = {}
    for person in people.only("uuid", "full_name", "search_name", "birth_date", "birth_year", "commune_id"):
        by_year.setdefault(person.birth_year, []).append(person)
    pairs = []
    for group in by_year.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                dates_clash = a.birth_date and b.birth_date and a.birth_date != b.birth_date
                if not dates_clash and similar_names(a.search_name, b.search_name):
                    pairs.append((a, b))
    return pairs
