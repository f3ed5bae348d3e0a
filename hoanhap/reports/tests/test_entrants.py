"""New treatment entrants of a year (TDI-style), on a hand-built dataset whose counts were worked
out by hand: a person is counted once, at the first entry of the year, and "previously treated"
comes from earlier episodes, the episode number or the declared prior rehab."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from conftest import COMMUNE_A
from hoanhap.audit.models import AuditEntry
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at
from hoanhap.reports import entrants as tdi
from hoanhap.reports import indicators


def episode(person, officer, started_on, form="voluntary_community", *, quit_on=None):
    """Found addicted three days before, registered for voluntary rehab on ``started_on``; quit on
    ``quit_on``."""
    f.assessment(officer, person, started_on - dt.timedelta(days=3))
    rehab = f.voluntary_rehab(officer, person, started_on, form=form)
    if quit_on:
        record_rehab_event(officer, episode=rehab, kind="exit", on=quit_on, exit_reason="quit")


@pytest.fixture
def dataset(officer_a, officer_b, officer_c, make_person):
    return build(officer_a, officer_b, officer_c, make_person)


def build(officer_a, officer_b, officer_c, make_person):
    """Commune A: four entrants (one new), one who entered the year before; commune B: one new;
    another province: one. Recorded through the services on 10/09/2026."""
    with time_machine.travel(at(2026, 9, 10), tick=False):
        p1 = make_person(
            officer_a,
            full_name="Người Một",
            birth_date=dt.date(1990, 5, 1),
            substances=["heroin"],
            route="injecting",
        )
        episode(p1, officer_a, dt.date(2026, 3, 1), quit_on=dt.date(2026, 5, 15))  # first entry: aged 35
        f.substitution(officer_a, p1, dt.date(2026, 6, 1))  # a second entry the same year: still one person
        p2 = make_person(
            officer_a,
            full_name="Người Hai",
            birth_date=None,
            birth_year=2000,
            sex="female",
            substances=["ats", "cannabis"],
        )
        episode(p2, officer_a, dt.date(2024, 2, 1), quit_on=dt.date(2024, 5, 1))  # treated before the year
        f.substitution(officer_a, p2, dt.date(2026, 2, 10))
        # Rehab declared on the record: the court-ordered episode is the second (episode number 2).
        p3 = make_person(officer_a, full_name="Người Ba", birth_date=dt.date(1989, 1, 1), prior_rehab_count=1)
        f.court_ordered_rehab(officer_a, p3, opened_on=dt.date(2026, 7, 10), admitted_on=dt.date(2026, 9, 1))
        p4 = make_person(officer_a, full_name="Người Bốn")
        episode(p4, officer_a, dt.date(2025, 12, 20))  # entered the year before: not an entrant
        p5 = make_person(officer_a, full_name="Người Năm", birth_date=None, prior_rehab_count=1)
        episode(p5, officer_a, dt.date(2026, 1, 5), form="voluntary_public")
        p6 = make_person(officer_b, full_name="Người Sáu")
        episode(p6, officer_b, dt.date(2026, 4, 1))
        p7 = make_person(officer_c, full_name="Người Bảy")  # another province
        episode(p7, officer_c, dt.date(2026, 4, 1))
    return officer_a


def _rows(table):
    return {label: (new, before) for label, new, before in table.rows}


def test_entrants_are_counted_once_at_their_first_entry(dataset):
    found = tdi.entrants(2026, indicators.unit_scope(commune_id=COMMUNE_A))
    assert sorted((e.entered_on, e.way, e.previously_treated) for e in found) == [
        (dt.date(2026, 1, 5), "voluntary_public", True),  # declared prior rehab
        (dt.date(2026, 2, 10), "substitution", True),  # an episode in 2024
        (dt.date(2026, 3, 1), "voluntary_community", False),  # methadone in June not counted again
        (dt.date(2026, 9, 1), "compulsory_adult", True),  # episode number 2, by the declared rehab
    ]
    first = next(e for e in found if e.entered_on == dt.date(2026, 3, 1))
    assert (first.age, first.drug, first.route) == (35, "heroin", "injecting")


def test_the_province_tables_add_up_by_treatment_status(dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = tdi.entrants(2026, indicators.unit_scope(province_id="40"))
    tables = {t.title: t for t in tdi.tables(found, by_commune=True)}
    assert len(found) == 5 and all(t.totals == (2, 3) for t in tables.values())
    ways = _rows(tables["Hình thức điều trị"])
    assert ways["Tự nguyện tại gia đình, cộng đồng"] == (2, 0)
    assert ways["Điều trị thay thế (methadone, buprenorphine)"] == (0, 1)
    assert ways["Bắt buộc, người thành niên"] == (0, 1)
    ages = _rows(tables["Nhóm tuổi khi vào điều trị"])
    assert ages["35–39"] == (2, 1) and ages["25–29"] == (0, 1) and ages["Không rõ"] == (0, 1)
    drugs = _rows(tables["Loại ma túy chính"])
    assert drugs["Opioid: heroin (11)"] == (1, 0)
    assert drugs["Chất kích thích dạng amphetamine (30–36)"] == (0, 1)
    assert _rows(tables["Theo xã, phường"]) == {"Xã Diễn Châu": (1, 3), "Xã Quỳnh Lưu": (1, 0)}


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, "Không rõ"), (14, "< 15"), (15, "15–19"), (19, "15–19"), (64, "60–64"), (65, "≥ 65")],
)
def test_age_bands_follow_the_tdi_five_year_groups(age, band):
    assert tdi.age_band(age) == band


def test_the_page_and_the_shared_workbook_hide_small_counts(dataset, login, province_manager):
    client = login(province_manager)
    page = client.get("/bao-cao/vao-dieu-tri/?nam=2026")
    assert page.status_code == 200 and "5 người vào cai nghiện" in page.content.decode()
    shared = client.get("/bao-cao/vao-dieu-tri/?nam=2026&format=xlsx&an_danh=1")
    workbook = load_workbook(BytesIO(shared.content))
    assert workbook.sheetnames[:2] == ["Ghi chú", "Hình thức điều trị"]
    totals = [row for row in workbook["Hình thức điều trị"].iter_rows(values_only=True) if row[0] == "Tổng"]
    assert totals == [("Tổng", "<5", "<5", 5)]
    inside = load_workbook(BytesIO(client.get("/bao-cao/vao-dieu-tri/?nam=2026&format=xlsx").content))
    assert ("Tổng", 2, 3, 5) in list(inside["Hình thức điều trị"].iter_rows(values_only=True))
    assert AuditEntry.objects.filter(actor=province_manager, extra__entrants=2026).count() == 3
    with time_machine.travel(at(2026, 11, 20)):  # a year that is not one falls back to this year
        fallback = client.get("/bao-cao/vao-dieu-tri/?nam=abc")
    assert fallback.status_code == 200 and "5 người vào cai nghiện" in fallback.content.decode()
