"""A prepared query answers as the ORM's own query does, for any arguments, and refuses queries it
cannot bind."""

import datetime as dt

import pytest
from django.db.models import Count, Q

from hoanhap.lib.prepared import prepared
from hoanhap.people.models import Person


@prepared(commune_id=str, born_by=dt.date)
def _people(commune_id, born_by):
    return (
        Person.objects.filter(commune_id=commune_id, birth_date__lte=born_by)
        .order_by("pk")
        .values_list("pk", "birth_date", "substances", "has_psychosis", "created_at")
    )


@prepared(named=True, commune_id=str)
def _by_birth_date(commune_id):
    return (
        Person.objects.filter(commune_id=commune_id)
        .order_by("birth_date")
        .values_list("birth_date")
        .annotate(n=Count("pk", filter=Q(has_psychosis=True)))
    )


@pytest.fixture
def people(officer_a, officer_b, make_person):
    return [
        make_person(officer_a, birth_date=dt.date(1990, 5, 9), substances=["heroin"], has_psychosis=True),
        make_person(officer_a, full_name="Trần Thị Bình", birth_date=dt.date(2001, 1, 2)),
        make_person(officer_a, full_name="Lê Văn Cường", birth_date=dt.date(1990, 5, 9)),
        make_person(officer_b, full_name="Phạm Văn Dũng", birth_date=dt.date(1985, 3, 4)),
    ]


@pytest.mark.parametrize("born_by", [dt.date(1980, 1, 1), dt.date(1990, 5, 9), dt.date(2030, 1, 1)])
def test_rows_are_the_orms_rows_for_any_arguments(people, officer_a, officer_b, born_by):
    for commune in (officer_a.commune_id, officer_b.commune_id, "00000"):
        rows = _people(commune_id=commune, born_by=born_by)
        assert rows == list(_people.build(commune, born_by))  # converted too: dates, JSON, booleans
    rows = _people(commune_id=officer_a.commune_id, born_by=dt.date(2030, 1, 1))
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (dt.date(1990, 5, 9), ["heroin"], True),
        (dt.date(2001, 1, 2), [], False),
        (dt.date(1990, 5, 9), [], False),
    ]
    assert all(isinstance(r[4], dt.datetime) and r[4].tzinfo is not None for r in rows)


def test_named_rows_with_an_aggregate(people, officer_a):
    rows = _by_birth_date(commune_id=officer_a.commune_id)
    assert [(r.birth_date, r.n) for r in rows] == [(dt.date(1990, 5, 9), 1), (dt.date(2001, 1, 2), 0)]


def test_an_argument_the_sql_does_not_carry_unchanged_is_refused(db):
    @prepared(name=str)
    def rewritten(name):
        return Person.objects.filter(search_name__icontains=name).values_list("pk")

    with pytest.raises(TypeError, match="does not reach the SQL unchanged"):
        rewritten(name="an")


def test_only_value_lists_with_their_columns_in_order_are_prepared(db):
    @prepared(commune_id=str)
    def instances(commune_id):
        return Person.objects.filter(commune_id=commune_id)

    @prepared(commune_id=str)
    def reordered(commune_id):
        return Person.objects.filter(commune_id=commune_id).annotate(n=Count("pk")).values_list("n", "pk")

    for query in (instances, reordered):
        with pytest.raises(TypeError):
            query(commune_id="17464")
    with pytest.raises(TypeError, match="takes"):
        _people(commune_id="17464")


def test_the_query_is_built_once_and_run_with_each_call_s_arguments(people, officer_a, officer_b):
    built = []

    @prepared(commune_id=str)
    def names(commune_id):
        built.append(commune_id)
        return Person.objects.filter(commune_id=commune_id).order_by("pk").values_list("full_name")

    assert names(commune_id=officer_b.commune_id) == [("Phạm Văn Dũng",)]
    assert len(names(commune_id=officer_a.commune_id)) == 3
    assert len(built) == 1  # with its placeholder, never with a real argument
