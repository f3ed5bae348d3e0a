"""The registry: the apps register their sources of due items, and the inbox gathers a commune's from
every one of them, soonest first, knowing none of the apps."""

import ast
import datetime as dt
from pathlib import Path

from hoanhap.inbox import registry
from hoanhap.inbox.items import DueItem
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.inbox.tests.conftest import Source, at


def _item(kind, due_at, *, person_id=None, subject=""):
    return DueItem(kind, kind, None, due_at, "commune_police", "", person_id=person_id, subject=subject)


def test_a_registered_source_shows_up_once_however_often_it_registers(no_sources):
    source = Source()
    source.add("17464", _item("tip", at(2026, 11, 20)))
    assert due_items_for_commune("17464") == []
    assert registry.register(source) is source
    registry.register(source)
    assert registry.sources() == (source,)
    assert [i.kind for i in due_items_for_commune("17464")] == ["tip"]


def test_the_apps_sources_are_registered_when_django_starts():
    """Each app registers its own in its ``AppConfig.ready``: the inbox names none of them."""
    modules = {source.__module__ for source in registry.sources()}
    assert {
        "hoanhap.cases.due",
        "hoanhap.cases.monitoring_due",
        "hoanhap.cases.criminal_due",
        "hoanhap.support.due",
        "hoanhap.prevention.due",
        "hoanhap.hotline.due",
        "hoanhap.programs.due",
        "hoanhap.portal.due",
        "hoanhap.privacy.due",
    } <= modules
    assert len(registry.sources()) == len(set(registry.sources()))


def test_the_items_of_every_source_are_merged_soonest_first(no_sources):
    first, second = registry.register(Source()), registry.register(Source())
    first.add("17464", _item("b_late", at(2026, 11, 25)), _item("b_soon", at(2026, 11, 20)))
    second.add("17464", _item("a_middle", at(2026, 11, 22)), _item("a_soonest", at(2026, 11, 19, 8)))
    assert [i.kind for i in due_items_for_commune("17464")] == ["a_soonest", "b_soon", "a_middle", "b_late"]


def test_items_due_at_the_same_moment_are_ordered_by_kind_person_and_subject_not_by_source(no_sources):
    """Two pages of the inbox, or the digest and the page, list the same items in the same order,
    whatever order the database returned the rows in and the sources were registered in."""
    moment = at(2026, 11, 20)
    items = [
        _item("tip", moment, subject="TB-2"),
        _item("tip", moment, subject="TB-1"),
        _item("decide", moment, person_id=7),
        _item("decide", moment, person_id=3),
        _item("decide", moment - dt.timedelta(minutes=1), person_id=9),
    ]
    expected = [
        ("decide", 9, ""),
        ("decide", 3, ""),
        ("decide", 7, ""),
        ("tip", None, "TB-1"),
        ("tip", None, "TB-2"),
    ]
    for order in (items, items[::-1]):
        registry._sources.clear()
        one, other = registry.register(Source()), registry.register(Source())
        one.add("17464", *order[:2])
        other.add("17464", *order[2:])
        got = due_items_for_commune("17464", people=False)
        assert [(i.kind, i.person_id, i.subject) for i in got] == expected


def test_a_commune_gets_only_its_own_items(no_sources):
    source = registry.register(Source())
    source.add("17464", _item("tip", at(2026, 11, 20), subject="TB-A"))
    source.add("16939", _item("tip", at(2026, 11, 19), subject="TB-B"))
    assert [i.subject for i in due_items_for_commune("17464")] == ["TB-A"]
    assert [i.subject for i in due_items_for_commune("16939")] == ["TB-B"]
    assert due_items_for_commune("24133") == []
    assert source.asked == ["17464", "16939", "24133"]


def test_the_inbox_imports_none_of_the_apps_that_register_with_it():
    """The arrows go one way: the apps know the inbox, the inbox knows none of them."""
    package = Path(registry.__file__).parent
    allowed = {
        "hoanhap.inbox",
        "hoanhap.lib",
        "hoanhap.accounts",
        "hoanhap.audit",
        "hoanhap.people",
        "hoanhap.law",
    }
    imported = set()
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.startswith("hoanhap.")}
    assert ours and {name for name in ours if ".".join(name.split(".")[:2]) not in allowed} == set()
