"""Events of a rehab episode: stages in order, completion after the term, prison time pushes the end
back, an early exit.

Luật 120/2025 Điều 29, 32.5, 47.1; Luật 73/2021 Điều 29–31.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.rehab import EpisodeState
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.conftest import at
from hoanhap.cases.tests.test_voluntary import assess, register


def _move(actor, episode, kind, on, **extra):
    return record_rehab_event(actor, episode=episode, kind=kind, on=on, **extra)


def test_stages_are_completed_in_order(officer_a, addicted_person):
    episode = register(officer_a, addicted_person, dt.date(2026, 10, 15))
    with pytest.raises(ValidationError, match="giai đoạn tiếp theo là 1"):
        _move(officer_a, episode, "stage_done", dt.date(2026, 10, 20), stage=2)
    _move(officer_a, episode, "stage_done", dt.date(2026, 10, 20), stage=1)
    with pytest.raises(ValidationError):
        _move(officer_a, episode, "stage_done", dt.date(2026, 10, 21), stage=1)
    _move(officer_a, episode, "stage_done", dt.date(2026, 10, 25), stage=2)
    assert episode.stages_done() == {1, 2}


def _old_episode(actor, person):
    assess(actor, person, dt.date(2026, 1, 2))
    episode = register(actor, person, dt.date(2026, 1, 5), term_months=6)
    for stage, day in [(1, 10), (2, 30), (3, 60)]:
        _move(actor, episode, "stage_done", dt.date(2026, 1, 5) + dt.timedelta(days=day), stage=stage)
    return episode


def test_old_law_completion_after_the_term_and_three_stages(officer_a, person_a):
    episode = _old_episode(officer_a, person_a)
    with pytest.raises(ValidationError, match="05/07/2026"):
        _move(officer_a, episode, "complete", dt.date(2026, 7, 1))
    event = _move(officer_a, episode, "complete", dt.date(2026, 8, 1), document_number="8/GCN")
    assert episode.state == EpisodeState.COMPLETED and event.signer_role == "commune_police_head"
    assert status_of(person_a).status == Status.REHAB_COMPLETED


def test_prison_time_pushes_the_end_back(officer_a, person_a):
    episode = _old_episode(officer_a, person_a)
    _move(officer_a, episode, "interrupt", dt.date(2026, 4, 1))
    _move(officer_a, episode, "resume", dt.date(2026, 5, 2))  # 31 days inside
    with pytest.raises(ValidationError, match="05/08/2026"):
        _move(officer_a, episode, "complete", dt.date(2026, 7, 20))
    _move(officer_a, episode, "complete", dt.date(2026, 8, 5))


def test_new_law_completion_needs_all_five_stages(officer_a, addicted_person):
    episode = register(officer_a, addicted_person, dt.date(2026, 10, 15))
    for stage in (1, 2, 3):
        _move(officer_a, episode, "stage_done", dt.date(2026, 10, 15) + dt.timedelta(days=stage), stage=stage)
    with time_machine.travel(at(2028, 11, 1)):
        with pytest.raises(ValidationError, match="đủ 5 giai đoạn"):
            _move(officer_a, episode, "complete", dt.date(2028, 10, 20))
        _move(officer_a, episode, "stage_done", dt.date(2028, 1, 1), stage=4)
        _move(officer_a, episode, "stage_done", dt.date(2028, 6, 1), stage=5)
        _move(officer_a, episode, "complete", dt.date(2028, 10, 20))
    assert episode.state == EpisodeState.COMPLETED


def test_early_exit_needs_a_reason_and_ends_the_episode(officer_a, addicted_person):
    episode = register(officer_a, addicted_person, dt.date(2026, 10, 15))
    with pytest.raises(ValidationError, match="lý do"):
        _move(officer_a, episode, "exit", dt.date(2026, 11, 1))
    _move(officer_a, episode, "exit", dt.date(2026, 11, 1), exit_reason="quit")
    with pytest.raises(ValidationError):
        _move(officer_a, episode, "stage_done", dt.date(2026, 11, 2), stage=1)
    assert episode.state == EpisodeState.EXITED
