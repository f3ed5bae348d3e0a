"""Due items: the person of an item is read only for the items shown; the summary counts each kind."""

import time_machine

from hoanhap.inbox.items import DueItem, kind_counts, with_people
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.inbox.tests.conftest import at
from hoanhap.people.models import Person


def test_items_name_their_person_only_when_read_for_showing(officer_a, make_person, source):
    """The inbox counts and orders every item but reads the people of the page it shows: items
    come with the person's id, and ``with_people`` reads the people of those given to it."""
    people = [make_person(officer_a, full_name=f"Lê Văn {n}", stable_residence="unknown") for n in "ABC"]
    for person in people:
        source.about(person)
    bare = due_items_for_commune(officer_a.commune_id, people=False)
    assert bare and all(i.person is None for i in bare)
    assert {i.person_id for i in bare} == {p.pk for p in people}
    shown = with_people(bare[:2])
    assert [i.person for i in shown] == [Person.objects.get(pk=i.person_id) for i in bare[:2]]
    assert with_people(bare) == due_items_for_commune(officer_a.commune_id)


def test_with_people_reads_what_an_item_shows_of_its_person_in_one_query(
    officer_a, make_person, source, django_assert_num_queries
):
    for n in "ABC":
        source.about(make_person(officer_a, full_name=f"Lê Văn {n}"))
    bare = due_items_for_commune(officer_a.commune_id, people=False)
    with django_assert_num_queries(1) as queries:
        shown = with_people(bare)
    assert "national_id" not in queries.captured_queries[0]["sql"]
    assert sorted(i.person.full_name for i in shown) == ["Lê Văn A", "Lê Văn B", "Lê Văn C"]


def test_items_about_no_person_are_left_as_they_are(db):
    tip = DueItem("tip", "Tin báo", None, at(2026, 11, 20), "commune_police", "", subject="TB-1")
    assert with_people([tip]) == [tip]


def test_the_summary_counts_each_kind_and_its_overdue_items_most_overdue_first():
    def item(kind, day, has_deadline=True):
        return DueItem(kind, kind.title(), None, at(2026, 11, day), "commune_police", "", has_deadline)

    items = [
        item("check", 25),
        item("check", 26),
        item("check", 27),
        item("decide", 1),
        item("decide", 2),
        item("refer", 1, has_deadline=False),  # no deadline: never overdue
    ]
    with time_machine.travel(at(2026, 11, 20)):
        assert [(k.kind, k.title, k.count, k.overdue) for k in kind_counts(items)] == [
            ("decide", "Decide", 2, 2),
            ("check", "Check", 3, 0),
            ("refer", "Refer", 1, 0),
        ]
