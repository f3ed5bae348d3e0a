"""Who may call the API at all: a token only for the actions it was issued, a role only with the
capability the resource needs, refused before the input is read."""

from hoanhap.api.models import ApiAction

PEOPLE = "/api/v1/people/"


def test_a_signed_in_user_reaches_the_api_with_the_pages_session(login, officer_a, make_person):
    make_person(officer_a)
    response = login(officer_a).get(PEOPLE)
    assert response.status_code == 200 and response.json()["count"] == 1


def test_a_token_reads_and_writes_only_what_it_was_issued_for(api, officer_a, make_person):
    make_person(officer_a)
    reader = api(officer_a, actions=[ApiAction.PEOPLE_READ])
    assert reader.get(PEOPLE).status_code == 200
    refused = reader.post(
        PEOPLE, {"full_name": "Lê Văn Mới", "sex": "male", "birth_year": 1990}, format="json"
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    assert api(officer_a, actions=[ApiAction.CASES_READ]).get(PEOPLE).status_code == 403


def test_a_method_the_endpoint_does_not_offer_is_a_405_whatever_the_token(api, officer_a):
    """Not "not allowed for you" (403): the endpoint has no such method for anyone."""
    for actions in ([ApiAction.CASES_READ], list(ApiAction.values)):
        client = api(officer_a, actions=actions)
        assert client.delete("/api/v1/managements/").status_code == 405
        assert client.put(PEOPLE, {}, format="json").status_code == 405


def test_a_role_that_may_not_write_is_refused_before_its_input_is_read(api, chairman_a, officer_a):
    """The chairman reads the commune's people but does not create them: a 403, not the 400 that
    reading a broken body would give."""
    client = api(chairman_a)
    assert client.get(PEOPLE).status_code == 200
    broken = client.post(PEOPLE, "{not json", content_type="application/json")
    assert broken.status_code == 403
    assert api(officer_a).post(PEOPLE, "{not json", content_type="application/json").status_code == 400


def test_a_role_that_may_not_read_a_resource_is_refused_not_served_an_empty_list(api, auditor):
    assert api(auditor).get(PEOPLE).status_code == 403


def test_the_apis_description_is_public_only_where_configured(client, api, officer_a, settings):
    """Open in development; in production only to a signed-in user or a token, anonymous or not."""
    for public, anonymous, signed in ((True, 200, 200), (False, 401, 200)):
        settings.API_DOCS_PUBLIC = public
        assert client.get("/api/schema/").status_code == anonymous
        assert api(officer_a).get("/api/schema/").status_code == signed
