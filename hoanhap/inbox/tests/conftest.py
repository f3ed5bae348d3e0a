import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hoanhap.inbox import registry
from hoanhap.inbox.items import DueItem, person_item

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, h=9, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=VN)


class Source:
    """A source of due items for the tests: the items it was given, of the commune it is asked for."""

    def __init__(self):
        self.given: dict[str, list[DueItem]] = {}
        self.asked: list[str] = []

    def __call__(self, commune_id: str) -> list[DueItem]:
        self.asked.append(commune_id)
        return list(self.given.get(commune_id, []))

    def add(self, commune_id, *items):
        self.given.setdefault(commune_id, []).extend(items)

    def about(self, person, kind="decide", due_at=None, role="commune_police_head", **more):
        """An item about ``person`` (of the person's commune), as the apps' sources build them."""
        item = person_item(
            kind,
            more.pop("title", "Ra quyết định quản lý người sử dụng trái phép chất ma túy"),
            person.pk,
            due_at or at(2026, 11, 21, 8),
            role,
            "Luật 120/2025 Điều 24.4.a",
            **more,
        )
        self.add(person.commune_id, item)
        return item


@pytest.fixture
def no_sources(monkeypatch):
    """The inbox with none of the apps' sources: what a test registers is undone after it."""
    monkeypatch.setattr(registry, "_sources", [])


@pytest.fixture
def source(no_sources):
    """One source, registered for the test alone."""
    return registry.register(Source())
