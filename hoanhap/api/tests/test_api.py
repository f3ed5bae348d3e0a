"""The API: tokens (actions, expiry, revocation, unit), the UI's scoping for every role, one error
shape in Vietnamese, optimistic concurrency, audit, and no reporter ever."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from hoanhap.accounts.scoping import unit_filter
from hoanhap.api.models import ApiToken
from hoanhap.api.services import revoke_token
from hoanhap.audit.models import AuditEntry
from hoanhap.cases.models import DrugTest
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.hotline import services as hotline
from hoanhap.hotline.models import Tip
from hoanhap.lib.roles import Cap
from hoanhap.people.models import DuplicateReview, Person
from hoanhap.people.selectors import search_people

PEOPLE = "/api/v1/people/"
REPORTER = {"name": "Phan Thị Hiền", "phone": "0977000111"}


@pytest.fixture
def world(officer_a, officer_b, officer_c, make_person):
    """People and tips in three communes of two provinces."""
    people = [
        make_person(officer_a, full_name="Nguyễn Văn An"),
        make_person(officer_a, full_name="Trần Văn Bình", birth_date=dt.date(1988, 1, 2)),
        make_person(officer_b, full_name="Lê Văn Cường"),
        make_person(officer_c, full_name="Phạm Văn Dũng"),
    ]
    for officer, person in ((officer_a, people[0]), (officer_b, people[2]), (officer_c, people[3])):
        record_drug_test(
            officer,
            person=person,
            data={
                "tested_at": dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC),
                "place": "Trụ sở Công an xã",
                "reason": "grounds",
                "sample": "urine",
                "testing_body": "Công an xã",
                "tester": "Lê Thị Hoa",
                "result": "negative",
            },
        )
        hotline.receive_tip(
            officer,
            channel="phone",
            category="use",
            summary="Có người sử dụng ma túy",
            commune=officer.commune,
            reporter=REPORTER,
        )
    return people


def _all(client, url):
    rows, page = [], url
    while page:
        response = client.get(page)
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        page = body["next"]
    return rows


ROLES = [
    "officer_a",
    "head_a",
    "chairman_a",
    "health_a",
    "helper_a",
    "officer_b",
    "province_manager",
    "provincial_police",
    "ministry",
    "auditor",
    "sysadmin",
]


@pytest.mark.parametrize("role", ROLES)
def test_api_scoping_matches_the_ui_for_every_role(role, request, world, api):
    user = request.getfixturevalue(role)
    client = api(user)
    if not user.has_cap(Cap.VIEW_PEOPLE):  # refused outright, not served an empty list
        for url in (PEOPLE, "/api/v1/tips/", "/api/v1/drug-tests/", f"{PEOPLE}{world[0].uuid}/"):
            assert client.get(url).status_code == 403
        return
    people = {row["uuid"] for row in _all(client, PEOPLE + "?page_size=2")}
    assert people == {str(p.uuid) for p in search_people(user)}
    tips = {row["uuid"] for row in _all(client, "/api/v1/tips/")}
    assert tips == {str(t.uuid) for t in Tip.objects.filter(unit_filter(user))}
    tests = {row["uuid"] for row in _all(client, "/api/v1/drug-tests/")}
    assert tests == {str(t.uuid) for t in DrugTest.objects.filter(unit_filter(user))}
    for person in world:
        detail = client.get(f"{PEOPLE}{person.uuid}/")
        assert detail.status_code == (200 if str(person.uuid) in people else 404)


def test_tokens_are_limited_to_their_actions_their_time_and_their_unit(
    world, api, officer_a, sysadmin, units
):
    reader = api(officer_a, actions=["people:read"])
    assert reader.get(PEOPLE).status_code == 200
    refused = reader.get("/api/v1/tips/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    assert reader.post(PEOPLE, {"full_name": "X"}, format="json").status_code == 403

    wrong = api(officer_a)
    wrong.credentials(HTTP_AUTHORIZATION="Bearer hn_00000000_nope")
    response = wrong.get(PEOPLE)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert "Khóa truy cập không hợp lệ" in response.json()["error"]["message"]

    short = api(officer_a, days=1)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=2)):
        assert short.get(PEOPLE).status_code == 401

    revoked = api(officer_a)
    revoke_token(sysadmin, token=ApiToken.objects.order_by("-created_at").first())
    assert revoked.get(PEOPLE).status_code == 401

    moved = api(officer_a)
    officer_a.commune_id = "16939"
    officer_a.save()
    assert moved.get(PEOPLE).status_code == 401  # issued for another unit


def test_reads_are_audited_and_tips_never_carry_the_reporter(world, api, head_a, provincial_police):
    for user in (head_a, provincial_police):  # both may reveal a reporter in the UI, never here
        client = api(user)
        listing = client.get("/api/v1/tips/")
        one = client.get(f"/api/v1/tips/{listing.json()['results'][0]['uuid']}/")
        for response in (listing, one):
            text = response.content.decode()
            assert response.status_code == 200
            assert REPORTER["name"] not in text and REPORTER["phone"] not in text and "reporter" not in text
    client = api(head_a)
    client.get(PEOPLE)
    client.get(f"{PEOPLE}{world[0].uuid}/")
    actions = list(AuditEntry.objects.filter(actor=head_a).values_list("action", "object_uuid", "extra"))
    assert ("person_search", None, {"api": "people", "results": 2}) in actions
    assert any(a == "person_read" and o == world[0].uuid for a, o, _e in actions)


def test_errors_have_one_shape_in_vietnamese_and_nothing_is_half_saved(world, api, officer_a):
    client = api(officer_a)
    bad = client.post(
        PEOPLE,
        {"full_name": "", "sex": "robot", "birth_date": "2090-01-01", "national_id": "12ab"},
        format="json",
    )
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["code"] == "invalid" and error["message"] == "Dữ liệu không hợp lệ."
    assert set(error["fields"]) == {"full_name", "sex", "national_id"}
    assert "12 chữ số" in error["fields"]["national_id"][0]
    future = client.post(
        PEOPLE, {"full_name": "Hồ Văn E", "sex": "male", "birth_date": "2090-01-01"}, format="json"
    )
    assert future.status_code == 400 and "tương lai" in future.json()["error"]["fields"]["birth_date"][0]
    assert client.get(f"{PEOPLE}not-a-uuid/").json()["error"]["code"] == "not_found"
    garbage = client.generic("POST", PEOPLE, "{not json", content_type="application/json")
    assert garbage.status_code == 400 and garbage.json()["error"]["code"] == "parse_error"
    assert client.post(PEOPLE, "x=1", content_type="text/plain").status_code == 415
    assert Person.objects.count() == len(world)


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        ("get", "/api/v1/drug-tests/?person=null", None, "person"),  # a filter's form field
        ("post", PEOPLE, "null", "non_field_errors"),  # DRF's "No data provided", never translated
        ("post", PEOPLE, '{"full_name": "A\\u0000B", "sex": "male"}', "full_name"),  # Django's validator
    ],
)
def test_errors_django_and_drf_leave_in_english_are_vietnamese(api, officer_a, method, url, body, field):
    client = api(officer_a)
    response = client.get(url) if body is None else client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    message = response.json()["error"]["fields"][field][0]
    assert not message.isascii(), message  # Vietnamese has letters outside ASCII; English has none


def test_create_then_concurrent_edits_never_overwrite_each_other(world, api, officer_a):
    client = api(officer_a)
    created = client.post(
        PEOPLE,
        {"full_name": "Hồ Văn Lợi", "sex": "male", "birth_date": "1994-08-12", "aliases": ["Lợi đen"]},
        format="json",
    )
    assert created.status_code == 201 and created["ETag"] == '"1"'
    duplicate = client.post(
        PEOPLE, {"full_name": "Hồ Văn Lợi", "sex": "male", "birth_date": "1994-08-12"}, format="json"
    )
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "possible_duplicate"
    url = f"{PEOPLE}{created.json()['uuid']}/"
    assert client.patch(url, {"phone": "0905"}, format="json").status_code == 428
    first = client.patch(url, {"phone": "0905111222"}, format="json", HTTP_IF_MATCH='"1"')
    assert first.status_code == 200 and first["ETag"] == '"2"'
    second = client.patch(url, {"current_address": "Xóm 9"}, format="json", HTTP_IF_MATCH='"1"')
    assert second.status_code == 412 and "phiên bản hiện tại: 2" in second.json()["error"]["message"]
    person = Person.objects.get(uuid=created.json()["uuid"])
    assert (person.phone, person.current_address) == ("0905111222", "")
    wrong_year = client.patch(url, {"birth_year": 1990}, format="json", HTTP_IF_MATCH='"2"')
    assert wrong_year.status_code == 400 and "không khớp" in json.dumps(wrong_year.json(), ensure_ascii=False)


@pytest.mark.parametrize("version", ['"²"', 'W/"٣"', '"1.0"', '"-1"'])
def test_an_if_match_that_names_no_version_is_a_412_not_a_server_error(world, api, officer_a, version):
    url = f"{PEOPLE}{world[0].uuid}/"
    response = api(officer_a).patch(url, {"phone": "0905111222"}, format="json", HTTP_IF_MATCH=version)
    assert response.status_code == 412 and response.json()["error"]["code"] == "stale"


def _drug_test(person, **changes):
    """A drug test as the API takes it, of ``person`` on 20/11/2026, positive unless changed."""
    data = {
        "person": str(person.uuid),
        "tested_at": "2026-11-20T09:00:00+07:00",
        "place": "Trụ sở Công an xã",
        "reason": "grounds",
        "sample": "urine",
        "testing_body": "Công an xã Diễn Châu",
        "tester": "Lê Thị Hoa",
        "result": "positive",
        "substances": ["ats"],
    }
    return {**data, **changes}


def test_a_drug_test_through_the_api_follows_the_same_rules(world, api, officer_a, officer_b):
    data = _drug_test(world[0])
    with time_machine.travel(dt.datetime(2026, 11, 21, 3, tzinfo=dt.UTC)):
        created = api(officer_a).post("/api/v1/drug-tests/", data, format="json")
        assert created.status_code == 201 and created.json()["decision_due"] is not None
        future = api(officer_a).post(
            "/api/v1/drug-tests/", {**data, "tested_at": "2027-01-01T09:00:00+07:00"}, format="json"
        )
        assert future.status_code == 400 and "tested_at" in future.json()["error"]["fields"]
        assert api(officer_b).post("/api/v1/drug-tests/", data, format="json").status_code == 404


def test_an_id_on_a_record_elsewhere_is_sent_for_review_saying_nothing_more(api, officer_a, officer_b):
    elsewhere = make_elsewhere(officer_b)
    response = api(officer_a).post(
        "/api/v1/people/",
        {
            "full_name": "Đinh Công Thử",
            "sex": "male",
            "birth_date": "1987-05-06",
            "national_id": "040087000123",
        },
        format="json",
    )
    body = response.content.decode()
    assert response.status_code == 409 and response.json()["error"]["code"] == "needs_review"
    assert elsewhere.full_name not in body and "Quỳnh" not in body
    assert DuplicateReview.objects.get().source == "api"


def make_elsewhere(officer_b):
    from hoanhap.people import services as people

    data = {"full_name": "Đinh Công Nơi Khác", "birth_date": dt.date(1987, 5, 6), "sex": "male"}
    return people.create_person(
        officer_b, commune=officer_b.commune, data={**data, "national_id": "040087000123"}
    )


def test_a_person_transferred_away_is_only_its_trace_in_the_api_as_on_the_page(
    world, api, login, officer_a, officer_c
):
    """Commune A transfers a person to C, and C edits the record: A's list and detail show the trace
    the page shows (name, birth year, the move), never C's record (ID, phone, addresses)."""
    from hoanhap.people import services as people

    moved = world[0]
    people.transfer_person(
        officer_a, person=moved, to_commune=officer_c.commune, moved_on=dt.date(2026, 9, 1)
    )
    moved.refresh_from_db()
    people.update_person(
        officer_c,
        person=moved,
        expected_version=moved.version,
        data={"phone": "0988777666", "current_address": "Số 9 đường Mới", "national_id": "040090001234"},
    )
    listed = {row["uuid"]: row for row in _all(api(officer_a), PEOPLE)}
    detail = api(officer_a).get(f"{PEOPLE}{moved.uuid}/")
    page = login(officer_a).get(reverse("people:detail", args=[moved.uuid])).content.decode()
    for shown in (listed[str(moved.uuid)], detail.json()):
        text = json.dumps(shown, ensure_ascii=False)
        assert "0988777666" not in text and "Số 9" not in text and "040090001234" not in text
        assert shown["full_name"] == moved.full_name and shown["transferred"] == {
            "moved_on": "2026-09-01",
            "to_commune": officer_c.commune_id,
        }
        assert shown["phone"] is None and shown["national_id"] is None and shown["commune"] is None
        assert shown["full_name"] in page and "01/09/2026" in page
    assert detail.status_code == 200 and "ETag" not in detail.headers
    assert api(officer_a).patch(f"{PEOPLE}{moved.uuid}/", {"phone": "1"}, format="json").status_code == 403
    own = api(officer_c).get(f"{PEOPLE}{moved.uuid}/").json()
    assert own["phone"] == "0988777666" and own["transferred"] is None


def test_a_drug_test_before_the_first_regime_is_a_400_with_its_reason(world, api, officer_a):
    old = _drug_test(world[0], tested_at="2021-12-31T23:30:00+07:00", result="negative", substances=[])
    refused = api(officer_a).post("/api/v1/drug-tests/", old, format="json")
    assert refused.status_code == 400 and "01/01/2022" in refused.json()["error"]["fields"]["tested_at"][0]
    first_day = {**old, "tested_at": "2022-01-01T00:30:00+07:00"}  # already 2022 in Vietnam
    assert api(officer_a).post("/api/v1/drug-tests/", first_day, format="json").status_code == 201


def test_moment_filters_take_any_offset_python_reads_and_refuse_moments_out_of_range(world, api, officer_a):
    client = api(officer_a)
    data = _drug_test(world[0], result="negative", substances=[])
    with time_machine.travel(dt.datetime(2026, 11, 21, 3, tzinfo=dt.UTC)):
        assert client.post("/api/v1/drug-tests/", data, format="json").status_code == 201
    # +23:02 is beyond what PostgreSQL reads (it answered 500); as UTC it is an ordinary moment.
    for after, found in (
        ("2026-11-20T02:00:00+00:00", 1),
        ("2026-11-21T00:58:00+23:02", 1),
        ("2026-11-21T01:01:00+23:00", 0),
        ("0329-02-08T02:09:37.7+23:02", DrugTest.objects.filter(person=world[0]).count()),
    ):
        listed = client.get("/api/v1/drug-tests/", {"tested_after": after, "person": str(world[0].uuid)})
        assert listed.status_code == 200, after
        assert len(listed.json()["results"]) == found, after
    for url, name in (("/api/v1/drug-tests/", "tested_after"), ("/api/v1/people/", "updated_after")):
        refused = client.get(url, {name: "0001-01-01T00:00:00+05:00"})
        assert refused.status_code == 400, url
        assert "phạm vi" in json.dumps(refused.json(), ensure_ascii=False)


def test_the_schema_and_its_docs_are_served(api, officer_a, login, settings, client):
    schema = api(officer_a).get(reverse("api:schema") + "?format=json")
    assert schema.status_code == 200 and "/api/v1/people/" in schema.content.decode()
    docs = login(officer_a).get(reverse("api:docs"))
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    # In production they are for signed-in users and tokens only.
    settings.API_DOCS_PUBLIC = False
    refused = client.get(reverse("api:schema"))
    assert refused.status_code == 401 and "code: not_authenticated" in refused.content.decode()
    assert "/api/v1/people/" not in refused.content.decode()
    refused = client.get(reverse("api:docs"))
    assert refused.status_code == 401 and b"swagger" not in refused.content.lower()
    assert api(officer_a).get(reverse("api:schema") + "?format=json").status_code == 200


def test_indicators_and_reports_through_the_api_match_the_pages(
    world, api, officer_a, officer_b, province_manager
):
    from hoanhap.reports import indicators
    from hoanhap.reports import services as reports

    with time_machine.travel(dt.datetime(2026, 9, 20, 3, tzinfo=dt.UTC)):
        mine = reports.open_report(officer_a, kind="quarterly", year=2026, number=3)
        reports.open_report(officer_b, kind="quarterly", year=2026, number=3)
        values = api(province_manager).get("/api/v1/indicators/?kind=quarterly&year=2026&number=3")
        assert values.status_code == 200
        period = reports.period_of("quarterly", 2026, 3)
        live = indicators.compute(period, indicators.unit_scope(province_id="40"))
        assert {r["code"]: r["numerator"] for r in values.json()} == {
            c: v.numerator for c, (_d, v) in live.items()
        }
        bad = api(province_manager).get("/api/v1/indicators/?kind=quarterly&year=2026&number=9")
        assert bad.status_code == 400 and "number" in bad.json()["error"]["fields"]
    assert [r["uuid"] for r in api(officer_a).get("/api/v1/reports/").json()["results"]] == [str(mine.uuid)]
    assert len(api(province_manager).get("/api/v1/reports/").json()["results"]) == 2
    assert api(officer_a, actions=["people:read"]).get("/api/v1/reports/").status_code == 403


def test_plans_through_the_api(api, officer_a, officer_c, province_manager):
    from hoanhap.programs import services as programs
    from hoanhap.programs.tests.test_plans import example

    plan = programs.import_plan(officer_a, example())
    body = api(officer_a).get("/api/v1/plans/").json()["results"]
    assert [p["uuid"] for p in body] == [str(plan.uuid)] and len(body[0]["tasks"]) == 6
    assert {t["indicator"] for t in body[0]["targets"]} == {
        None,
        "counselled_addicted",
        "aftercare_supported",
    }
    assert api(province_manager).get(f"/api/v1/plans/{plan.uuid}/").status_code == 200
    assert api(officer_c).get(f"/api/v1/plans/{plan.uuid}/").status_code == 404  # another province
