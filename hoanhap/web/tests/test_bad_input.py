"""Garbage into every form and filter. Crash guards throw random input at each page and ask only
that none answers with a 500 (fuzzing); the exact answers, the status, the Vietnamese message and
what was (not) saved, are the tests after them, one kind of garbage each."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoanhap.accounts.models import User
from hoanhap.geo.models import Hamlet
from hoanhap.geo.services import create_hamlet
from hoanhap.people.models import Person
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
    # The audit log's filters.
    "user",
    "person",
    "action",
    "purpose",
    "date_from",
    "date_to",
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
def test_crash_guard_no_form_answers_random_input_with_a_500(login, head_a, pages, data):
    client = login(head_a)
    session = client.session
    session[SEARCHED] = "Nguyễn Văn An"
    session.save()
    for url in pages:
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=junk)
def test_crash_guard_no_filter_answers_random_input_with_a_500(login, auditor, sysadmin, data):
    assert login(auditor).get(reverse("audit:list"), data).status_code < 500
    admin = login(sysadmin)
    assert admin.get(reverse("accounts:user_list"), data).status_code < 500
    assert admin.post(reverse("accounts:user_create"), data).status_code < 500


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=junk)
def test_crash_guard_the_log_in_page_answers_random_input_without_a_500(client, officer_a, data):
    assert client.post(reverse("accounts:login"), data).status_code < 500


# The exact answers.

BAD_DATE = "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2026."
NOT_A_CHOICE = "Hãy chọn một lựa chọn hợp lệ."
REQUIRED = "Trường này là bắt buộc."
NULL = "Không được có ký tự null"


def _searched(client):
    session = client.session
    session[SEARCHED] = "Lê Văn Mới"
    session.save()
    return client


def test_a_new_person_born_on_31_february_is_refused_and_not_created(login, head_a):
    client = _searched(login(head_a))
    data = {"full_name": "Lê Văn Mới", "birth_date": "31/02/2020", "sex": "male"}
    response = client.post(reverse("people:create"), data)
    assert response.status_code == 400 and BAD_DATE in response.content.decode()
    assert not Person.objects.exists()


def test_an_edit_with_an_impossible_date_is_refused_and_the_record_unchanged(login, head_a, make_person):
    person = make_person(head_a)
    form = {"full_name": "Lê Văn Khác", "birth_date": "31/02/2020", "sex": "male", "version": "1"}
    response = login(head_a).post(reverse("people:edit", args=[person.uuid]), form)
    assert response.status_code == 400 and BAD_DATE in response.content.decode()
    person.refresh_from_db()
    assert (person.full_name, person.version) == ("Nguyễn Văn An", 1)


def test_a_transfer_to_a_commune_that_does_not_exist_is_refused_and_the_person_stays(
    login, head_a, make_person
):
    person = make_person(head_a)
    data = {"to_commune": "99999", "moved_on": "01/09/2026", "reason": "Chuyển nơi ở"}
    response = login(head_a).post(reverse("people:transfer", args=[person.uuid]), data)
    body = response.content.decode()
    assert response.status_code == 400 and "Không có xã, phường đang hoạt động nào mang mã này." in body
    person.refresh_from_db()
    assert (person.commune_id, person.version) == (head_a.commune_id, 1)


def test_a_merge_without_its_ground_is_refused_and_both_records_stay(login, head_a, make_person):
    person, other = make_person(head_a), make_person(head_a, full_name="Lê Văn Bình")
    response = login(head_a).post(reverse("people:merge", args=[person.uuid, other.uuid]), {"reason": ""})
    assert response.status_code == 400 and REQUIRED in response.content.decode()
    assert Person.objects.filter(merged_into__isnull=True).count() == 2


def test_a_hamlet_of_no_known_kind_is_refused_and_none_is_added(login, head_a):
    response = login(head_a).post(reverse("geo:hamlets"), {"kind": "nonsense", "name": "Xóm Mới"})
    assert response.status_code == 400 and NOT_A_CHOICE in response.content.decode()
    assert not Hamlet.objects.exists()


def test_a_hamlet_merged_into_one_that_does_not_exist_is_refused_and_stays(login, head_a):
    hamlet = create_hamlet(head_a, commune=head_a.commune, kind="xom", name="1")
    data = {"replaced_by": "00000000-0000-0000-0000-000000000000"}
    response = login(head_a).post(reverse("geo:hamlet_retire", args=[hamlet.uuid]), data)
    assert response.status_code == 400 and NOT_A_CHOICE in response.content.decode()
    assert Hamlet.objects.active().get() == hamlet


def test_a_search_with_a_null_character_is_refused(login, head_a):
    response = login(head_a).post(reverse("people:search"), {"q": "An\x00"})
    assert response.status_code == 400 and NULL in response.content.decode()


def test_an_unknown_language_leaves_the_language_as_it_was(login, head_a):
    response = login(head_a).post(reverse("set_language"), {"language": "xx"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "django_language" not in response.cookies


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"date_from": "31/02/2020"}, "Nhập một ngày hợp lệ."),
        ({"person": "abc"}, "Cần một UUID hợp lệ."),
        ({"action": "nonsense"}, NOT_A_CHOICE),
    ],
)
def test_an_audit_filter_that_is_not_a_date_a_uuid_or_a_choice_is_refused_in_vietnamese(
    login, auditor, data, says
):
    response = login(auditor).get(reverse("audit:list"), data)
    assert response.status_code == 400 and says in response.content.decode()


def test_a_page_number_that_is_not_one_lists_the_users_all_the_same(login, sysadmin, head_a):
    for page in ("-1", "abc"):
        response = login(sysadmin).get(reverse("accounts:user_list"), {"page": page})
        assert response.status_code == 200 and "head_a" in response.content.decode()


def test_a_user_of_no_known_role_is_refused_and_not_created(login, sysadmin):
    data = {"username": "moi", "password": "correct-horse-battery-43", "role": "nonsense"}
    response = login(sysadmin).post(reverse("accounts:user_create"), data)
    assert response.status_code == 400 and NOT_A_CHOICE in response.content.decode()
    assert not User.objects.filter(username="moi").exists()


def test_a_log_in_with_a_null_character_is_refused_and_signs_nobody_in(client, officer_a):
    response = client.post(reverse("accounts:login"), {"username": "officer_a\x00", "password": "x"})
    assert response.status_code == 400 and NULL in response.content.decode()
    assert "_auth_user_id" not in client.session
