"""Reading the registry: the access helper (every read and refusal audited, with its purpose and
the record's unit), the trace of a person moved away, and search."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hoanhap.audit.models import Action, AuditEntry, Purpose
from hoanhap.geo.models import Hamlet
from hoanhap.people import services
from hoanhap.people.selectors import get_person_for_user, search_people, trace_of

ID_1990_MALE = "040090012345"


def _last(actor, action):
    return AuditEntry.objects.filter(actor=actor, action=action).latest("id")


def test_a_read_is_audited_with_its_purpose_under_the_record(officer_a, make_person):
    person = make_person(officer_a)
    assert get_person_for_user(officer_a, person.uuid, purpose=Purpose.SEARCH) == person
    read = _last(officer_a, Action.PERSON_READ)
    assert (read.object_uuid, read.commune_code, read.province_code, read.purpose) == (
        person.uuid,
        person.commune_id,
        "40",
        Purpose.SEARCH,
    )


def test_a_refusal_outside_the_scope_keeps_its_purpose(officer_b, officer_a, make_person):
    person = make_person(officer_a)
    with pytest.raises(Http404):
        get_person_for_user(officer_b, person.uuid, purpose=Purpose.DUPLICATE_REVIEW)
    denied = _last(officer_b, Action.DENIED)
    assert (denied.purpose, denied.object_uuid) == (Purpose.DUPLICATE_REVIEW, person.uuid)


def test_a_write_refused_in_scope_is_a_403_audited_as_a_denial_of_that_record(
    chairman_a, officer_a, make_person
):
    """The chairman reads the commune's records but does not edit them."""
    person = make_person(officer_a)
    with pytest.raises(PermissionDenied):
        get_person_for_user(chairman_a, person.uuid, write=True, purpose=Purpose.SUPERVISION)
    denied = _last(chairman_a, Action.DENIED)
    assert (denied.object_uuid, denied.commune_code, denied.purpose, denied.extra) == (
        person.uuid,
        person.commune_id,
        Purpose.SUPERVISION,
        {"write": True},
    )
    assert not AuditEntry.objects.filter(actor=chairman_a, action=Action.PERSON_READ).exists()
    assert get_person_for_user(officer_a, person.uuid, write=True) == person


def test_the_record_comes_with_its_commune_province_hamlet_and_merge_in_one_query(
    officer_a, make_person, django_assert_num_queries
):
    hamlet = Hamlet.objects.create(commune=officer_a.commune, name="Xóm 3", search_name="xom 3")
    person = make_person(officer_a, hamlet=hamlet)
    found = get_person_for_user(officer_a, person.uuid)
    with django_assert_num_queries(0):
        assert (found.commune.province.code, found.hamlet.name, found.merged_into) == ("40", "Xóm 3", None)


def test_the_trace_of_a_person_moved_away_is_the_latest_move_from_the_commune(
    officer_a, officer_b, officer_c, make_person
):
    person = make_person(officer_a, birth_date=dt.date(1990, 5, 9))
    services.transfer_person(
        officer_a, person=person, to_commune=officer_b.commune, moved_on=dt.date(2026, 3, 1)
    )
    person.refresh_from_db()
    services.transfer_person(
        officer_b, person=person, to_commune=officer_c.commune, moved_on=dt.date(2026, 9, 1)
    )
    person.refresh_from_db()
    for commune, moved_on, to in (
        (officer_a, dt.date(2026, 3, 1), officer_b),
        (officer_b, dt.date(2026, 9, 1), officer_c),
    ):
        trace = trace_of(commune, person)
        assert (trace.uuid, trace.full_name, trace.birth_year) == (person.uuid, person.full_name, 1990)
        assert (trace.moved_on, trace.to_commune.pk) == (moved_on, to.commune_id)
    assert trace_of(officer_c, person) is None  # its own now


@pytest.fixture
def registry(officer_a, make_person):
    """Four people of commune A, named and born so that each filter of the search tells them apart."""
    xom_1 = Hamlet.objects.create(commune=officer_a.commune, name="Xóm 1", search_name="xom 1")
    xom_2 = Hamlet.objects.create(commune=officer_a.commune, name="Xóm 2", search_name="xom 2")
    people = {
        "an_90": make_person(officer_a, full_name="Nguyễn Văn An", hamlet=xom_1, national_id=ID_1990_MALE),
        "an_85": make_person(
            officer_a, full_name="Nguyễn Văn An", birth_date=dt.date(1985, 1, 1), hamlet=xom_2
        ),
        "binh": make_person(
            officer_a, full_name="Nguyễn Hữu Bình", birth_date=dt.date(1990, 2, 2), hamlet=xom_1
        ),
        "tam": make_person(officer_a, full_name="Trần Thị Tâm", birth_date=dt.date(1991, 3, 3), sex="female"),
    }
    services.update_person(
        officer_a, person=people["tam"], expected_version=1, data={}, aliases=["Tâm Van An"]
    )
    return people, xom_1, xom_2


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ({"query": "nguyen van an"}, ["an_85", "an_90"]),  # every word, in name order then birth year
        ({"query": "van"}, ["an_85", "an_90", "tam"]),  # Tâm by her alias
        ({"query": "huu binh"}, ["binh"]),
        ({"query": "van binh"}, []),  # both words, not either
        ({"query": "tam an"}, ["tam"]),  # both words of the alias
        ({"query": "an xyz"}, []),
        ({"query": ID_1990_MALE}, ["an_90"]),  # a personal ID, exactly
        ({"query": "040090012346"}, []),
        ({"query": "04009001234"}, []),  # eleven digits: not an ID, and no name holds it
        ({"query": "nguyen", "birth_year": 1990}, ["binh", "an_90"]),
        ({"query": "nguyen", "hamlet": "xom_2"}, ["an_85"]),
        ({"birth_year": 1991}, ["tam"]),
        ({}, ["binh", "an_85", "an_90", "tam"]),
    ],
)
def test_search_finds_by_every_word_an_alias_an_id_a_birth_year_and_a_hamlet(
    officer_a, registry, search, expected
):
    people, _xom_1, xom_2 = registry
    if search.get("hamlet") == "xom_2":
        search = {**search, "hamlet": xom_2}
    found = list(search_people(officer_a, **search))
    assert found == [people[key] for key in expected]


def test_search_marks_the_people_a_commune_moved_away(officer_a, officer_b, province_manager, registry):
    people, _xom_1, _xom_2 = registry
    services.transfer_person(
        officer_a, person=people["binh"], to_commune=officer_b.commune, moved_on=dt.date(2026, 9, 1)
    )
    marks = {p.full_name: p.is_trace for p in search_people(officer_a, query="nguyen")}
    assert marks == {"Nguyễn Văn An": False, "Nguyễn Hữu Bình": True}
    assert not hasattr(search_people(province_manager, query="nguyen").first(), "is_trace")


def test_search_results_carry_their_commune_and_hamlet(officer_a, registry, django_assert_num_queries):
    """The results page shows each one's hamlet and commune: no query per row."""
    found = list(search_people(officer_a, query="nguyen"))
    with django_assert_num_queries(0):
        assert {(p.commune.name, p.hamlet.name) for p in found} == {
            ("Xã Diễn Châu", "Xóm 1"),
            ("Xã Diễn Châu", "Xóm 2"),
        }


def test_twelve_characters_that_are_not_digits_are_a_name(officer_a, registry):
    people, _xom_1, _xom_2 = registry
    assert list(search_people(officer_a, query="nguyen van a")) == [people["an_85"], people["an_90"]]


def test_an_absorbed_record_comes_with_the_one_it_was_merged_into(
    head_a, make_person, django_assert_num_queries
):
    survivor = make_person(head_a)
    absorbed = make_person(head_a, full_name="Nguyen Van An")
    services.merge_people(
        head_a, survivor=survivor, absorbed=absorbed, take_from_absorbed=set(), reason="Trùng"
    )
    found = get_person_for_user(head_a, absorbed.uuid)
    with django_assert_num_queries(0):
        assert found.merged_into.full_name == survivor.full_name


def test_a_trace_comes_with_the_commune_and_province_moved_to(
    officer_a, officer_c, make_person, django_assert_num_queries
):
    person = make_person(officer_a)
    services.transfer_person(
        officer_a, person=person, to_commune=officer_c.commune, moved_on=dt.date(2026, 9, 1)
    )
    person.refresh_from_db()
    trace = trace_of(officer_a, person)
    with django_assert_num_queries(0):
        assert trace.to_commune.province.name == "Đắk Lắk"
