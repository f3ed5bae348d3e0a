"""Scope cases for every people view: out of scope 404, read-only 403 on writes, anonymous redirect;
plus audit of reads, search-before-create, bad input and privacy headers."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.people.models import Person

ID_1990_MALE = "040090012345"


@pytest.fixture
def person_a(officer_a, make_person):
    return make_person(officer_a, national_id=ID_1990_MALE)


def _detail(person):
    return reverse("people:detail", args=[person.uuid])


# --- scope -------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, person_a):
    response = client.get(_detail(person_a))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", ["detail", "edit", "history", "transfer"])
def test_officer_of_other_commune_gets_404_by_url(login, officer_b, person_a, name):
    response = login(officer_b).get(reverse(f"people:{name}", args=[person_a.uuid]))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(actor=officer_b, action=Action.DENIED).exists()


def test_guessed_uuid_gives_the_same_404_as_out_of_scope(login, officer_b):
    response = login(officer_b).get(reverse("people:detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert response.status_code == 404


def test_other_commune_cannot_find_the_person_by_name_or_id(login, officer_b, person_a):
    client = login(officer_b)
    for query in ["nguyen van an", ID_1990_MALE]:
        response = client.post(reverse("people:search"), {"q": query})
        assert response.status_code == 200
        assert _detail(person_a) not in response.content.decode()


def test_export_holds_only_the_users_own_commune(login, officer_a, officer_b, person_a, make_person):
    make_person(officer_b, full_name="Phạm Văn Bảo", birth_date=dt.date(1988, 2, 2))
    response = login(officer_b).get(reverse("people:export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Phạm Văn Bảo"]
    assert AuditEntry.objects.filter(actor=officer_b, action=Action.EXPORT, extra__rows=1).exists()


def test_csv_export_is_guarded_readable_by_excel_and_audited(login, officer_a, make_person):
    import csv

    make_person(officer_a, full_name='=HYPERLINK("http://x")', birth_date=dt.date(1988, 2, 2))
    response = login(officer_a).get(reverse("people:export") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv") and response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Họ và tên" and rows[1][0] == '\'=HYPERLINK("http://x")'
    assert AuditEntry.objects.filter(actor=officer_a, action=Action.EXPORT, extra__format="csv").exists()


def test_province_user_sees_that_province_only(login, province_manager, officer_a, officer_c, make_person):
    in_province = make_person(officer_a)
    other_province = make_person(officer_c, full_name="Y Bin Niê", birth_date=dt.date(1992, 3, 3))
    client = login(province_manager)
    assert client.get(_detail(in_province)).status_code == 200
    assert client.get(_detail(other_province)).status_code == 404
    response = client.post(reverse("people:search"), {"q": ""})
    page = response.content.decode()
    assert _detail(in_province) in page and _detail(other_province) not in page


def test_province_user_is_read_only(login, province_manager, person_a):
    response = login(province_manager).get(reverse("people:edit", args=[person_a.uuid]))
    assert response.status_code == 403


def test_ministry_viewer_sees_every_province(login, ministry, person_a, officer_c, make_person):
    other = make_person(officer_c, full_name="Y Bin Niê", birth_date=dt.date(1992, 3, 3))
    client = login(ministry)
    assert client.get(_detail(person_a)).status_code == 200
    assert client.get(_detail(other)).status_code == 200


@pytest.mark.parametrize("who", ["helper_a", "auditor", "sysadmin"])
def test_roles_without_a_unit_scope_on_people_see_nobody(request, login, person_a, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_detail(person_a)).status_code == 404


def test_helper_has_no_access_to_the_registry(login, helper_a, person_a):
    # Helpers will see their assigned people through a view of their own, never the registry.
    assert login(helper_a).post(reverse("people:search"), {"q": "an"}).status_code == 403


def test_national_id_is_masked_for_roles_that_do_not_need_it(login, health_a, officer_a, person_a):
    assert ID_1990_MALE in login(officer_a).get(_detail(person_a)).content.decode()
    page = login(health_a).get(_detail(person_a)).content.decode()
    assert ID_1990_MALE not in page and "•••••••••345" in page


# --- audit of reads ----------------------------------------------------------------------------


def test_every_read_of_a_person_is_audited(login, chairman_a, person_a):
    client = login(chairman_a)
    client.get(_detail(person_a))
    client.get(reverse("people:history", args=[person_a.uuid]))
    reads = AuditEntry.objects.filter(actor=chairman_a, action=Action.PERSON_READ, object_uuid=person_a.uuid)
    assert reads.count() == 2


def test_search_is_audited_without_the_search_terms(login, officer_a, person_a):
    login(officer_a).post(reverse("people:search"), {"q": "nguyen van an"})
    entry = AuditEntry.objects.get(actor=officer_a, action=Action.PERSON_SEARCH)
    assert entry.extra["results"] == 1 and "nguyen" not in str(entry.extra)


# --- create, edit, conflicts -------------------------------------------------------------------


def _profile(**overrides):
    data = {
        "full_name": "Hồ Văn Dũng",
        "birth_date": "09/05/1990",
        "sex": "male",
        "nationality": "Việt Nam",
        "stable_residence": "permanent",
        "prior_rehab_count": "0",
        "education": "",
        "route": "",
    }
    return {**data, **overrides}


def test_staff_must_search_before_creating(login, officer_a):
    client = login(officer_a)
    assert client.get(reverse("people:create")).status_code == 302
    client.post(reverse("people:search"), {"q": "Hồ Văn Dũng"})
    response = client.get(reverse("people:create"))
    assert response.status_code == 200 and 'value="Hồ Văn Dũng"' in response.content.decode()


def test_create_through_the_form(login, officer_a):
    client = login(officer_a)
    client.post(reverse("people:search"), {"q": "Hồ Văn Dũng"})
    response = client.post(reverse("people:create"), _profile(national_id="040090012345", aliases="Dũng còi"))
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(person)
    assert person.national_id == "040090012345" and list(person.aliases.values_list("name", flat=True)) == [
        "Dũng còi"
    ]


def test_create_warns_about_a_likely_duplicate_then_allows_confirmation(login, officer_a, person_a):
    client = login(officer_a)
    client.post(reverse("people:search"), {"q": "Nguyen Van An"})
    response = client.post(reverse("people:create"), _profile(full_name="Nguyen Van An"))
    assert response.status_code == 409
    assert "Có thể đã có hồ sơ" in response.content.decode()
    response = client.post(reverse("people:create"), {**_profile(full_name="Nguyen Van An"), "confirm": "1"})
    assert response.status_code == 302 and Person.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"full_name": ""}, "bắt buộc"),
        ({"birth_date": "31/02/1990"}, "Ngày không hợp lệ"),
        ({"birth_date": "01/01/2090"}, "tương lai"),
        ({"birth_date": "", "birth_year": ""}, "ít nhất năm sinh"),
        ({"national_id": "12345"}, "12 chữ số"),
        ({"national_id": "040190012345"}, "giới tính"),
        ({"national_id": "040091012345"}, "năm sinh"),
        ({"sex": "robot"}, "lựa chọn hợp lệ"),
        ({"first_use_on": "01/01/1980"}, "trước ngày sinh"),
        ({"prior_rehab_count": "-1"}, "lớn hơn hoặc bằng"),
        ({"hamlet": "00000000-0000-4000-8000-000000000000"}, "lựa chọn hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_a_400(login, officer_a, overrides, message):
    client = login(officer_a)
    client.post(reverse("people:search"), {"q": "Hồ Văn Dũng"})
    response = client.post(reverse("people:create"), _profile(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.exists()


def test_stale_edit_is_refused_with_the_current_values(login, officer_a, head_a, person_a):
    form = {**_profile(full_name=person_a.full_name), "national_id": ID_1990_MALE, "version": "1"}
    assert (
        login(head_a)
        .post(reverse("people:edit", args=[person_a.uuid]), {**form, "phone": "0911111111"})
        .status_code
        == 302
    )
    response = login(officer_a).post(
        reverse("people:edit", args=[person_a.uuid]), {**form, "phone": "0922222222"}
    )
    assert response.status_code == 409
    assert "0911111111" in response.content.decode()
    person_a.refresh_from_db()
    assert person_a.phone == "0911111111"


def test_garbage_posts_never_cause_a_500(login, officer_a, person_a):
    client = login(officer_a)
    junk = {"version": "abc", "birth_year": "x" * 500, "substances": ["nope"], "full_name": "\x00"}
    for name in ["edit", "transfer"]:
        assert client.post(reverse(f"people:{name}", args=[person_a.uuid]), junk).status_code == 400
    assert client.post(reverse("people:search"), {"birth_year": "abc", "page": "-3"}).status_code == 400


def test_transfer_through_the_form_then_old_commune_sees_only_the_trace(
    login, officer_a, officer_c, person_a
):
    client = login(officer_a)
    response = client.post(
        reverse("people:transfer", args=[person_a.uuid]),
        {"to_commune": officer_c.commune_id, "moved_on": "01/09/2026", "reason": "Đi làm"},
    )
    assert response.status_code == 302
    trace = client.get(_detail(person_a)).content.decode()
    assert "Đã chuyển đi" in trace and ID_1990_MALE not in trace
    assert client.get(reverse("people:edit", args=[person_a.uuid])).status_code == 403
    assert login(officer_c).get(_detail(person_a)).status_code == 200


def test_merge_through_the_form_and_explain_it_afterwards(login, head_a, make_person):
    survivor = make_person(head_a, phone="0911111111")
    absorbed = make_person(head_a, full_name="Nguyen Van An", phone="0922222222")
    client = login(head_a)
    pairs_page = client.get(reverse("people:duplicates")).content.decode()
    assert reverse("people:merge", args=[survivor.uuid, absorbed.uuid]) in pairs_page
    response = client.post(reverse("people:merge", args=[survivor.uuid, absorbed.uuid]), {"reason": "Trùng"})
    assert response.status_code == 302
    explanation = client.get(response["Location"]).content.decode()
    assert "0922222222" in explanation and "Trùng" in explanation


# --- privacy headers ---------------------------------------------------------------------------


def test_personal_pages_are_not_cached_and_carry_a_nonce_csp(login, officer_a, person_a):
    response = login(officer_a).get(_detail(person_a))
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "'nonce-" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_search_form_posts_so_terms_never_reach_urls_or_logs(login, officer_a):
    page = login(officer_a).get(reverse("people:search")).content.decode()
    assert '<form id="search-form" class="search card" method="post"' in page


def test_a_refused_read_is_filed_under_the_unit_of_the_record_asked_for(
    login, officer_a, officer_c, person_a
):
    """An officer of another province asks for A's record: the same 404 as a missing one, and the
    denial is in the log of A's province (its auditor would not see it otherwise)."""
    from conftest import PASSWORD
    from hoanhap.accounts.services import create_user
    from hoanhap.audit.models import Action, AuditEntry
    from hoanhap.audit.selectors import entries_visible_to
    from hoanhap.lib.roles import Role

    missing = login(officer_c).get(reverse("people:detail", args=["00000000-0000-0000-0000-000000000000"]))
    refused = login(officer_c).get(_detail(person_a))
    assert missing.status_code == refused.status_code == 404
    denied = AuditEntry.objects.filter(action=Action.DENIED, actor=officer_c).order_by("id")
    assert [(d.province_code, d.commune_code) for d in denied] == [("", ""), ("40", person_a.commune_id)]
    assert denied.last().object_uuid == person_a.uuid
    auditor_40 = create_user(None, password=PASSWORD, username="aud40", role=Role.AUDITOR, province_id="40")
    assert entries_visible_to(auditor_40).filter(pk=denied.last().pk).exists()
