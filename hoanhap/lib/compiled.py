"""Compiled queries: a query the ORM builds and compiles once per process, then runs with new
parameters.

Building and compiling the same query again on every request cost a fifth of the inbox, whose
page asks twenty small questions, and nine tenths of a commune's report (benchmark,
docs/performance.md). A compiled query is written as usual with the ORM, built once with a
placeholder for each argument and compiled; the places of the placeholders among the SQL's
parameters are remembered, and each run puts the real arguments there. The database sees an
ordinary parameterised query each time: nothing is prepared on the server.

Two ways in, one mechanism:
- ``@compiled_query(commune_id=str, horizon=dt.date)`` over a function of those arguments that
  returns a ``values_list`` query: calling it returns the query's rows, converted as the ORM
  converts them (dates on SQLite, JSON, ...). The inbox's sources use it.
- ``compile_query(queryset, placeholders)`` for a query built from placeholders the caller chose
  (``reports.facts``: a period's dates, their first instants, the unit), whose SQL with the real
  arguments (``bind``) becomes a subquery of a larger query or is run as it is.

An argument must reach the SQL as one parameter, unchanged (``commune_id=x``, ``ends_on__lte=d``):
one that a lookup rewrites (``__icontains``, ``__year``) or spreads (``__in``) is refused when the
query is compiled, so a query that cannot be compiled fails at once rather than answers wrongly;
so is ``None``, for which the ORM writes ``IS NULL`` where the compiled SQL has ``= %s``.

This reads ORM internals (``QuerySet._fields``, ``Query.values_select``, ``annotation_select``,
``extra_select``, ``SQLCompiler.as_sql``, ``select`` and ``get_converters``): a Django upgrade
that changes them fails ``lib/tests/test_compiled.py``, on SQLite and PostgreSQL alike.
"""

import datetime as dt
from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils import timezone

# A value no real argument takes, per type; each argument of a query gets its own. An integer
# stays within every integer column's range (SmallIntegerField ends at 32767): past it a lookup
# is decided without a parameter.
_PLACEHOLDERS: dict[type, Callable[[int], object]] = {
    str: lambda n: f"~compiled-query-argument-{n}~",
    int: lambda n: 32_000 + n,
    dt.date: lambda n: dt.date(1901, 1, 1) + dt.timedelta(days=n),
    dt.datetime: lambda n: dt.datetime(1901, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=n),
}

# The converters the compiler gives for each column that has any: (functions, expression).
Converters = dict[int, tuple[list[Callable[..., Any]], Any]]


@dataclass(frozen=True)
class CompiledQuery:
    """A query's SQL, compiled once, and where in its parameters each argument goes."""

    alias: str  # the database it was compiled for
    sql: str
    params: tuple[Any, ...]  # as compiled: placeholders where the arguments go
    places: dict[int, str]  # position in params -> argument name
    columns: tuple[str, ...]
    converters: Converters

    def bind(self, arguments: Mapping[str, object]) -> tuple[str, tuple[Any, ...]]:
        """The SQL and its parameters with ``arguments`` in their places (unplaced ones ignored)."""
        connection = connections[self.alias]
        params = list(self.params)
        for position, name in self.places.items():
            if arguments[name] is None:
                raise TypeError(f"{name} is None: the ORM would write IS NULL, the compiled SQL = NULL")
            value = _adapt(connection, arguments[name])
            wrapped = type(self.params[position])  # as the ORM gave it: psycopg's Int2 for a small int
            params[position] = wrapped(value) if wrapped is not type(value) else value
        return self.sql, tuple(params)

    def rows(self, arguments: Mapping[str, object]) -> list[tuple[Any, ...]]:
        """The query's rows with ``arguments``, each value converted as the ORM converts it."""
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(*self.bind(arguments))
            rows = cursor.fetchall()
        if not self.converters:
            return [tuple(row) for row in rows]
        return [_converted(row, self.converters, connection) for row in rows]


def compile_query(
    queryset: QuerySet[Any], placeholders: Mapping[str, object], *, every: bool = True, name: str = ""
) -> CompiledQuery:
    """Compile ``queryset``, a ``values_list`` query built with ``placeholders`` (argument name ->
    the value it was built with) in place of its arguments. With ``every``, each argument must
    reach the SQL; without, an argument a query does not use is left out. ``name`` names the
    query in errors."""
    name = name or f"a query of {queryset.model.__name__}"
    columns = _columns(queryset, name)
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    places: dict[int, str] = {}
    for argument, value in placeholders.items():
        adapted = _adapt(connection, value)
        # The ORM may wrap a value in a subtype (on PostgreSQL an int as psycopg's Int2, Int4...).
        found = [i for i, param in enumerate(params) if isinstance(param, type(adapted)) and param == adapted]
        if every and not found:
            raise TypeError(f"{name}: the argument {argument!r} does not reach the SQL unchanged")
        if set(found) & places.keys():
            raise TypeError(f"{name}: the argument {argument!r} has the placeholder of another")
        places.update(dict.fromkeys(found, argument))
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return CompiledQuery(queryset.db, sql, tuple(params), places, columns, converters)


def _columns(queryset: QuerySet[Any], name: str) -> tuple[str, ...]:
    """The columns of a ``values_list`` query, in the order its rows hold them."""
    fields, query = getattr(queryset, "_fields", None), queryset.query
    if not fields or query.extra_select:
        raise TypeError(f"{name} must be a values_list query naming its columns")
    # The columns as the ORM's values_list gives them: annotations made after it come last.
    columns = (*fields, *(column for column in query.annotation_select if column not in fields))
    selected = [*query.values_select, *query.annotation_select]
    if list(columns) != selected:
        raise TypeError(f"{name}: name the annotations after the fields, in order ({selected})")
    return columns


def compiled_query(
    *, named: bool = False, **arguments: type
) -> Callable[[Callable[..., QuerySet[Any]]], "CompiledQueryFunction"]:
    """``@compiled_query(commune_id=str, horizon=dt.date)`` over a function of those arguments
    that returns a ``values_list`` query: calling it with keyword arguments returns the query's
    rows (tuples, or named rows with ``named=True``, their names the fields' with ``__`` as
    ``_``). Argument types: str, int, date, datetime."""
    unknown = [name for name, kind in arguments.items() if kind not in _PLACEHOLDERS]
    if unknown:
        raise TypeError(f"No placeholder for the arguments {unknown}")
    return lambda build: CompiledQueryFunction(build, arguments, named=named)


class CompiledQueryFunction:
    """A function returning a query, compiled on its first call (and per time zone: a
    ``TruncDate`` compiles the zone into the SQL), run with each call's arguments."""

    def __init__(
        self, build: Callable[..., QuerySet[Any]], arguments: dict[str, type], *, named: bool
    ) -> None:
        self.build, self.arguments, self.named = build, arguments, named
        self.__name__, self.__doc__ = build.__name__, build.__doc__
        self._compiled: dict[str, tuple[CompiledQuery, Callable[..., Any] | None]] = {}

    def __call__(self, **arguments: object) -> list[Any]:
        """The rows: tuples, or named rows (a ``namedtuple`` per query) with ``named=True``."""
        if arguments.keys() != self.arguments.keys():
            raise TypeError(f"{self.__name__} takes {sorted(self.arguments)}")
        for name, value in arguments.items():
            if not _fits(value, self.arguments[name]):
                raise TypeError(f"{self.__name__}: {name} must be of type {self.arguments[name].__name__}")
        compiled, row = self._compiled.get(timezone.get_current_timezone_name()) or self._compile()
        rows = compiled.rows(arguments)
        return [row(*values) for values in rows] if row else rows

    def _compile(self) -> tuple[CompiledQuery, Callable[..., Any] | None]:
        placeholders = {name: _PLACEHOLDERS[kind](n) for n, (name, kind) in enumerate(self.arguments.items())}
        compiled = compile_query(self.build(**placeholders), placeholders, name=self.__name__)
        row = namedtuple("Row", [c.replace("__", "_") for c in compiled.columns]) if self.named else None
        self._compiled[timezone.get_current_timezone_name()] = compiled, row
        return compiled, row


def _fits(value: object, kind: type) -> bool:
    """Whether ``value`` can stand for an argument of type ``kind`` as the ORM would bind it."""
    if value is None:  # refused with its reason when bound
        return True
    if kind is dt.date:  # a datetime would reach a date column as a timestamp
        return type(value) is dt.date
    if kind is int:  # a bool is an int to Python, not to PostgreSQL
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _adapt(connection: BaseDatabaseWrapper, value: object) -> object:
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _converted(
    row: tuple[Any, ...], converters: Converters, connection: BaseDatabaseWrapper
) -> tuple[Any, ...]:
    values = list(row)
    for position, (functions, expression) in converters.items():
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return tuple(values)
