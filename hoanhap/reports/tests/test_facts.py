"""The populations the indicators count (``reports.facts``), each on one commune's people whose facts
were recorded through the services, one person for each case a population must take in or leave
out: facts dated on the last day of the period, the day after, a case closed inside the period or
after it, each source of a "during" population. The answers were worked out by hand.

Luật 120/2025 Điều 24 (user management), 29–38 (rehab), 31.6 (substitution treatment), 42 and 48.4
(post-rehab management); QĐ 1452/QĐ-TTg and NQ 163/2024/QH15 for what the indicators count.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Q

from conftest import COMMUNE_A, COMMUNE_B
from hoanhap.cases.services.aftercare import record_aftercare_event
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.management import record_management_activity, record_management_event
from hoanhap.cases.services.substitution import record_substitution_event
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at
from hoanhap.people.models import Person
from hoanhap.prevention.tests.factories import intervention, screening
from hoanhap.reports.facts import POPULATIONS, Period, day_starts
from hoanhap.support.tests.factories import support_service

Q2 = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
Q3 = Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
Q4 = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def _managed(officer, person, tested_on, decided_on, **test):
    return f.management(officer, person, f.drug_test(officer, person, tested_on, **test), decided_on)


def _aftercare_since_april(officer, person):
    """Voluntary rehab from 01/10/2025 (Luật 73/2021, six months), completed 10/04/2026, and the
    post-rehab decision of 15/04/2026: a year of post-rehab management from 10/04/2026."""
    episode = f.completed_rehab(
        officer, person, started_on=dt.date(2025, 10, 1), completed_on=dt.date(2026, 4, 10)
    )
    return f.aftercare(officer, episode=episode, decided_on=dt.date(2026, 4, 15))


def _build(officer_a, officer_b, make_person):
    people = {}

    def person(key, officer=officer_a):
        people[key] = make_person(
            officer, full_name=f"Người {len(people) + 1}", birth_date=dt.date(1990, 1, 1)
        )
        return people[key]

    # Addiction determinations.
    f.assessment(officer_a, person("addicted_last_day"), Q3.end)
    intervention(officer_a, people["addicted_last_day"], "brief", Q3.end)
    screening(officer_a, people["addicted_last_day"], Q3.end)
    f.assessment(officer_a, person("addicted_after"), dt.date(2026, 10, 5))
    intervention(officer_a, people["addicted_after"], "counselling", dt.date(2026, 6, 30))
    screening(officer_a, people["addicted_after"], dt.date(2026, 6, 30))
    f.assessment(officer_a, person("not_addicted"), dt.date(2026, 8, 1), addicted=False)
    support_service(officer_a, people["not_addicted"], "counselling", dt.date(2026, 6, 1), Q3.start)

    # User management.
    managed = _managed(officer_a, person("managed"), dt.date(2026, 9, 1), dt.date(2026, 9, 2))
    record_management_activity(
        officer_a, management=managed, on=dt.date(2026, 9, 5), kind="counselling", by="Tổ công tác"
    )
    suspended = _managed(officer_a, person("suspended"), dt.date(2026, 8, 1), dt.date(2026, 8, 2))
    record_management_event(officer_a, management=suspended, kind="suspend", on=dt.date(2026, 9, 10))
    # Tested at 00:30 on 01/07 in Việt Nam: still 30/06 in UTC.
    stopped = _managed(
        officer_a, person("stopped_within"), Q3.start, dt.date(2026, 7, 2), tested_at=at(2026, 7, 1, 0, 30)
    )
    record_management_event(
        officer_a, management=stopped, kind="stop", on=dt.date(2026, 9, 20), stop_reason="prison"
    )
    stopped = _managed(officer_a, person("stopped_after"), dt.date(2026, 6, 29), dt.date(2026, 6, 30))
    record_management_event(
        officer_a, management=stopped, kind="stop", on=dt.date(2026, 10, 5), stop_reason="prison"
    )
    _managed(officer_a, person("term_over"), dt.date(2025, 8, 1), dt.date(2025, 8, 2))  # never terminated

    # Positive results on either side of the period's last midnight, in Việt Nam.
    f.drug_test(officer_a, person("positive_last_evening"), Q3.end, tested_at=at(2026, 9, 30, 23, 30))
    f.drug_test(officer_a, person("positive_next_morning"), Q4.start, tested_at=at(2026, 10, 1, 0, 30))

    # Rehab.
    f.assessment(officer_a, person("home_rehab"), dt.date(2026, 6, 25))
    f.voluntary_rehab(officer_a, people["home_rehab"], dt.date(2026, 6, 28))
    f.assessment(officer_a, person("public_facility"), dt.date(2026, 8, 1))
    f.voluntary_rehab(officer_a, people["public_facility"], dt.date(2026, 8, 3), form="voluntary_public")
    intervention(officer_a, people["public_facility"], "advice", dt.date(2026, 8, 15))
    f.court_ordered_rehab(
        officer_a, person("court_ordered"), opened_on=dt.date(2026, 7, 5), admitted_on=dt.date(2026, 8, 10)
    )
    f.assessment(officer_a, person("quit_rehab"), Q3.start)
    episode = f.voluntary_rehab(officer_a, people["quit_rehab"], dt.date(2026, 7, 3))
    record_rehab_event(officer_a, episode=episode, kind="exit", on=dt.date(2026, 9, 15), exit_reason="quit")
    support_service(officer_a, people["quit_rehab"], "counselling", dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    episode = f.completed_rehab(
        officer_a,
        person("completed_within"),
        started_on=dt.date(2026, 1, 5),
        completed_on=dt.date(2026, 8, 1),
    )
    f.aftercare(officer_a, episode=episode, decided_on=dt.date(2026, 8, 5))
    support_service(officer_a, people["completed_within"], "medical", dt.date(2026, 8, 10))

    # Post-rehab management.
    _aftercare_since_april(officer_a, person("in_aftercare"))
    support_service(officer_a, people["in_aftercare"], "vocational", dt.date(2026, 5, 1))
    removed = _aftercare_since_april(officer_a, person("aftercare_ended"))
    record_aftercare_event(
        officer_a, aftercare=removed, kind="end", on=dt.date(2026, 9, 15), end_reason="detained"
    )

    # Substitution treatment.
    f.substitution(officer_a, person("substitution"), dt.date(2026, 8, 1))
    treatment = f.substitution(officer_a, person("substitution_quit"), Q3.start)
    record_substitution_event(officer_a, treatment=treatment, kind="quit", on=dt.date(2026, 9, 1))
    support_service(officer_a, people["substitution_quit"], "psychological", Q3.start, dt.date(2026, 7, 10))
    treatment = f.substitution(officer_a, person("substitution_completed"), dt.date(2026, 3, 1))
    record_substitution_event(officer_a, treatment=treatment, kind="complete", on=dt.date(2026, 7, 15))

    # Another commune of the province.
    f.assessment(officer_b, person("commune_b", officer_b), dt.date(2026, 8, 1))
    f.drug_test(officer_b, people["commune_b"], dt.date(2026, 9, 1))
    return people


@pytest.fixture
def world(officer_a, officer_b, make_person):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        return _build(officer_a, officer_b, make_person)


def members(world, code, period=Q3, scope=None):
    ids = set(Person.objects.filter(POPULATIONS[code].q(period, scope)).values_list("pk", flat=True))
    return {key for key, person in world.items() if person.pk in ids}


TREATED = {
    "home_rehab",
    "public_facility",
    "court_ordered",
    "quit_rehab",
    "completed_within",
    "in_aftercare",
    "aftercare_ended",
    "substitution",
    "substitution_quit",
    "substitution_completed",
}
COUNSELLED = {"managed", "addicted_last_day", "not_addicted"}

Q3_MEMBERS = {
    # As of 30/09: an addicted result on or before it (10/04 and 01/2026 for the rehab people).
    "addicted": {
        "addicted_last_day",
        "home_rehab",
        "public_facility",
        "quit_rehab",
        "completed_within",
        "in_aftercare",
        "aftercare_ended",
        "commune_b",
    },
    # A decision open on 30/09: suspended is open, stopped on 05/10 was still open, a year ended on
    # 02/08/2026 without its termination recorded is not.
    "managed_users": {"managed", "suspended", "stopped_after"},
    "aftercare": {"completed_within", "in_aftercare"},
    "in_rehab": {"home_rehab", "public_facility", "court_ordered"},
    "in_facility_rehab": {"public_facility", "court_ordered"},
    "in_home_rehab": {"home_rehab"},
    "on_substitution": {"substitution"},
    "treated": TREATED,
    # During the period: a completion, a post-rehab decision, counselling by the management team, a
    # brief intervention, a counselling service running on 01/07.
    "completed": {"completed_within", "substitution_completed"},
    "aftercare_decided": {"completed_within"},
    "counselled": COUNSELLED,
    "informed": COUNSELLED | {"public_facility"},
    "supported": {"not_addicted", "in_aftercare", "completed_within", "substitution_quit"},
    "vocational": {"in_aftercare"},
    "medical_psych": {"completed_within", "substitution_quit"},
    "positive_test": {"managed", "suspended", "stopped_within", "positive_last_evening", "commune_b"},
    "screened": {"addicted_last_day"},
}


def test_every_population_is_a_table():
    assert set(Q3_MEMBERS) == set(POPULATIONS)


def test_each_population_holds_the_people_counted_by_hand(world):
    assert {code: members(world, code) for code in POPULATIONS} == Q3_MEMBERS


def test_a_units_population_is_its_own_people_without_any_other_filter(world):
    """A commune's scope is applied inside the population's queries (a commune's report reads its
    own rows): asked for commune B, only B's people, asked for the province, both communes'."""
    addicted = Q3_MEMBERS["addicted"]
    assert members(world, "addicted", scope=Q(commune_id=COMMUNE_B)) == {"commune_b"}
    assert members(world, "addicted", scope=Q(commune_id=COMMUNE_A)) == addicted - {"commune_b"}
    assert members(world, "addicted", scope=Q(province_id="40")) == addicted
    assert members(world, "addicted", scope=Q(province_id="66")) == set()


def test_a_scope_that_is_not_one_unit_leaves_the_filter_to_the_caller(world):
    both = Q(commune_id__in=[COMMUNE_A, COMMUNE_B])
    assert members(world, "positive_test", scope=both) == Q3_MEMBERS["positive_test"]


def test_each_period_reads_its_own_dates(world):
    """The same population asked for three quarters: each its own answer, whichever was asked first."""
    assert members(world, "positive_test", Q4) == {"positive_next_morning"}
    assert members(world, "positive_test", Q2) == {"stopped_after"}
    assert members(world, "managed_users", Q2) == {"term_over", "stopped_after"}
    assert members(world, "managed_users", Q4) == {"managed", "suspended"}
    assert members(world, "aftercare_decided", Q2) == {"in_aftercare", "aftercare_ended"}


def test_populations_that_share_a_source_share_its_query(units):
    """ "Informed" is "counselled" and health advice: each source of "counselled" is one of its parts,
    as it is, so that a report reads it once."""
    counselled, informed = (set(POPULATIONS[code].parts(Q3)) for code in ("counselled", "informed"))
    assert counselled < informed and len(informed - counselled) == 1


def test_a_period_runs_from_its_first_local_midnight_to_the_one_after_its_last_day(settings):
    zone = ZoneInfo(settings.TIME_ZONE)
    assert day_starts(Q3) == (
        dt.datetime(2026, 7, 1, tzinfo=zone),
        dt.datetime(2026, 10, 1, tzinfo=zone),
    )
