"""Relapse-prevention plans for people in aftercare: check-ins and tests due from the plan, missed
ones overdue in the commune's inbox, cleared by doing them."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.tests.test_aftercare import decide
from hoanhap.cases.tests.test_episodes import _old_episode
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.support import services


@pytest.fixture
def aftercare(officer_a, make_person):
    person = make_person(officer_a, stable_residence="permanent")
    episode = _old_episode(officer_a, person)
    record_rehab_event(officer_a, episode=episode, kind="complete", on=dt.date(2026, 8, 1))
    return decide(officer_a, episode)  # 01/08/2026 to 01/08/2027


def _plan_items(user):
    return sorted(
        (i.kind, i.due_at.date(), i.overdue)
        for i in due_items_for_commune(user.commune_id)
        if i.kind.startswith("plan_")
    )


def test_missed_checkins_and_tests_become_due_and_doing_them_clears_them(officer_a, aftercare):
    plan = services.make_plan(
        officer_a,
        aftercare=aftercare,
        starts_on=dt.date(2026, 9, 1),
        goals="Không tái sử dụng; đi làm đều",
        checkin_days=30,
        test_days=60,
    )
    with time_machine.travel(dt.date(2026, 9, 20)):
        assert _plan_items(officer_a) == []  # more than a week ahead
    with time_machine.travel(dt.date(2026, 10, 5)):
        assert _plan_items(officer_a) == [("plan_checkin", dt.date(2026, 10, 1), True)]
        services.record_checkin(
            officer_a,
            plan=plan,
            kind="checkin",
            on=dt.date(2026, 10, 5),
            done_by="Võ Thị Mai",
            outcome="Ổn định",
        )
        assert _plan_items(officer_a) == []
    with time_machine.travel(dt.date(2026, 10, 28)):
        assert _plan_items(officer_a) == [
            ("plan_checkin", dt.date(2026, 11, 4), False),  # 30 days after the last check-in
            ("plan_test", dt.date(2026, 10, 31), False),  # 60 days after the start: no test yet
        ]


def test_one_plan_per_aftercare_within_its_term(officer_a, aftercare):
    with pytest.raises(ValidationError, match="trong thời gian quản lý"):
        services.make_plan(
            officer_a, aftercare=aftercare, starts_on=dt.date(2026, 7, 1), goals="x", checkin_days=30
        )
    services.make_plan(
        officer_a, aftercare=aftercare, starts_on=dt.date(2026, 8, 2), goals="x", checkin_days=30
    )
    with pytest.raises(ValidationError, match="Đã có kế hoạch"):
        services.make_plan(
            officer_a, aftercare=aftercare, starts_on=dt.date(2026, 8, 2), goals="x", checkin_days=30
        )


def test_plan_through_the_person_page(login, officer_a, province_manager, aftercare):
    person = aftercare.person
    client = login(officer_a)
    panel = client.get(reverse("support:panel", args=[person.uuid])).content.decode()
    url = reverse("support:plan_create", args=[person.uuid, aftercare.uuid])
    assert url in panel
    assert login(province_manager).get(url).status_code == 403
    response = client.post(url, {"starts_on": "02/08/2026", "goals": "Đi làm đều", "checkin_days": "30"})
    assert response.status_code == 302
    assert "Đi làm đều" in client.get(reverse("support:panel", args=[person.uuid])).content.decode()
