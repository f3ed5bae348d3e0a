"""Indicators on a small hand-built dataset whose answers were worked out by hand, for two communes
and their province; and periodic reports through their whole lifecycle."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.cases.services.aftercare import record_aftercare_event
from hoanhap.cases.services.substitution import record_substitution_event
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at
from hoanhap.prevention.tests.factories import intervention
from hoanhap.reports import indicators, services
from hoanhap.reports.facts import POPULATIONS, Period
from hoanhap.reports.models import IndicatorDefinition, IndicatorKind, Report, ReportSchedule, ReportStatus
from hoanhap.support.tests.factories import support_service

Q3 = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def aftercare(person, officer, *, removed_on=None):
    """Substitution treatment from 01/10/2025, completed 30/04/2026, and the post-rehab management
    decided on 04/05/2026, running from the completion; taken off the list on ``removed_on``."""
    treatment = f.substitution(officer, person, dt.date(2025, 10, 1))
    record_substitution_event(officer, treatment=treatment, kind="complete", on=dt.date(2026, 4, 30))
    care = f.aftercare(officer, treatment=treatment, decided_on=dt.date(2026, 5, 4))
    if removed_on:
        record_aftercare_event(officer, aftercare=care, kind="end", on=removed_on, end_reason="detained")


@pytest.fixture
def dataset(officer_a, officer_b, officer_c, make_person):
    """Recorded through the services on 20/10/2026. The people in post-rehab management came from
    substitution treatment, whose enrolment the service records without an addiction determination
    of the commune: so "addicted" is A1–A3, B7 and C9 only."""
    with time_machine.travel(at(2026, 10, 20), tick=False):
        a = {
            n: make_person(officer_a, full_name=f"Người A{n}", birth_date=dt.date(1990, 1, n))
            for n in range(1, 7)
        }
        b = {
            n: make_person(officer_b, full_name=f"Người B{n}", birth_date=dt.date(1991, 1, n)) for n in (7, 8)
        }
        c9 = make_person(officer_c, full_name="Người C9")
        f.assessment(officer_a, a[1], dt.date(2026, 6, 10))
        intervention(officer_a, a[1], "counselling", dt.date(2026, 8, 1))
        f.assessment(officer_a, a[2], dt.date(2026, 7, 20))
        f.assessment(officer_a, a[3], dt.date(2026, 10, 5))  # after the period
        aftercare(a[4], officer_a)
        support_service(officer_a, a[4], "vocational", dt.date(2026, 8, 1))
        aftercare(a[5], officer_a, removed_on=dt.date(2026, 9, 15))  # closed before the end
        aftercare(a[6], officer_a)
        intervention(officer_a, a[6], "advice", dt.date(2026, 8, 15))  # information given, not counselling
        f.drug_test(officer_a, a[6], dt.date(2026, 9, 1), reason="in_aftercare")
        f.assessment(officer_b, b[7], dt.date(2026, 1, 1))
        support_service(officer_b, b[7], "counselling", dt.date(2026, 6, 1), dt.date(2026, 7, 15))
        aftercare(b[8], officer_b)
        support_service(officer_b, b[8], "job", dt.date(2026, 7, 1))
        f.assessment(officer_c, c9, dt.date(2026, 2, 2))  # another province
    return officer_a, officer_b


def _value(code, **unit):
    definition = IndicatorDefinition.objects.get(code=code)
    values = indicators.by_commune(definition, Q3, indicators.unit_scope(**unit))
    value = indicators.total(values, definition.kind)
    return value.numerator, value.denominator, value.percent


@pytest.mark.parametrize(
    ("code", "commune_a", "commune_b", "province"),
    [
        ("counselled_addicted", (1, 2, Decimal("50.0")), (1, 1, Decimal("100.0")), (2, 3, Decimal("66.7"))),
        ("aftercare_supported", (1, 2, Decimal("50.0")), (1, 1, Decimal("100.0")), (2, 3, Decimal("66.7"))),
        ("relapse_rate", (1, 2, Decimal("50.0")), (0, 1, Decimal("0.0")), (1, 3, Decimal("33.3"))),
        ("medical_psych", (0, 4, Decimal("0.0")), (0, 2, Decimal("0.0")), (0, 6, Decimal("0.0"))),
        ("vocational_home", (0, 0, None), (0, 0, None), (0, 0, None)),
        ("information_access", (2, 4, Decimal("50.0")), (1, 2, Decimal("50.0")), (3, 6, Decimal("50.0"))),
    ],
)
def test_each_indicator_matches_the_hand_count(dataset, code, commune_a, commune_b, province):
    for unit, expected in [
        ({"commune_id": "17464"}, commune_a),
        ({"commune_id": "16939"}, commune_b),
        ({"province_id": "40"}, province),
    ]:
        assert _value(code, **unit) == expected
        # The report's path: each population read once, the indicators counted from those sets.
        computed = indicators.compute(Q3, indicators.unit_scope(**unit))[code][1]
        assert (computed.numerator, computed.denominator, computed.percent) == expected


@pytest.mark.parametrize("unit", [{"commune_id": "17464"}, {"province_id": "40"}, {}])
def test_the_report_counts_what_one_query_per_indicator_counts(dataset, unit):
    """Every active indicator, growth and counts included, in a unit and in the country."""
    scope = indicators.unit_scope(**unit)
    for code, (definition, value) in indicators.compute(Q3, scope).items():
        assert value == indicators.total(indicators.by_commune(definition, Q3, scope), definition.kind), code


def test_values_come_from_a_fixed_number_of_queries(dataset, django_assert_max_num_queries):
    definitions = IndicatorDefinition.objects.filter(active=True).count()
    with django_assert_max_num_queries(1 + 3 * definitions):
        indicators.compute(Q3, indicators.unit_scope(province_id="40"))


def test_a_unit_report_reads_each_source_once(dataset):
    """A unit's report reads each source of its populations once, as it is: "informed" holds
    every source of "counselled", and neither reads them again."""
    scope = indicators.unit_scope(commune_id="17464")
    run: list[tuple[str, tuple]] = []

    def spy(execute, sql, params, many, context):
        run.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        indicators.compute(Q3, scope)
    counselled, informed = (POPULATIONS[code].parts(Q3, scope) for code in ("counselled", "informed"))
    assert set(counselled) < set(informed)
    assert [run.count(source) for source in informed] == [1] * len(informed)
    assert len(run) == len(set(run))


def test_the_behind_a_number_list_is_the_counted_people(dataset):
    definition = IndicatorDefinition.objects.get(code="counselled_addicted")
    names = indicators.people(definition.numerator, Q3, indicators.unit_scope(province_id="40"))
    assert sorted(p.full_name for p in names) == ["Người A1", "Người B7"]


def test_due_days_follow_the_province_schedule_or_the_default(units):
    # After the period (a report is sent only once it has ended), on the seeds' day of the month.
    assert services.due_on("quarterly", Q3, "40") == dt.date(2026, 10, 15)
    assert services.due_on("half_year", services.period_of("half_year", 2026, 1), "40") == dt.date(
        2026, 7, 20
    )
    assert services.due_on("annual", services.period_of("annual", 2026, 1), "40") == dt.date(2027, 1, 15)
    ReportSchedule.objects.create(province_id="40", kind="annual", month_offset=11, day=10)
    assert services.due_on("annual", services.period_of("annual", 2026, 1), "40") == dt.date(2026, 12, 10)
    with pytest.raises(ValidationError):
        services.period_of("quarterly", 2026, 5)


@time_machine.travel(at(2026, 10, 5))
def test_a_report_from_prefill_to_approval_return_and_reopen(dataset, province_manager, officer_c, head_a):
    officer_a, _officer_b = dataset
    report = services.open_report(officer_a, kind="quarterly", year=2026, number=3)
    assert report.values["counselled_addicted"]["numerator"] == 1 and report.due_on == dt.date(2026, 10, 15)
    with pytest.raises(ValidationError):
        services.annotate(
            officer_a,
            report=report,
            code="counselled_addicted",
            numerator=2,
            denominator=2,
            reason=" ",
            expected_version=report.version,
        )
    report = services.annotate(
        officer_a,
        report=report,
        code="counselled_addicted",
        numerator=2,
        denominator=2,
        reason="Một người được tư vấn tại bệnh viện huyện",
        expected_version=report.version,
    )
    entry = report.values["counselled_addicted"]
    assert (entry["numerator"], entry["computed"], entry["reason"][:3]) == (2, [1, 2], "Một")
    with pytest.raises(ValidationError):  # a stale form
        services.submit(officer_a, report=report, expected_version=report.version - 1)
    report = services.submit(officer_a, report=report, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED and len(report.snapshot_sha256) == 64
    assert services.snapshot_of(report)[1] == report.snapshot_sha256
    with pytest.raises(ValidationError):
        services.annotate(
            officer_a,
            report=report,
            code="relapse_rate",
            numerator=0,
            denominator=2,
            reason="x",
            expected_version=report.version,
        )
    with pytest.raises(PermissionDenied):
        services.approve(officer_c, report=report)  # another province
    with pytest.raises(PermissionDenied):
        services.approve(head_a, report=report)  # the commune itself
    report = services.return_report(province_manager, report=report, reason="Giải thích số tư vấn")
    report = services.submit(officer_a, report=report, expected_version=report.version)
    report = services.approve(province_manager, report=report)
    assert report.status == ReportStatus.APPROVED and report.locked
    with pytest.raises(ValidationError):
        services.reopen(province_manager, report=report, reason="")
    report = services.reopen(province_manager, report=report, reason="Sai số liệu quý")
    assert report.status == ReportStatus.RETURNED
    assert (
        AuditEntry.objects.filter(action="report", extra__step="returned", actor=province_manager).count()
        == 2
    )
    assert list(report.events.values_list("action", flat=True)) == [
        "open",
        "annotate",
        "submit",
        "returned",
        "submit",
        "approved",
        "returned",
    ]


@time_machine.travel(at(2026, 10, 16))
def test_the_province_report_is_the_sum_of_its_approved_communes(dataset, province_manager):
    officer_a, officer_b = dataset
    reports = []
    for officer in (officer_a, officer_b):
        report = services.open_report(officer, kind="quarterly", year=2026, number=3)
        reports.append(services.submit(officer, report=report, expected_version=report.version))
    services.approve(province_manager, report=reports[0])
    province = services.open_report(province_manager, kind="quarterly", year=2026, number=3)
    assert province.values["_communes"]["numerator"] == 1  # B is submitted, not approved: not counted
    assert province.values["aftercare_supported"]["numerator"] == 1
    services.approve(province_manager, report=reports[1])
    province = services.refresh(province_manager, report=province, expected_version=province.version)
    for code in ("counselled_addicted", "aftercare_supported", "relapse_rate"):
        summed = [
            sum(r.snapshot["values"][code][part] for r in Report.objects.filter(commune__isnull=False))
            for part in ("numerator", "denominator")
        ]
        assert [province.values[code]["numerator"], province.values[code]["denominator"]] == summed
    province = services.submit(province_manager, report=province, expected_version=province.version)
    assert province.status == ReportStatus.APPROVED
    overview = {
        row["commune"].pk: row for row in services.overview("40", kind="quarterly", period_start=Q3.start)
    }
    assert (
        overview["17464"]["report"].status == "approved" and overview["17464"]["late"] is True
    )  # sent 16/10, due 15/10


@time_machine.travel(at(2026, 10, 5))
def test_the_pages_show_live_values_and_walk_a_report(dataset, login, province_manager, health_a):
    from django.urls import reverse

    officer_a, _officer_b = dataset
    client = login(officer_a)
    page = client.get(reverse("reports:index") + "?kind=quarterly&year=2026&number=3").content.decode()
    assert "Người nghiện có hồ sơ được tư vấn về cai nghiện" in page and "50,0 %" in page
    behind = client.get(
        reverse("reports:behind", args=["counselled_addicted", "numerator"])
        + "?kind=quarterly&year=2026&number=3"
    )
    assert "Người A1" in behind.content.decode() and "Người A2" not in behind.content.decode()
    assert login(health_a).get(reverse("reports:index")).status_code == 200
    client.post(reverse("reports:open"), {"kind": "quarterly", "year": 2026, "number": 3})
    report = Report.objects.get()
    url = reverse("reports:detail", args=[report.uuid])
    bad = client.post(
        url,
        {
            "action": "annotate",
            "code": "relapse_rate",
            "numerator": 1,
            "denominator": 2,
            "reason": "",
            "version": report.version,
        },
    )
    assert bad.status_code == 400
    assert client.post(url, {"action": "submit", "version": report.version}).status_code == 302
    assert login(province_manager).post(url, {"action": "approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "approved"
    assert client.post(url, {"action": "submit", "version": report.version}).status_code == 400  # locked
    assert (
        login(province_manager).get(reverse("reports:export", args=[report.uuid]) + "?an_danh=1").status_code
        == 200
    )


@time_machine.travel(at(2026, 9, 10))
def test_the_dashboard_shows_the_trend_the_ranking_and_late_work(dataset, login, province_manager):
    from django.urls import reverse

    officer_a, _officer_b = dataset
    page = (
        login(province_manager).get(reverse("web:dashboard") + "?chi_so=counselled_addicted").content.decode()
    )
    assert "Q3/2026" in page and "Q4/2024" in page  # eight quarters, the last the current one
    assert page.index("Xã Quỳnh Lưu") < page.index("Xã Diễn Châu")  # 100 % ranks above 50 %
    assert 'id="trend-data"' in page and 'id="ranking-data"' in page
    commune = login(officer_a).get(reverse("web:dashboard")).content.decode()
    assert 'id="ranking-data"' not in commune and "Nhiệm vụ kế hoạch quá hạn" in commune


@time_machine.travel(at(2026, 10, 5))
def test_the_report_prints_in_the_administrative_layout(dataset, login, tmp_path):
    import io as stdio

    from django.urls import reverse
    from docx import Document as WordDocument

    officer_a, _officer_b = dataset
    report = services.open_report(officer_a, kind="quarterly", year=2026, number=3)
    report = services.submit(officer_a, report=report, expected_version=report.version)
    client = login(officer_a)
    word = client.get(reverse("reports:export", args=[report.uuid]) + "?format=docx")
    document = WordDocument(stdio.BytesIO(word.content))
    head = [c.text for c in document.tables[0].rows[0].cells]
    assert "CÔNG AN XÃ DIỄN CHÂU" in head[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head[1]
    assert document.tables[0].rows[1].cells[1].text == "Diễn Châu, ngày 05 tháng 10 năm 2026"
    figures = document.tables[1]
    first = [c.text for c in figures.rows[1].cells]
    assert first[:5] == ["1", "Người nghiện có hồ sơ được tư vấn về cai nghiện", "1", "2", "50,0 %"]
    assert report.snapshot_sha256 in "\n".join(p.text for p in document.paragraphs)
    pdf = client.get(reverse("reports:export", args=[report.uuid]) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    (tmp_path / "report.docx").write_bytes(word.content)


def test_each_user_counts_the_people_of_their_own_unit_and_no_more(
    dataset, province_manager, ministry, helper_a
):
    """The live indicators through the API, for users of a commune, its province and the country:
    each the hand count of their unit (Q3, 'counselled_addicted': A 1/2, province 2/3, country 2/4),
    and a role that may not read reports is refused, never served the country."""
    from rest_framework.test import APIClient

    officer_a, _officer_b = dataset

    def counselled(user):
        client = APIClient()
        client.force_authenticate(user)
        response = client.get("/api/v1/indicators/", {"kind": "quarterly", "year": 2026, "number": 3})
        if response.status_code != 200:
            return response.status_code
        row = next(r for r in response.json() if r["code"] == "counselled_addicted")
        return row["numerator"], row["denominator"]

    assert counselled(officer_a) == (1, 2)
    assert counselled(province_manager) == (2, 3)
    assert counselled(ministry) == (2, 4)
    assert counselled(helper_a) == 403


def _two_queries(definition, period, scope):
    """A ratio counted the plain way: each part on its own."""
    numerator = indicators._by_commune(definition.numerator, period, scope)
    denominator = indicators._by_commune(definition.denominator, period, scope)
    return {c: indicators.Value(numerator[c], denominator[c]) for c in set(numerator) | set(denominator)}


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [
        ({"all": ["aftercare", "supported", "informed"]}, {"all": ["aftercare"]}),  # narrowed by two
        ({"all": ["aftercare", "supported"]}, {"all": ["aftercare"]}),
        ({"all": ["aftercare"]}, {"all": ["aftercare"]}),  # nothing narrows it: every one counts
        ({"all": ["counselled"]}, {"all": ["addicted"]}),  # not a narrowing: two queries
    ],
)
def test_a_ratio_counted_in_one_pass_is_what_its_two_parts_count(dataset, numerator, denominator):
    definition = IndicatorDefinition(
        code="x", name="x", kind=IndicatorKind.RATIO, numerator=numerator, denominator=denominator
    )
    for unit in ({"commune_id": "17464"}, {"province_id": "40"}, {}):
        scope = indicators.unit_scope(**unit)
        assert indicators.by_commune(definition, Q3, scope) == _two_queries(definition, Q3, scope)


def test_a_growth_shows_a_commune_counted_only_in_the_period_before(dataset):
    """A's one positive test was in Q3: in Q4, A's growth is a fall of one, not missing."""
    definition = IndicatorDefinition(
        code="x", name="x", kind=IndicatorKind.GROWTH, numerator={"all": ["positive_test"]}
    )
    q4 = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    values = indicators.by_commune(definition, q4, indicators.unit_scope(province_id="40"))
    assert values == {"17464": indicators.Value(-1, 1)}
    assert indicators.by_commune(definition, Q3, indicators.unit_scope(province_id="40")) == {
        "17464": indicators.Value(1, 0)
    }


def test_a_count_is_the_number_of_people_of_each_commune(dataset):
    definition = IndicatorDefinition(
        code="x", name="x", kind=IndicatorKind.COUNT, numerator={"all": ["aftercare"]}
    )
    values = indicators.by_commune(definition, Q3, indicators.unit_scope(province_id="40"))
    # A: A4 and A6 (A5's ended on 15/09, before the end of the quarter); B: B8.
    assert values == {"17464": indicators.Value(2, None), "16939": indicators.Value(1, None)}


def test_a_quarterly_report_is_sent_only_once_its_quarter_has_ended_in_vietnam_time(dataset, login):
    """Q3 ends on 30/09 in Vietnam: at 23:30 that day the report is refused (a Vietnamese reason, 400
    on the page); at 00:30 on 01/10 (17:30 UTC on 30/09) it is sent."""
    officer_a, _officer_b = dataset
    with time_machine.travel(at(2026, 9, 30, 23, 30), tick=False):
        report = services.open_report(officer_a, kind="quarterly", year=2026, number=3)
        with pytest.raises(ValidationError, match="chưa kết thúc"):
            services.submit(officer_a, report=report, expected_version=report.version)
        page = login(officer_a).post(
            reverse("reports:detail", args=[report.uuid]), {"action": "submit", "version": report.version}
        )
        assert page.status_code == 400
        assert "chỉ gửi được báo cáo từ ngày 01/10/2026" in page.content.decode()
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT and not report.snapshot_sha256
    with time_machine.travel(dt.datetime(2026, 9, 30, 17, 30, tzinfo=dt.UTC), tick=False):
        report = services.submit(officer_a, report=report, expected_version=report.version)
        assert report.status == ReportStatus.SUBMITTED and report.snapshot_sha256


@time_machine.travel(at(2026, 10, 5))
def test_the_report_workbook_names_indicators_and_its_file_in_vietnamese(dataset, login):
    """No internal code in a file people read (issue 26, item 5): the first column is the
    indicator's name, the file is "bao-cao-quy-3-2026", never "counselled_addicted" or "quarterly"."""
    import io as stdio

    from openpyxl import load_workbook

    officer_a, _officer_b = dataset
    report = services.open_report(officer_a, kind="quarterly", year=2026, number=3)
    client = login(officer_a)
    sheet = client.get(reverse("reports:export", args=[report.uuid]) + "?format=xlsx")
    assert 'filename="bao-cao-quy-3-2026.xlsx"' in sheet["Content-Disposition"]
    cells = [
        c
        for row in load_workbook(stdio.BytesIO(sheet.content)).active.iter_rows(values_only=True)
        for c in row
    ]
    assert "Người nghiện có hồ sơ được tư vấn về cai nghiện" in cells
    codes = set(IndicatorDefinition.objects.values_list("code", flat=True))
    assert not codes & {str(c) for c in cells}, "an internal indicator code is in the workbook"
    word = client.get(reverse("reports:export", args=[report.uuid]) + "?format=docx")
    assert 'filename="bao-cao-quy-3-2026.docx"' in word["Content-Disposition"]
    half = services.open_report(officer_a, kind="half_year", year=2026, number=1)
    assert (
        "bao-cao-6-thang-1-2026"
        in client.get(reverse("reports:export", args=[half.uuid]))["Content-Disposition"]
    )
