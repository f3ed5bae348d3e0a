"""Registration for voluntary rehab.

Luật 120/2025 Điều 29, 31.1.b, 31.6, 32, 34.1, 56; Luật 73/2021 Điều 29–31.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hoanhap.cases.services.voluntary import register_voluntary_rehab
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests import factories
from hoanhap.cases.tests.conftest import at
from hoanhap.inbox.registry import due_items_for_commune

ADDICTED = ["craving", "loss_of_control", "withdrawal"]


def assess(actor, person, result_on):
    return factories.assessment(actor, person, result_on)


def register(actor, person, started_on, form="voluntary_community", **extra):
    return register_voluntary_rehab(
        actor,
        person=person,
        form=form,
        started_on=started_on,
        intake_record_number="3/BB-CAX",
        provider="Tổ công tác cai nghiện",
        **extra,
    )


def test_first_rehab_under_the_new_law_runs_24_months(officer_a, addicted_person):
    episode = register(officer_a, addicted_person, dt.date(2026, 10, 15))
    assert (episode.regime, episode.episode_number, episode.term_months) == ("law120", 1, 24)
    assert episode.planned_end == dt.date(2028, 10, 15)
    assert status_of(addicted_person).status == Status.IN_REHAB


def test_repeat_rehab_under_the_new_law_runs_36_months(officer_a, make_person):
    person = make_person(officer_a, prior_rehab_count=1)
    assess(officer_a, person, dt.date(2026, 10, 10))
    episode = register(officer_a, person, dt.date(2026, 10, 15))
    assert (episode.episode_number, episode.term_months) == (2, 36)


def test_article_56_episode_started_under_the_old_law_keeps_a_6_to_12_month_term(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="6 đến 12"):
        register(officer_a, person_a, dt.date(2026, 5, 4), term_months=13)
    episode = register(officer_a, person_a, dt.date(2026, 5, 4), term_months=9)
    assert (episode.regime, episode.planned_end) == ("law73", dt.date(2027, 2, 4))


@pytest.mark.parametrize("result_on", [None, dt.date(2026, 3, 1)])
def test_registration_needs_a_valid_addiction_result(officer_a, person_a, result_on):
    if result_on:
        assess(officer_a, person_a, result_on)  # older than 6 months on 15/10/2026
    with pytest.raises(ValidationError, match=re.escape("Luật 120/2025 Điều 31.1.b")):
        register(officer_a, person_a, dt.date(2026, 10, 15))


def test_minors_need_guardian_confirmation_and_children_under_12_cannot_be_registered(officer_a, make_person):
    minor = make_person(officer_a, full_name="Lê Văn Tý", birth_date=dt.date(2010, 3, 3))
    assess(officer_a, minor, dt.date(2026, 10, 10))
    with pytest.raises(ValidationError, match="người giám hộ"):
        register(officer_a, minor, dt.date(2026, 10, 15))
    assert register(officer_a, minor, dt.date(2026, 10, 15), guardian_confirmed=True).pk
    child = make_person(officer_a, full_name="Lê Văn Tí", birth_date=dt.date(2015, 3, 3))
    assess(officer_a, child, dt.date(2026, 10, 10))
    with pytest.raises(ValidationError, match="12 tuổi"):
        register(officer_a, child, dt.date(2026, 10, 15), guardian_confirmed=True)


def test_no_stable_residence_means_a_public_facility(officer_a, make_person):
    person = make_person(officer_a, stable_residence="none")
    assess(officer_a, person, dt.date(2026, 10, 10))
    with pytest.raises(ValidationError, match=re.escape("Điều 31.6, 34.1")):
        register(officer_a, person, dt.date(2026, 10, 15))
    assert register(officer_a, person, dt.date(2026, 10, 15), form="voluntary_public").pk


def test_compulsory_rehab_cannot_be_registered_and_one_episode_at_a_time(officer_a, addicted_person):
    with pytest.raises(ValidationError, match="Tòa án"):
        register(officer_a, addicted_person, dt.date(2026, 10, 15), form="compulsory_adult")
    register(officer_a, addicted_person, dt.date(2026, 10, 15))
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        register(officer_a, addicted_person, dt.date(2026, 10, 16))


def test_registration_clears_the_due_item(officer_a, addicted_person):
    # Past the deadline (five working days from 10/10/2026), not registering is also a ground for
    # compulsory rehab (Luật 120/2025 Điều 35.1.a); a registration, even late, clears both.
    kinds = sorted(i.kind for i in due_items_for_commune(addicted_person.commune_id))
    assert kinds == ["open_dossier", "register_rehab"]
    register(officer_a, addicted_person, dt.date(2026, 10, 15))
    assert due_items_for_commune(addicted_person.commune_id) == []


def test_luat_120_only_rules_do_not_reach_a_luat_73_case(officer_a, person_a, make_person):
    """Issue 23, item 5: the six-month validity of an "addicted" result (Luật 120/2025 Điều 31.1.b) and
    partial private rehab (Điều 30.1.d, 33.4) came with Luật 120; Luật 73/2021 had neither."""
    with time_machine.travel(at(2026, 6, 20), tick=False):
        old = assess(officer_a, person_a, dt.date(2025, 11, 3))
        assert old.valid_until is None
        # Seven months later, still a basis under Luật 73 (no validity limit then).
        episode = register(officer_a, person_a, dt.date(2026, 6, 10), term_months=6)
        assert episode.source_assessment == old
        other = make_person(officer_a, full_name="Lê Văn Bình", birth_date=dt.date(1985, 1, 1))
        assess(officer_a, other, dt.date(2026, 6, 1))
        with pytest.raises(ValidationError, match=re.escape("Luật 120/2025 Điều 30.1.d")):
            register(officer_a, other, dt.date(2026, 6, 12), form="voluntary_private_partial", term_months=6)
    fresh = assess(officer_a, make_person(officer_a, full_name="Vũ Văn Cường"), dt.date(2026, 9, 1))
    assert fresh.valid_until == dt.date(2027, 3, 1)
