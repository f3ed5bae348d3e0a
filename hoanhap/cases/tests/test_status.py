"""A person's status (``cases.status``), derived from the dated facts the services record: each status
with the date it runs from and the rehab form, the order in which the facts decide it, the status as
of a past day, and everyone's in a fixed number of queries.

Luật 120/2025 Điều 24.4.a, 24.5.a, 24.7 (management), 31.1 (determination), 32 (voluntary rehab),
35–38 (compulsory rehab), 42.1 (post-rehab management); Nghị định 105/2021 Điều 43.2, 48.
"""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hoanhap.cases.services.aftercare import record_aftercare_event
from hoanhap.cases.services.management import record_management_event
from hoanhap.cases.services.substitution import record_substitution_event
from hoanhap.cases.status import PersonStatus, Status, status_of, statuses_of
from hoanhap.cases.tests import factories as f
from hoanhap.cases.tests.conftest import at


@pytest.fixture(autouse=True)
def december():
    """Every fact below is recorded on 01/12/2026 (the services refuse a date after today)."""
    with time_machine.travel(at(2026, 12, 1), tick=False):
        yield


def test_a_person_with_no_case_has_no_status(person_a):
    assert status_of(person_a) == PersonStatus(Status.NONE, None, "")


def test_a_negative_result_leaves_no_status(officer_a, person_a):
    f.drug_test(officer_a, person_a, dt.date(2026, 9, 1), result="negative")
    assert status_of(person_a) == PersonStatus(Status.NONE, None)


def test_a_positive_result_awaits_its_management_decision_from_the_day_of_the_test(officer_a, person_a):
    """Luật 120/2025 Điều 24.4.a: the decision falls due on the result; until then, "waiting"."""
    f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    assert status_of(person_a) == PersonStatus(Status.POSITIVE_PENDING, dt.date(2026, 9, 1))
    assert status_of(person_a, on=dt.date(2026, 8, 31)) == PersonStatus(Status.NONE, None)


def test_the_day_of_a_test_is_the_local_day(officer_a, person_a):
    """06:30 on 02/09 in Việt Nam is still 01/09 in UTC: the status dates it 02/09."""
    f.drug_test(officer_a, person_a, dt.date(2026, 9, 2), tested_at=at(2026, 9, 2, 6, 30))
    assert status_of(person_a) == PersonStatus(Status.POSITIVE_PENDING, dt.date(2026, 9, 2))
    assert status_of(person_a, on=dt.date(2026, 9, 1)).status == Status.NONE


def test_a_management_decision_makes_a_managed_user_from_its_date(officer_a, person_a):
    test = f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    f.management(officer_a, person_a, test, dt.date(2026, 9, 2))
    assert status_of(person_a) == PersonStatus(Status.USER_MANAGED, dt.date(2026, 9, 2))


def test_a_suspended_management_is_a_suspended_user_dated_from_the_decision(officer_a, person_a):
    """Luật 120/2025 Điều 24.7: custody suspends the management; the decision still dates it."""
    test = f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    management = f.management(officer_a, person_a, test, dt.date(2026, 9, 2))
    record_management_event(officer_a, management=management, kind="suspend", on=dt.date(2026, 10, 1))
    assert status_of(person_a) == PersonStatus(Status.USER_SUSPENDED, dt.date(2026, 9, 2))
    assert status_of(person_a, on=dt.date(2026, 9, 30)) == PersonStatus(
        Status.USER_MANAGED, dt.date(2026, 9, 2)
    )
    record_management_event(officer_a, management=management, kind="resume", on=dt.date(2026, 10, 20))
    assert status_of(person_a) == PersonStatus(Status.USER_MANAGED, dt.date(2026, 9, 2))


def test_a_renewed_management_runs_from_the_new_decision(officer_a, person_a):
    """Nghị định 105/2021 Điều 43.2: used again and found not addicted, a new decision restarts the
    year; the person is a managed user from the new decision, the old one renewed."""
    first = f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    f.management(officer_a, person_a, first, dt.date(2026, 9, 2))
    again = f.drug_test(officer_a, person_a, dt.date(2026, 10, 1))
    f.assessment(officer_a, person_a, dt.date(2026, 10, 6), addicted=False)
    assert status_of(person_a) == PersonStatus(Status.USER_MANAGED, dt.date(2026, 9, 2))
    again.refresh_from_db()
    f.management(officer_a, person_a, again, dt.date(2026, 10, 7))
    assert status_of(person_a) == PersonStatus(Status.USER_MANAGED, dt.date(2026, 10, 7))


def test_a_stopped_management_leaves_no_status_and_an_older_result_does_not_wait_again(officer_a, person_a):
    """Two results before one decision, made on the later: once the management stops (Nghị định
    105/2021 Điều 48), the older result is not "waiting" again; a result after the stop is."""
    f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    second = f.drug_test(officer_a, person_a, dt.date(2026, 9, 3))
    management = f.management(officer_a, person_a, second, dt.date(2026, 9, 4))
    record_management_event(
        officer_a, management=management, kind="stop", on=dt.date(2026, 10, 1), stop_reason="prison"
    )
    assert status_of(person_a) == PersonStatus(Status.NONE, None)
    f.drug_test(officer_a, person_a, dt.date(2026, 11, 2))
    assert status_of(person_a) == PersonStatus(Status.POSITIVE_PENDING, dt.date(2026, 11, 2))


def test_an_addicted_result_makes_an_addicted_person_and_ends_the_management(officer_a, person_a):
    """Luật 120/2025 Điều 24.5.a: found addicted, user management stops; the person is addicted from
    the day of the result until rehab or substitution treatment starts."""
    test = f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    f.management(officer_a, person_a, test, dt.date(2026, 9, 2))
    f.assessment(officer_a, person_a, dt.date(2026, 10, 10))
    assert status_of(person_a) == PersonStatus(Status.ADDICTED, dt.date(2026, 10, 10))
    assert status_of(person_a, on=dt.date(2026, 10, 9)).status == Status.USER_MANAGED


def test_a_not_addicted_result_is_no_status_of_its_own(officer_a, person_a):
    f.assessment(officer_a, person_a, dt.date(2026, 10, 10), addicted=False)
    assert status_of(person_a) == PersonStatus(Status.NONE, None)


@pytest.mark.parametrize("form", ["voluntary_community", "voluntary_public"])
def test_voluntary_rehab_in_progress_carries_its_start_and_form(officer_a, person_a, form):
    """Luật 120/2025 Điều 32: in rehab from the intake day, in the form registered."""
    f.assessment(officer_a, person_a, dt.date(2026, 10, 10))
    f.voluntary_rehab(officer_a, person_a, dt.date(2026, 10, 15), form=form)
    assert status_of(person_a) == PersonStatus(Status.IN_REHAB, dt.date(2026, 10, 15), form)
    assert status_of(person_a, on=dt.date(2026, 10, 14)) == PersonStatus(
        Status.ADDICTED, dt.date(2026, 10, 10)
    )


def test_an_open_dossier_then_the_admission_it_leads_to(officer_a, person_a):
    """Luật 120/2025 Điều 35–38: from the dossier's opening to the admission "compulsory pending",
    then in compulsory rehab from the admission day; an addicted result before it gives way."""
    f.assessment(officer_a, person_a, dt.date(2026, 9, 20))
    episode = f.court_ordered_rehab(
        officer_a, person_a, opened_on=dt.date(2026, 10, 1), admitted_on=dt.date(2026, 11, 10)
    )
    assert status_of(person_a, on=dt.date(2026, 9, 30)) == PersonStatus(Status.ADDICTED, dt.date(2026, 9, 20))
    assert status_of(person_a, on=dt.date(2026, 11, 9)) == PersonStatus(
        Status.COMPULSORY_PENDING, dt.date(2026, 10, 1)
    )
    assert status_of(person_a) == PersonStatus(Status.IN_REHAB, dt.date(2026, 11, 10), "compulsory_adult")
    assert episode.form == "compulsory_adult"


def test_substitution_treatment_in_progress_has_no_rehab_form(officer_a, person_a):
    """Luật 120/2025 Điều 31.6: enrolment stands in for registering for rehab."""
    f.assessment(officer_a, person_a, dt.date(2026, 10, 10))
    f.substitution(officer_a, person_a, dt.date(2026, 10, 12))
    assert status_of(person_a) == PersonStatus(Status.ON_SUBSTITUTION, dt.date(2026, 10, 12), "")


def test_a_completed_rehab_awaits_the_post_rehab_decision_from_its_completion(officer_a, person_a):
    """Luật 120/2025 Điều 42.1: the post-rehab decision follows completion; until then, "completed"."""
    episode = f.completed_rehab(
        officer_a, person_a, started_on=dt.date(2026, 1, 5), completed_on=dt.date(2026, 8, 1)
    )
    assert status_of(person_a) == PersonStatus(
        Status.REHAB_COMPLETED, dt.date(2026, 8, 1), "voluntary_community"
    )
    assert status_of(person_a, on=dt.date(2026, 7, 31)).status == Status.IN_REHAB
    f.aftercare(officer_a, episode=episode, decided_on=dt.date(2026, 8, 5))
    assert status_of(person_a) == PersonStatus(Status.AFTERCARE, dt.date(2026, 8, 1))


def test_a_completed_substitution_treatment_awaits_the_post_rehab_decision(officer_a, person_a):
    treatment = f.substitution(officer_a, person_a, dt.date(2026, 8, 12))
    record_substitution_event(officer_a, treatment=treatment, kind="complete", on=dt.date(2026, 11, 1))
    assert status_of(person_a) == PersonStatus(Status.REHAB_COMPLETED, dt.date(2026, 11, 1), "")
    assert status_of(person_a, on=dt.date(2026, 10, 31)).status == Status.ON_SUBSTITUTION
    f.aftercare(officer_a, treatment=treatment, decided_on=dt.date(2026, 11, 3))
    assert status_of(person_a) == PersonStatus(Status.AFTERCARE, dt.date(2026, 11, 1))


def test_post_rehab_management_ends_with_its_removal(officer_a, person_a):
    """Luật 120/2025 Điều 48.4: taken off the post-rehab list (here in prison), no status is left."""
    episode = f.completed_rehab(
        officer_a, person_a, started_on=dt.date(2026, 1, 5), completed_on=dt.date(2026, 8, 1)
    )
    aftercare = f.aftercare(officer_a, episode=episode, decided_on=dt.date(2026, 8, 5))
    record_aftercare_event(
        officer_a, aftercare=aftercare, kind="end", on=dt.date(2026, 10, 1), end_reason="detained"
    )
    assert status_of(person_a) == PersonStatus(Status.NONE, None)
    assert status_of(person_a, on=dt.date(2026, 9, 30)) == PersonStatus(Status.AFTERCARE, dt.date(2026, 8, 1))


LIFE = [
    (dt.date(2025, 11, 30), PersonStatus(Status.NONE, None)),
    (dt.date(2025, 12, 3), PersonStatus(Status.USER_MANAGED, dt.date(2025, 12, 3))),
    (dt.date(2026, 1, 2), PersonStatus(Status.ADDICTED, dt.date(2026, 1, 2))),
    (dt.date(2026, 1, 5), PersonStatus(Status.IN_REHAB, dt.date(2026, 1, 5), "voluntary_community")),
    (dt.date(2026, 7, 31), PersonStatus(Status.IN_REHAB, dt.date(2026, 1, 5), "voluntary_community")),
    (dt.date(2026, 8, 5), PersonStatus(Status.AFTERCARE, dt.date(2026, 8, 1))),
    (dt.date(2026, 12, 1), PersonStatus(Status.AFTERCARE, dt.date(2026, 8, 1))),
]


def _life(officer, person):
    """A result, a management decision (Luật 73/2021), an addicted result that stops it, voluntary
    rehab completed, and post-rehab management."""
    test = f.drug_test(officer, person, dt.date(2025, 12, 1))
    f.management(officer, person, test, dt.date(2025, 12, 3))
    episode = f.completed_rehab(
        officer, person, started_on=dt.date(2026, 1, 5), completed_on=dt.date(2026, 8, 1)
    )
    f.aftercare(officer, episode=episode, decided_on=dt.date(2026, 8, 5))


def test_the_status_as_of_each_day_of_a_life_reads_only_the_facts_dated_by_then(officer_a, person_a):
    _life(officer_a, person_a)
    assert [status_of(person_a, on=day) for day, _expected in LIFE] == [expected for _day, expected in LIFE]
    assert status_of(person_a) == LIFE[-1][1]


def test_as_of_the_day_of_a_result_decided_later_the_person_was_waiting(officer_a, person_a):
    _life(officer_a, person_a)
    assert status_of(person_a, on=dt.date(2025, 12, 1)) == PersonStatus(
        Status.POSITIVE_PENDING, dt.date(2025, 12, 1)
    )


def test_everyone_s_status_in_one_call_each_their_own(officer_a, person_a, make_person):
    waiting = make_person(officer_a, full_name="Lê Văn Bình")
    f.drug_test(officer_a, waiting, dt.date(2026, 9, 1))
    addicted = make_person(officer_a, full_name="Vũ Văn Cường")
    f.assessment(officer_a, addicted, dt.date(2026, 10, 10))
    found = statuses_of([person_a, waiting, addicted])
    assert found == {
        person_a.pk: PersonStatus(Status.NONE, None),
        waiting.pk: PersonStatus(Status.POSITIVE_PENDING, dt.date(2026, 9, 1)),
        addicted.pk: PersonStatus(Status.ADDICTED, dt.date(2026, 10, 10)),
    }


def _full_life(officer, person):
    _life(officer, person)
    treatment = f.substitution(officer, person, dt.date(2026, 9, 1))
    record_substitution_event(officer, treatment=treatment, kind="quit", on=dt.date(2026, 9, 20))
    f.dossier(officer, person, dt.date(2026, 10, 1))


def _queries(people):
    with CaptureQueriesContext(connection) as run:
        statuses_of(people)
    return len(run)


def test_the_statuses_of_many_people_take_as_many_queries_as_one(officer_a, make_person):
    """Every kind of fact, for one person and for three: the same number of queries."""
    people = [
        make_person(officer_a, full_name=f"Người {n}", birth_date=dt.date(1990, 1, n)) for n in (1, 2, 3)
    ]
    for person in people:
        _full_life(officer_a, person)
    assert _queries(people[:1]) == _queries(people)


def test_each_call_reads_the_facts_afresh(officer_a, person_a):
    """A person read once and asked again after a new fact: the new status, not the one read before."""
    assert status_of(person_a).status == Status.NONE
    f.drug_test(officer_a, person_a, dt.date(2026, 9, 1))
    assert status_of(person_a).status == Status.POSITIVE_PENDING
