"""Query parameters: a list answers only to the filters, ordering and page it declares. An empty,
repeated or unknown parameter is a 400 naming it, never the whole unfiltered list."""

import datetime as dt

import pytest

from hoanhap.cases.services.drug_tests import record_drug_test

PEOPLE = "/api/v1/people/"
TESTS = "/api/v1/drug-tests/"
PERIOD = "kind=quarterly&year=2026&number=3"


@pytest.fixture
def client(api, officer_a):
    return api(officer_a)


@pytest.fixture
def tested(officer_a, make_person):
    """Two people of commune A, one of them tested."""
    people = [make_person(officer_a, full_name=name) for name in ("Nguyễn Văn An", "Lê Văn Bình")]
    record_drug_test(
        officer_a,
        person=people[0],
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
    return people


def _refused(response, name):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == [name], error
    return error["fields"][name][0]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{PEOPLE}?persn=3f2b8c4e-8d7a-4b1e-9c55-2b8f0e4d1a77", "persn"),
        (f"{TESTS}?person_uuid=3f2b8c4e-8d7a-4b1e-9c55-2b8f0e4d1a77", "person_uuid"),
        ("/api/v1/tips/?commune=17464", "commune"),
        ("/api/v1/plans/?person=3f2b8c4e-8d7a-4b1e-9c55-2b8f0e4d1a77", "person"),
        (f"/api/v1/indicators/?{PERIOD}&province=66", "province"),
        (f"{PEOPLE}3f2b8c4e-8d7a-4b1e-9c55-2b8f0e4d1a77/?fields=phone", "fields"),
    ],
)
def test_an_unknown_query_parameter_is_refused_naming_it(client, province_manager, api, url, name):
    if url.startswith("/api/v1/indicators/"):
        client = api(province_manager)
    assert "không được hỗ trợ" in _refused(client.get(url), name)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{PEOPLE}?hamlet=", "hamlet"),
        (f"{PEOPLE}?updated_after=", "updated_after"),
        (f"{PEOPLE}?birth_year=%20", "birth_year"),
        (f"{TESTS}?person=", "person"),
        ("/api/v1/tips/?person=", "person"),
        (f"{PEOPLE}?ordering=", "ordering"),
        (f"{PEOPLE}?page=", "page"),
        (f"{PEOPLE}?page_size=", "page_size"),
    ],
)
def test_an_empty_parameter_is_refused_not_read_as_no_filter(client, tested, url, name):
    assert "để trống" in _refused(client.get(url), name)


def test_a_repeated_parameter_is_refused(client, tested):
    first, second = tested
    url = f"{TESTS}?person={first.uuid}&person={second.uuid}"
    assert "một lần" in _refused(client.get(url), "person")


@pytest.mark.parametrize("value", ["null", "0", "-1", "501", "1.5", "²", "10abc"])
def test_page_size_is_a_positive_integer_within_the_maximum(client, tested, value):
    assert "500" in _refused(client.get(PEOPLE, {"page_size": value}), "page_size")


@pytest.mark.parametrize("value", ["null", "0", "-1", "²", "last1"])
def test_page_is_a_positive_integer(client, tested, value):
    _refused(client.get(PEOPLE, {"page": value}), "page")


def test_declared_parameters_still_filter_order_and_page(client, tested):
    first, second = tested
    asked = {"person": first.uuid, "ordering": "-tested_at", "page_size": 500, "format": "json"}
    listed = client.get(TESTS, asked)
    assert listed.status_code == 200 and [r["person"] for r in listed.json()["results"]] == [str(first.uuid)]
    assert client.get(TESTS, {"person": second.uuid}).json()["count"] == 0
    assert client.get(PEOPLE, {"page_size": 1, "page": 2}).json()["count"] == 2
    assert client.get(PEOPLE, {"page": "last", "page_size": 1}).status_code == 200
    assert client.get(PEOPLE, {"page": 3, "page_size": 1}).status_code == 404  # past the end


def test_the_schema_documents_the_parameters_and_the_refusal(client):
    schema = client.get("/api/schema/?format=json").json()
    listing = schema["paths"]["/api/v1/people/"]["get"]
    parameters = {p["name"]: p["schema"] for p in listing["parameters"]}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert parameters["page"]["minimum"] == 1
    assert parameters["hamlet"]["minLength"] == 1 and parameters["updated_after"]["minLength"] == 1
    assert "không được khai báo" in listing["responses"]["400"]["description"]
    assert "không được khai báo" in schema["info"]["description"]
