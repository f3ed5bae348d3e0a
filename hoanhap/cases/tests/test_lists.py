"""Lists by status with filters and Excel export, scoped to the user's unit."""

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.tests.test_voluntary import assess, register


def test_lists_follow_the_derived_status(
    login, officer_a, officer_b, make_person, person_a, positive_test, decide
):
    decide(person_a, positive_test(person_a))
    addicted = make_person(officer_a, full_name="Trần Thị Bích")
    assess(officer_a, addicted, dt.date(2026, 10, 10))
    in_rehab = make_person(officer_a, full_name="Lê Văn Cường")
    assess(officer_a, in_rehab, dt.date(2026, 10, 10))
    register(officer_a, in_rehab, dt.date(2026, 10, 15))
    client = login(officer_a)
    users = client.get(reverse("cases:lists")).content.decode()
    assert "Nguyễn Văn An" in users and "Trần Thị Bích" not in users
    addicted_page = client.get(reverse("cases:list", args=["addicted"])).content.decode()
    assert "Trần Thị Bích" in addicted_page and "Lê Văn Cường" not in addicted_page
    rehab = client.get(reverse("cases:list", args=["rehab"]), {"form": "voluntary_community", "q": "cuong"})
    assert "Lê Văn Cường" in rehab.content.decode()
    assert (
        "Lê Văn Cường"
        not in client.get(
            reverse("cases:list", args=["rehab"]), {"form": "compulsory_adult"}
        ).content.decode()
    )
    assert "Nguyễn Văn An" not in login(officer_b).get(reverse("cases:lists")).content.decode()
    assert client.get(reverse("cases:list", args=["nope"])).status_code == 404


def test_export_is_a_spreadsheet_of_the_same_rows_and_is_audited(
    login, officer_a, person_a, positive_test, decide
):
    decide(person_a, positive_test(person_a))
    response = login(officer_a).get(reverse("cases:list", args=["users"]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Họ và tên", "Năm sinh") and rows[1][0] == "Nguyễn Văn An" and len(rows) == 2
    assert AuditEntry.objects.filter(action="export", extra__kind="users", extra__rows=1).exists()


def test_roles_without_export_cannot_export_and_anonymous_is_sent_to_log_in(login, helper_a, health_a):
    assert Client().get(reverse("cases:lists")).status_code == 302
    assert login(helper_a).get(reverse("cases:lists")).status_code == 403
    health = login(health_a)
    assert health.get(reverse("cases:lists")).status_code == 200
    assert health.get(reverse("cases:lists"), {"format": "xlsx"}).status_code == 403


def test_a_long_list_comes_in_pages_and_keeps_its_filters(login, officer_a, make_person):
    from hoanhap.cases.tests import factories

    for n in range(55):
        person = make_person(
            officer_a, full_name=f"Người Thứ {n:02d}", birth_date=dt.date(1990, 1, 1 + n % 28)
        )
        factories.managed(officer_a, person, decided_on=dt.date(2026, 8, 1))
    client = login(officer_a)
    first = client.get(reverse("cases:list", args=["users"]), {"q": "nguoi"}).content.decode()
    assert "(55)" in first and first.count("/ho-so/") - first.count("/ho-so/nhap") >= 50
    assert "Trang 1/2" in first and "page=2" in first and "q=nguoi" in first
    second = client.get(reverse("cases:list", args=["users"]), {"q": "nguoi", "page": 2}).content.decode()
    assert "Trang 2/2" in second and second.count("Người Thứ") == 5
    assert client.get(reverse("cases:list", args=["users"]), {"page": "x"}).status_code == 200


def test_the_addicted_list_is_exactly_the_people_whose_status_is_addicted(
    login, officer_a, make_person, positive_test, decide
):
    from hoanhap.cases.status import Status, status_of

    only = make_person(officer_a, full_name="Chỉ Có Kết Quả")
    assess(officer_a, only, dt.date(2026, 10, 10))
    treated = make_person(officer_a, full_name="Đã Đăng Ký Cai")
    assess(officer_a, treated, dt.date(2026, 10, 10))
    register(officer_a, treated, dt.date(2026, 10, 15))
    managed = make_person(officer_a, full_name="Đang Bị Quản Lý")
    decide(managed, positive_test(managed))
    assess(officer_a, managed, dt.date(2026, 10, 12))
    page = login(officer_a).get(reverse("cases:list", args=["addicted"])).content.decode()
    for person in (only, treated, managed):
        assert (person.full_name in page) == (status_of(person).status == Status.ADDICTED)
    assert "Chỉ Có Kết Quả" in page
