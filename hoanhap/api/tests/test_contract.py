"""Schemathesis against the live schema, reaching past the scoping into the service code.

One world for the module: the demo's commune (Diễn Châu, ``seed_demo``) and one of each object the
demo leaves out, an officer of it (the caller), and officers of another commune of the province and
of another province. It is built once, in a transaction rolled back after the module's last test;
each test runs in a savepoint of it (pytest-django's ``db``), so what a test writes is undone.

1. Every operation, with generated requests (valid and not) whose object references are, four
   times in five, real objects of the caller's commune: the path's uuid, ``?person=``, ``?hamlet=``,
   the ``person`` of a new drug test, the ``hamlet`` of a record (random uuids would be 404s before
   any service code runs). No server error, no status, header or body the schema does not declare;
   and every operation answers a 2xx at least once.
2. The stateful phase: sequences along the schema's links (create a person, read it, edit it with
   its ETag, record a drug test for it, list its tests...), with the same checks and schemathesis'
   check that what was just created can be read.
3. Every operation that addresses an object of the caller's commune by uuid, sent by the officers
   elsewhere: the same answer as for a uuid that does not exist (a 404 for an object in the path or
   the body), never the object.
"""

import datetime as dt
import io
import json
import uuid
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.test import override_settings
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ensure_resource_availability,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import COMMUNE_B, COMMUNE_C, PASSWORD, create_units
from hoanhap.accounts.demo import TAN_AN
from hoanhap.accounts.models import User
from hoanhap.accounts.services import create_user
from hoanhap.api.models import ApiAction
from hoanhap.api.services import issue_token
from hoanhap.geo.models import Commune, CommuneKind, Hamlet, Province
from hoanhap.hotline import services as hotline
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Role
from hoanhap.lib.vntext import search_key
from hoanhap.people.models import Person
from hoanhap.people.services import create_person
from hoanhap.programs import services as programs
from hoanhap.reports import services as reports


@schemathesis.check
def errors_in_vietnamese(ctx: Any, response: Any, case: Any) -> bool | None:
    """The API answers errors in Vietnamese (api/errors.py): a message with no letter outside ASCII
    is a default of DRF or Django that slipped through in English."""
    if response.status_code < 400:
        return None
    error = response.json().get("error", {})
    messages = [error.get("message", ""), *(m for found in error.get("fields", {}).values() for m in found)]
    english = [message for message in messages if message.isascii()]
    if english:
        raise AssertionError(f"Error messages in English: {english}")
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    errors_in_vietnamese,
]
API = "/api/v1/"
PLAN = Path(__file__).resolve().parents[2] / "programs" / "examples" / "dien-chau-2026-du-an-5.json"
# A uuid field of a filter or a body → the collection of what it names.
REFERENCES = {"person": "people", "hamlet": "hamlets"}


def _load_schema() -> Any:
    """The schema /api/schema/ serves (test_api checks it is served), made as ``manage.py
    spectacular`` makes it: at collection there is no database, and the schema's view, like every
    API view, counts requests in the database cache. Requests go to the WSGI application."""
    made = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(made)))
    loaded.app, loaded.location = get_wsgi_application(), "/api/schema/?format=json"
    # The stateful phase follows the links the schema publishes (api/schema.py), not links
    # schemathesis would infer: those are what a client is told it can follow.
    loaded.config.phases.stateful.inference.algorithms = []
    return loaded


# Loaded at collection; schemathesis' lazy fixture loader does not work with pytest 9 (it reads a
# private attribute pytest removed).
schema = _load_schema()


def _body_references(operation: dict[str, Any]) -> list[str]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    name = content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
    properties = schema.raw_schema["components"]["schemas"].get(name, {}).get("properties", {})
    return [field for field, spec in properties.items() if spec.get("format") == "uuid"]


def _addressing() -> list[tuple[str, str, str]]:
    """(operation, location, name) of every uuid an operation of the schema takes: the object in its
    path, a filter, a reference in its body."""
    found = []
    for path, methods in schema.raw_schema["paths"].items():
        for method, operation in methods.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                location = parameter["in"]
                if location == "path" or parameter["schema"].get("format") == "uuid":
                    found.append((label, location, parameter["name"]))
            found += [(label, "body", name) for name in _body_references(operation)]
    return found


ADDRESSING = _addressing()


def _moments() -> set[str]:
    """The body fields that hold a moment (a drug test's time, its result's)."""
    properties = [s.get("properties", {}) for s in schema.raw_schema["components"]["schemas"].values()]
    return {
        name for fields in properties for name, spec in fields.items() if spec.get("format") == "date-time"
    }


MOMENTS = _moments()


@dataclass
class World:
    """The demo commune seen by its officer (the caller), and two officers elsewhere."""

    caller: User
    outsiders: dict[str, User]  # "another commune" (same province), "another province"
    tokens: dict[int, str]  # user pk → a token with every action
    # Collection ("people", "drug-tests"... and "hamlets") → uuids of the caller's commune that the
    # caller's own list shows (hamlets: the commune's).
    pools: dict[str, list[str]]
    own: dict[int, Person]  # a record of each officer's own commune

    def auth(self, user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user.pk]}"}

    def client(self, user: User) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=self.auth(user)["Authorization"])
        return client


def _officer(username: str, commune: str) -> User:
    return create_user(
        None, password=PASSWORD, username=username, role=Role.COMMUNE_POLICE, commune_id=commune
    )


def _record(user: User, name: str) -> Person:
    data = {"full_name": name, "birth_date": dt.date(1991, 3, 4), "sex": "male"}
    return create_person(user, commune=user.commune, data=data, confirm_not_duplicate=True)


def _build() -> World:
    create_units()
    Commune.objects.create(
        code=TAN_AN,
        name="Phường Tân An",
        province=Province.objects.get(code="66"),
        kind=CommuneKind.WARD,
        search_name=search_key("Phường Tân An"),
    )
    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
    users = {u.username: u for u in User.objects.all()}
    caller, head = users["canbocax"], users["truongcax"]
    # What the demo leaves out: a tip about someone, a report, a plan.
    tip = hotline.receive_tip(
        head, channel="phone", category="use", summary="Có người sử dụng ma túy", commune=caller.commune
    )
    hotline.link_person(head, tip=tip, person=Person.objects.filter(commune=caller.commune).current().first())
    reports.open_report(head, kind="quarterly", year=2026, number=3)
    programs.import_plan(caller, json.loads(PLAN.read_text(encoding="utf-8")))
    outsiders = {
        "another commune": _officer("canbo_quynhluu", COMMUNE_B),
        "another province": _officer("canbo_buonmathuot", COMMUNE_C),
    }
    officers = [caller, *outsiders.values()]
    every = list(ApiAction.values)
    issued = [issue_token(users["quantri"], user=u, name="Thử", actions=every, days=30) for u in officers]
    tokens = {token.user_id: secret for token, secret in issued}
    own = {user.pk: _record(user, "Hồ Sơ Riêng Xã Mình") for user in officers}
    world = World(caller, outsiders, tokens, pools={}, own=own)
    world.pools = _pools(world)
    return world


def _collections() -> list[str]:
    """The collections the schema addresses by uuid (``/api/v1/<collection>/{uuid}/``)."""
    return sorted({path.split("/")[3] for path in schema.raw_schema["paths"] if "{uuid}" in path})


def _pools(world: World) -> dict[str, list[str]]:
    """For each collection, the uuids filed under the caller's commune that the caller's list shows
    (a person transferred away is listed, as its trace, but is the other commune's now)."""
    commune = world.caller.commune
    client = world.client(world.caller)
    pools = {"hamlets": [str(h.uuid) for h in Hamlet.objects.filter(commune=commune).order_by("pk")]}
    for collection in _collections():
        model = resolve(f"{API}{collection}/").func.cls.serializer_class.Meta.model  # type: ignore[attr-defined]
        filed = {str(u) for u in model.objects.filter(commune=commune).values_list("uuid", flat=True)}
        listed = client.get(f"{API}{collection}/", {"page_size": 500}).json()["results"]
        pools[collection] = [row["uuid"] for row in listed if row["uuid"] in filed]
    empty = sorted(name for name, uuids in pools.items() if not uuids)
    if empty:
        raise RuntimeError(f"The world has nothing of the commune in {empty}: the demo data changed")
    return pools


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, in a transaction rolled back after the module's last test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = _build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def keep_connection():
    """The WSGI app is called directly, not through Django's test client: stop it from closing the
    test's database connection at the start and end of each request (as the test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# 1. Every operation, on real objects.


def _recent(digest: int) -> str:
    """A moment of the last year, in Vietnam's time: what a record would hold."""
    return f"{today() - dt.timedelta(days=1 + digest % 365)}T{digest % 24:02}:00:00+07:00"


def _current_version(case: Any) -> str:
    """The If-Match of the current version of the record in the path (as bound already)."""
    try:
        addressed = uuid.UUID(str(case.path_parameters.get("uuid")))
    except ValueError:
        return '"1"'
    version = Person.objects.filter(uuid=addressed).values_list("version", flat=True).first()
    return f'"{version or 1}"'


def _slots(case: Any, pools: dict[str, list[str]]) -> list[tuple[dict, str, Callable[[int], str]]]:
    """What of ``case`` to make real, in order: (container, name, the real value for a digest)."""
    slots: list[tuple[dict, str, Callable[[int], str]]] = []

    def among(real: list[str]) -> Callable[[int], str]:
        return lambda digest: real[digest % len(real)]

    if "uuid" in (case.path_parameters or {}):
        slots.append((case.path_parameters, "uuid", among(pools[case.path.split("/")[3]])))
    for container in (case.query, case.body):
        if isinstance(container, dict):
            slots += [
                (container, name, among(pools[REFERENCES[name]])) for name in REFERENCES if name in container
            ]
    if isinstance(case.body, dict):
        slots += [(case.body, name, _recent) for name in MOMENTS if isinstance(case.body.get(name), str)]
    if case.headers and "If-Match" in case.headers:
        slots.append((case.headers, "If-Match", lambda _digest: _current_version(case)))
    return slots


def bind_real_objects(case: Any, world: World, *, linked: frozenset[str] = frozenset()) -> None:
    """Four times in five, each object reference of a generated case becomes the uuid of a real
    object of the caller's commune, each moment one of the last year, and If-Match the current
    version. Not the parameter a negative or coverage case is about: its odd value is the point of
    that case, nor what a link of the stateful phase set (``linked``). Done as the case is sent (the
    coverage phase's cases are made at collection, before the world), and chosen by the generated
    value, so that Hypothesis can replay and shrink it."""
    aimed = case.meta.phase.data.parameter if case.meta else None
    for container, name, real in _slots(case, world.pools):
        digest = zlib.crc32(repr(container[name]).encode())
        if name != aimed and name not in linked and digest % 5:
            container[name] = real(digest)


def _addresses_an_object(label: str) -> bool:
    """Whether an operation names an object it must find first: in its path, or a drug test's person.
    Random uuids there are 404s before any service code runs."""
    return any(location == "path" or name == "person" for op, location, name in ADDRESSING if op == label)


@pytest.fixture
def answers():
    """The statuses of one operation's generated requests. After the last one, an operation that
    addresses an object must have answered a 2xx at least once: the requests found the object, got
    past the checks and ran the service code."""
    seen: Counter[tuple[str, int]] = Counter()
    yield seen
    labels = {label for label, _status in seen}
    for label in filter(_addresses_an_object, labels):
        if not any(200 <= status < 300 for op, status in seen if op == label):
            pytest.fail(f"{label}: no generated request reached the service code: {dict(seen)}")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract_on_real_objects(case, db, world, keep_connection, answers):
    bind_real_objects(case, world)
    response = case.call_and_validate(headers=world.auth(world.caller), checks=CHECKS)
    if case.method.upper() == case.operation.method.upper():  # not a probe of another method
        answers[(case.operation.label, response.status_code)] += 1


# 2. Sequences along the links.

# The resources the API writes, and their reads (the read-only lists are the first phase's). The
# list of drug tests is left out: as a scenario's first call it feeds nothing the others use.
WRITABLE = r"^/api/v1/(people|drug-tests)/"
# What the stateful phase must reach with a 2xx through a link: a person read by the uuid a response
# gave and edited with the ETag it gave, a drug test recorded for that person and read back.
REACHED = {
    "GET /api/v1/people/{uuid}/",
    "PATCH /api/v1/people/{uuid}/",
    "POST /api/v1/drug-tests/",
    "GET /api/v1/drug-tests/{uuid}/",
}


def test_sequences_along_the_schemas_links_keep_the_contract(db, world, keep_connection):
    answered: Counter[tuple[str, int, bool]] = Counter()  # operation, status, reached through a link
    writable = schema.include(path_regex=WRITABLE).exclude(method="GET", path="/api/v1/drug-tests/")

    class Workflow(writable.as_state_machine()):  # type: ignore[misc]
        def setup(self):
            # Each scenario starts from the same world: what the one before wrote is undone (else the
            # same calls get other answers, and Hypothesis finds its scenarios inconsistent).
            self.scenario = transaction.atomic()
            self.scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def step(self, input):
            # What a link set stays (a uuid, an ETag from the response before); the rest is made
            # real as in the first phase (a first call's object, the moment of a linked drug test).
            linked = frozenset(name for _location, name in input.applied_parameters if name)
            bind_real_objects(input.case, world, linked=linked)
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": world.auth(world.caller)}

        def after_call(self, response, case):
            super().after_call(response, case)
            linked = self.recorder.find_parent(case_id=case.id) is not None
            answered[(case.operation.label, response.status_code, linked)] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                checks=[*CHECKS, ensure_resource_availability],
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    settings_ = settings(
        max_examples=50, stateful_step_count=10, deadline=None, suppress_health_check=list(HealthCheck)
    )
    Workflow.run(settings=settings_)
    reached = {label for label, status, linked in answered if linked and 200 <= status < 300}
    assert reached >= REACHED, sorted(answered.items())


# 3. Objects of the commune, asked for from elsewhere.


def _valid_body(label: str) -> dict[str, Any]:
    """A body each write operation accepts, so that the uuid under test is its only question."""
    yesterday = today() - dt.timedelta(days=1)
    return {
        "POST /api/v1/people/": {
            "full_name": f"Hồ Sơ Thử {uuid.uuid4().hex[:6]}",
            "sex": "female",
            "birth_date": "1993-02-01",
            "confirm_not_duplicate": True,
        },
        "PATCH /api/v1/people/{uuid}/": {"phone": "0905000111"},
        "POST /api/v1/drug-tests/": {
            "tested_at": f"{yesterday.isoformat()}T09:00:00+07:00",
            "place": "Trụ sở Công an xã",
            "reason": "grounds",
            "sample": "urine",
            "testing_body": "Công an xã",
            "tester": "Lê Thị Hoa",
            "result": "negative",
        },
    }[label]


def _ask(world: World, user: User, label: str, location: str, name: str, value: str):
    """``label`` as ``user``, with ``value`` at ``location``/``name``; any other object it names is
    the user's own (the path of an edit whose body is under test)."""
    method, path = label.split(" ", 1)
    target = value if location == "path" else str(world.own[user.pk].uuid)
    url = path.replace("{uuid}", target)
    options: dict[str, Any] = {}
    if method == "GET":
        return world.client(user).get(url, {name: value} if location == "query" else {})
    body = _valid_body(label) | ({name: value} if location == "body" else {})
    if method == "PATCH":
        version = Person.objects.filter(uuid=target).values_list("version", flat=True).first() or 1
        options["HTTP_IF_MATCH"] = f'"{version}"'
    return getattr(world.client(user), method.lower())(url, body, format="json", **options)


def _ours(world: World, label: str, location: str, name: str) -> str:
    """A uuid of the caller's commune for this place, one with which the caller's request finds
    something (a filter: the value of a row the caller lists)."""
    path = label.split(" ", 1)[1]
    if location == "path":
        return world.pools[path.split("/")[3]][0]
    if location == "body":
        return world.pools[REFERENCES[name]][0]
    rows = world.client(world.caller).get(path, {"page_size": 500}).json()["results"]
    return next(row[name] for row in rows if row.get(name) in world.pools[REFERENCES[name]])


@pytest.mark.parametrize("outsider", ["another commune", "another province"])
@pytest.mark.parametrize(("label", "location", "name"), ADDRESSING, ids=[" ".join(a) for a in ADDRESSING])
def test_an_object_of_the_commune_is_not_there_for_an_officer_elsewhere(
    db, world, label, location, name, outsider
):
    theirs, ours = world.outsiders[outsider], _ours(world, label, location, name)
    asked = _ask(world, theirs, label, location, name, ours)
    missing = _ask(world, theirs, label, location, name, str(uuid.uuid4()))
    assert (asked.status_code, asked.json()) == (missing.status_code, missing.json())
    if location == "query":  # a filter: the empty page
        assert asked.status_code == 200 and asked.json()["count"] == 0
    elif name != "hamlet":  # a record, in the path or as a drug test's person: not found
        assert asked.status_code == 404
    # (A hamlet of another commune is refused in a record as one that does not exist: a 400.)
    # The caller's own request with the same uuid finds it: the uuid was the only question.
    own = _ask(world, world.caller, label, location, name, ours)
    assert own.status_code == {"GET": 200, "PATCH": 200, "POST": 201}[label.split(" ", 1)[0]], own.content
    assert location != "query" or own.json()["count"] > 0
