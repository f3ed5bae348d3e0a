"""Garbage into every form and filter: always a 4xx or a redirect with a message, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoanhap.geo.services import create_hamlet
from hoanhap.people.views import SEARCHED

FIELDS = [
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "national_id",
    "hamlet",
    "version",
    "page",
    "q",
    "to_commune",
    "moved_on",
    "reason",
    "token",
    "username",
    "password",
    "role",
    "commune",
    "kind",
    "name",
    "on",
    "replaced_by",
    "take_from_absorbed",
    "substances",
    "prior_rehab_count",
    "confirm",
]
junk_values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "-1",
            "0",
            "99999999999999999999",
            "31/02/2020",
            "1e9",
            "null",
            "\x00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "00000000-0000-0000-0000-000000000000",
        ]
    ),
)
junk = st.dictionaries(st.sampled_from(FIELDS), junk_values, max_size=8)


@pytest.fixture
def pages(head_a, make_person):
    person = make_person(head_a)
    other = make_person(head_a, full_name="Lê Văn Bình")
    hamlet = create_hamlet(head_a, commune=head_a.commune, kind="xom", name="1")
    return [
        reverse("people:search"),
        reverse("people:create"),
        reverse("people:edit", args=[person.uuid]),
        reverse("people:transfer", args=[person.uuid]),
        reverse("people:merge", args=[person.uuid, other.uuid]),
        reverse("geo:hamlets"),
        reverse("geo:hamlet_edit", args=[hamlet.uuid]),
        reverse("geo:hamlet_retire", args=[hamlet.uuid]),
        reverse("set_language"),
    ]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=junk)
def test_no_form_answers_garbage_with_a_500(login, head_a, pages, data):
    client = login(head_a)
    session = client.session
    session[SEARCHED] = "Nguyễn Văn An"
    session.save()
    for url in pages:
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=junk)
def test_no_filter_answers_garbage_with_a_500(login, auditor, sysadmin, data):
    assert login(auditor).get(reverse("audit:list"), data).status_code < 500
    admin = login(sysadmin)
    assert admin.get(reverse("accounts:user_list"), data).status_code < 500
    assert admin.post(reverse("accounts:user_create"), data).status_code < 500


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=junk)
def test_log_in_pages_answer_garbage_without_a_500(client, officer_a, data):
    assert client.post(reverse("accounts:login"), data).status_code < 500
