"""A compiled query answers as the ORM's own query does, for any arguments of each type, refuses
what it cannot bind, and the ORM internals it reads are still there (a Django upgrade that breaks
them fails here, on SQLite and PostgreSQL alike: the suite runs on both)."""

import datetime as dt
from collections.abc import Callable

import django
import pytest
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from hoanhap.lib.compiled import compile_query, compiled_query
from hoanhap.people.models import Person

# The Django versions whose ORM internals hoanhap.lib.compiled was checked against (by this module).
CHECKED_ON = {(5, 2)}


@compiled_query(commune_id=str, born_by=dt.date)
def _people(commune_id, born_by):
    return (
        Person.objects.filter(commune_id=commune_id, birth_date__lte=born_by)
        .order_by("pk")
        .values_list("pk", "birth_date", "substances", "has_psychosis", "created_at")
    )


@compiled_query(commune_id=str, prior=int, before=dt.datetime)
def _by_prior_rehab(commune_id, prior, before):
    return (
        Person.objects.filter(commune_id=commune_id, prior_rehab_count__gte=prior, created_at__lt=before)
        .order_by("pk")
        .values_list("pk", "prior_rehab_count")
    )


@compiled_query(named=True, commune_id=str)
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
        make_person(
            officer_a, full_name="Trần Thị Bình", birth_date=dt.date(2001, 1, 2), prior_rehab_count=2
        ),
        make_person(officer_a, full_name="Lê Văn Cường", birth_date=dt.date(1990, 5, 9), prior_rehab_count=1),
        make_person(
            officer_b, full_name="Phạm Văn Dũng", birth_date=dt.date(1985, 3, 4), prior_rehab_count=3
        ),
    ]


def test_django_is_a_version_the_compiled_queries_were_checked_on():
    assert django.VERSION[:2] in CHECKED_ON, (
        f"hoanhap.lib.compiled reads ORM internals and was checked on Django {sorted(CHECKED_ON)}, not on "
        f"{django.get_version()}. Run this module on SQLite and PostgreSQL with the new version; when "
        "every other test here passes, add the version to CHECKED_ON; else fix hoanhap.lib.compiled, or "
        "drop it for plain ORM queries (slower: docs/performance.md)."
    )


def _holds(check: Callable[[], object]) -> bool:
    try:
        return bool(check())
    except Exception:  # a missing or renamed internal is what is looked for
        return False


def test_the_orm_internals_compiled_queries_read_are_still_there(db):
    queryset = (
        Person.objects.filter(commune_id="17464")
        .values_list("pk", "substances")
        .annotate(n=Count("pk", filter=Q(has_psychosis=True)))
    )
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    today = timezone.localdate()
    internals = {
        "QuerySet._fields: the fields values_list names": lambda: queryset._fields == ("pk", "substances"),
        "Query.values_select: the same fields": lambda: tuple(query.values_select) == ("pk", "substances"),
        "Query.annotation_select: the annotations, by name": lambda: list(query.annotation_select) == ["n"],
        "Query.extra_select: empty without .extra()": lambda: not query.extra_select,
        "SQLCompiler.as_sql(): (sql, params), the arguments among the params": lambda: (
            isinstance(sql, str) and "17464" in params
        ),
        "SQLCompiler.select: (expression, (sql, params), alias) per column": lambda: (
            len(compiler.select) == 3 and all(len(column) == 3 for column in compiler.select)
        ),
        "SQLCompiler.get_converters: {position: ([functions], expression)}, JSON converted": lambda: (
            isinstance(converters[1][0], list) and all(callable(f) for f in converters[1][0])
        ),
        "DatabaseOperations.adapt_datefield_value / adapt_datetimefield_value": lambda: (
            connection.ops.adapt_datefield_value(today) is not None
            and connection.ops.adapt_datetimefield_value(timezone.now()) is not None
        ),
    }
    changed = [name for name, check in internals.items() if not _holds(check)]
    assert not changed, f"hoanhap.lib.compiled reads ORM internals this Django changed: {changed}"


def _filtered(commune_id, prior, after, born_by, before):
    return Person.objects.filter(
        commune_id=commune_id,
        prior_rehab_count__gte=prior,  # a small integer: psycopg's Int2 on PostgreSQL
        pk__gt=after,  # the primary key: a plain int
        birth_date__lte=born_by,
        created_at__lt=before,
    ).values_list("pk", "birth_date")


@pytest.mark.parametrize(
    "arguments",
    [
        {"commune_id": "17464", "prior": 0, "after": 0, "born_by": dt.date(1990, 5, 9)},
        {"commune_id": "16939", "prior": 3, "after": 12, "born_by": dt.date(2030, 12, 31)},
        {"commune_id": "", "prior": 1, "after": -1, "born_by": dt.date(1, 1, 1)},
    ],
)
def test_the_bound_sql_and_parameters_are_the_orms_own_types_included(db, arguments):
    arguments = {**arguments, "before": timezone.now()}
    placeholders = {
        "commune_id": "~commune~",
        "prior": 32_001,
        "after": 32_002,
        "born_by": dt.date(1901, 1, 1),
        "before": dt.datetime(1901, 1, 1, tzinfo=dt.UTC),
    }
    compiled = compile_query(_filtered(**placeholders), placeholders)
    sql, params = _filtered(**arguments).query.get_compiler(connection=connection).as_sql()
    assert compiled.bind(arguments) == (sql, tuple(params))
    assert [type(p) for p in compiled.bind(arguments)[1]] == [type(p) for p in params]


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


@pytest.mark.parametrize("prior", [0, 1, 2, 3, 40_000])  # 40,000: past the column's range
def test_integer_and_datetime_arguments_give_the_orms_rows(people, officer_a, officer_b, prior):
    created = sorted(person.created_at for person in people)
    for before in (
        created[0],
        created[-1] + dt.timedelta(microseconds=1),
        timezone.now() + dt.timedelta(days=1),
    ):
        for commune in (officer_a.commune_id, officer_b.commune_id):
            rows = _by_prior_rehab(commune_id=commune, prior=prior, before=before)
            assert rows == list(_by_prior_rehab.build(commune, prior, before)), (prior, before, commune)
    everyone = _by_prior_rehab(commune_id=officer_a.commune_id, prior=prior, before=timezone.now())
    assert [count for _pk, count in everyone] == [c for c in (0, 2, 1) if c >= prior]


def test_named_rows_with_an_aggregate(people, officer_a):
    rows = _by_birth_date(commune_id=officer_a.commune_id)
    assert [(r.birth_date, r.n) for r in rows] == [(dt.date(1990, 5, 9), 1), (dt.date(2001, 1, 2), 0)]


def test_none_is_refused_where_the_orm_would_write_is_null(people, officer_a):
    @compiled_query(born=dt.date)
    def born_on(born):
        return Person.objects.filter(birth_date=born).values_list("pk")

    assert born_on(born=dt.date(2001, 1, 2)) == list(born_on.build(dt.date(2001, 1, 2)))
    with pytest.raises(TypeError, match="IS NULL"):
        born_on(born=None)


def test_an_argument_of_another_type_is_refused(db):
    with pytest.raises(TypeError, match="born_by must be of type date"):  # a timestamp, not a day
        _people(commune_id="17464", born_by=timezone.now())
    with pytest.raises(TypeError, match="prior must be of type int"):  # a boolean, to PostgreSQL
        _by_prior_rehab(commune_id="17464", prior=True, before=timezone.now())
    with pytest.raises(TypeError, match="No placeholder"):
        compiled_query(ratio=float)


def test_an_argument_the_sql_does_not_carry_unchanged_is_refused(db):
    @compiled_query(name=str)
    def rewritten(name):
        return Person.objects.filter(search_name__icontains=name).values_list("pk")

    with pytest.raises(TypeError, match="does not reach the SQL unchanged"):
        rewritten(name="an")


def test_only_value_lists_with_their_columns_in_order_are_compiled(db):
    @compiled_query(commune_id=str)
    def instances(commune_id):
        return Person.objects.filter(commune_id=commune_id)

    @compiled_query(commune_id=str)
    def reordered(commune_id):
        return Person.objects.filter(commune_id=commune_id).annotate(n=Count("pk")).values_list("n", "pk")

    for query in (instances, reordered):
        with pytest.raises(TypeError):
            query(commune_id="17464")
    with pytest.raises(TypeError, match="takes"):
        _people(commune_id="17464")


def test_the_query_is_built_once_and_run_with_each_call_s_arguments(people, officer_a, officer_b):
    built = []

    @compiled_query(commune_id=str)
    def names(commune_id):
        built.append(commune_id)
        return Person.objects.filter(commune_id=commune_id).order_by("pk").values_list("full_name")

    assert names(commune_id=officer_b.commune_id) == [("Phạm Văn Dũng",)]
    assert len(names(commune_id=officer_a.commune_id)) == 3
    assert len(built) == 1  # with its placeholder, never with a real argument
