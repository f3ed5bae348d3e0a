"""Value queries the ORM builds and compiles once per process, then runs with new arguments.

A page that asks twenty small questions (the inbox) spent a fifth of its time having the ORM build
and compile the same twenty queries again on every request (benchmark, docs/performance.md). A
``prepared`` query is written as usual, a function of its arguments returning ``values_list(...)``;
it is built once with a placeholder for each argument, compiled, and the placeholders' places in
the SQL's parameters are remembered. Each call binds the real arguments there, runs the SQL and
converts the values as the ORM would (dates on SQLite, JSON, ...).

An argument must reach the SQL as one parameter, unchanged (``commune_id=x``, ``ends_on__lte=d``):
one that a lookup rewrites (``__icontains``, ``__year``) or spreads (``__in``) is refused when the
query is compiled, so a query that cannot be prepared fails at once rather than answers wrongly.
"""

import datetime as dt
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

# A value no real argument takes, per type; each argument of a query gets its own.
_PLACEHOLDERS: dict[type, Callable[[int], Any]] = {
    str: lambda n: f"~prepared-argument-{n}~",
    dt.date: lambda n: dt.date(1901, 1, 1) + dt.timedelta(days=n),
}


@dataclass(frozen=True)
class _Compiled:
    alias: str
    sql: str
    params: tuple[Any, ...]
    places: dict[int, str]  # position in params -> argument name
    converters: dict[int, tuple[list[Callable[..., Any]], Any]]
    row: Callable[..., Any] | None  # a named row class, or None for plain tuples


def prepared(
    *, named: bool = False, **arguments: type
) -> Callable[[Callable[..., QuerySet[Any]]], "Prepared"]:
    """``@prepared(commune_id=str, horizon=dt.date)`` over a function of those arguments that returns
    a ``values_list`` query: calling it returns the query's rows (tuples, or named rows with
    ``named=True``, their names the fields' with ``__`` as ``_``)."""
    unknown = [name for name, kind in arguments.items() if kind not in _PLACEHOLDERS]
    if unknown:
        raise TypeError(f"No placeholder for the arguments {unknown}")
    return lambda build: Prepared(build, arguments, named=named)


class Prepared:
    def __init__(
        self, build: Callable[..., QuerySet[Any]], arguments: dict[str, type], *, named: bool
    ) -> None:
        self.build, self.arguments, self.named = build, arguments, named
        self.__name__, self.__doc__ = build.__name__, build.__doc__
        self._compiled: dict[str, _Compiled] = {}  # by time zone (a TruncDate compiles it in)

    def __call__(self, **arguments: Any) -> list[Any]:
        if arguments.keys() != self.arguments.keys():
            raise TypeError(f"{self.__name__} takes {sorted(self.arguments)}")
        compiled = self._compiled.get(timezone.get_current_timezone_name()) or self._compile()
        connection = connections[compiled.alias]
        params = list(compiled.params)
        for position, name in compiled.places.items():
            params[position] = _adapt(connection, arguments[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = [_converted(row, compiled.converters, connection) for row in rows]
        return [compiled.row(*row) for row in rows] if compiled.row else [tuple(row) for row in rows]

    def _placeholders(self) -> dict[str, Any]:
        return {name: _PLACEHOLDERS[kind](n) for n, (name, kind) in enumerate(self.arguments.items())}

    def _compile(self) -> _Compiled:
        queryset = self.build(**self._placeholders())
        fields, query = getattr(queryset, "_fields", None), queryset.query
        if not fields or query.extra_select:
            raise TypeError(f"{self.__name__} must return a values_list query naming its columns")
        # The columns as the ORM's values_list gives them: annotations made after it come last.
        fields = (*fields, *(name for name in query.annotation_select if name not in fields))
        names = [*query.values_select, *query.annotation_select]
        if list(fields) != names:
            raise TypeError(f"{self.__name__}: name the annotations after the fields, in order ({names})")
        connection = connections[queryset.db]
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        places: dict[int, str] = {}
        for name, value in self._placeholders().items():
            adapted = _adapt(connection, value)
            found = [i for i, param in enumerate(params) if type(param) is type(adapted) and param == adapted]
            if not found:
                raise TypeError(f"{self.__name__}: the argument {name!r} does not reach the SQL unchanged")
            places.update(dict.fromkeys(found, name))
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        row = namedtuple("Row", [f.replace("__", "_") for f in fields]) if self.named else None
        compiled = _Compiled(queryset.db, sql, tuple(params), places, converters, row)
        self._compiled[timezone.get_current_timezone_name()] = compiled
        return compiled


def _adapt(connection: Any, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _converted(row: tuple[Any, ...], converters: dict[int, Any], connection: Any) -> list[Any]:
    values = list(row)
    for position, (functions, expression) in converters.items():
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return values
