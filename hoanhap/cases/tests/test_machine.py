"""The closing events of each case machine, and the SQL condition that keeps only open cases."""

import datetime as dt
from enum import StrEnum

import pytest
from django.db import models

from hoanhap.cases.dossier import DOSSIER, OPEN_DOSSIER_STATES, DossierEvent
from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES, Kind
from hoanhap.cases.machine import Machine, events_by_case, still_open
from hoanhap.cases.models import ManagementEvent, UserManagement
from hoanhap.cases.rehab import AFTERCARE, EPISODE, OPEN_AFTERCARE_STATES, OPEN_EPISODE_STATES
from hoanhap.cases.services.management import record_management_event
from hoanhap.cases.tests import factories as f


def test_each_machine_names_the_events_that_close_a_case_for_good():
    assert MANAGEMENT.closing(OPEN_STATES) == {Kind.STOP, Kind.TERMINATE, Kind.RENEW}
    assert EPISODE.closing(OPEN_EPISODE_STATES) == {"complete", "exit"}
    assert AFTERCARE.closing(OPEN_AFTERCARE_STATES) == {"complete", "end"}
    assert DOSSIER.closing(OPEN_DOSSIER_STATES) == {
        DossierEvent.ADMIT,
        DossierEvent.EXEMPT,
        DossierEvent.REJECT,
        DossierEvent.CLOSE,
    }


def test_a_closed_state_that_an_event_leaves_is_refused():
    class S(StrEnum):
        OPEN = "open"
        PAUSED = "paused"

    class E(models.TextChoices):
        PAUSE = "pause"
        GO = "go"

    machine = Machine(S.OPEN, {(S.OPEN, E.PAUSE): S.PAUSED, (S.PAUSED, E.GO): S.OPEN})
    with pytest.raises(ValueError, match="paused"):
        machine.closing(frozenset({S.OPEN}))


def test_a_case_is_told_open_by_its_events_alone_or_the_machine_is_refused():
    """``still_open`` is what the lists page on, so it must be exact: a machine where one event
    closes a case from one state but not from another, or whose cases start closed, is refused."""

    class S(StrEnum):
        NEW = "new"
        OPEN = "open"
        DONE = "done"

    class E(models.TextChoices):
        START = "start"
        END = "end"

    ambiguous = Machine(S.NEW, {(S.NEW, E.END): S.OPEN, (S.OPEN, E.END): S.DONE})
    with pytest.raises(ValueError, match="keeps it open"):
        ambiguous.closing(frozenset({S.NEW, S.OPEN}))
    starts_closed = Machine(S.NEW, {(S.NEW, E.START): S.OPEN, (S.OPEN, E.END): S.DONE})
    with pytest.raises(ValueError, match="not open"):
        still_open(UserManagement.objects.all(), starts_closed, frozenset({S.OPEN}))


def _managements(officer, make_person, count: int) -> list[UserManagement]:
    """``count`` people, each tested positive on 31/07/2026 and put under management on 01/08/2026."""
    return [
        f.managed(officer, make_person(officer, stable_residence="permanent"), decided_on=dt.date(2026, 8, 1))
        for _ in range(count)
    ]


def test_only_cases_without_a_closing_event_are_loaded(officer_a, make_person):
    kept, stopped, suspended = _managements(officer_a, make_person, 3)
    record_management_event(
        officer_a, management=stopped, kind=Kind.STOP, on=stopped.decided_on, stop_reason="prison"
    )
    record_management_event(officer_a, management=suspended, kind=Kind.SUSPEND, on=suspended.decided_on)
    rows = still_open(UserManagement.objects.all(), MANAGEMENT, OPEN_STATES)
    assert set(rows) == {kept, suspended}


def test_events_by_case_are_in_the_order_they_happened_and_fold_as_the_case_does(officer_a, make_person):
    resumed, quiet, suspended = _managements(officer_a, make_person, 3)
    day = resumed.decided_on
    # Recorded out of order, the resumption first and the suspension it ends after it: a row order
    # no service makes (each refuses a date before the last event), made directly to prove the sort.
    ManagementEvent.objects.create(
        management=resumed, kind=Kind.RESUME, on=day + dt.timedelta(days=9), created_by=officer_a
    )
    ManagementEvent.objects.create(
        management=resumed, kind=Kind.SUSPEND, on=day + dt.timedelta(days=2), created_by=officer_a
    )
    record_management_event(officer_a, management=suspended, kind=Kind.SUSPEND, on=day + dt.timedelta(days=5))

    events = events_by_case(UserManagement, [resumed.pk, quiet.pk, suspended.pk], "on")

    assert [(e.kind, e.on) for e in events[resumed.pk]] == [
        (Kind.SUSPEND, day + dt.timedelta(days=2)),
        (Kind.RESUME, day + dt.timedelta(days=9)),
    ]
    assert events[quiet.pk] == []
    for management in (resumed, quiet, suspended):
        assert MANAGEMENT.fold(e.kind for e in events[management.pk]) is management.state
    assert [MANAGEMENT.fold(e.kind for e in events[m.pk]) for m in (resumed, quiet, suspended)] == [
        "active",
        "active",
        "suspended",
    ]
