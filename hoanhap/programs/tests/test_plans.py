"""Plans: the shipped example loads whole or not at all; targets cascade to communes; tasks come to
the inbox when due and are followed with notes; staff trained is counted from attendance."""

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import _user
from hoanhap.cases.tests.conftest import at
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.lib.roles import Role
from hoanhap.programs import services
from hoanhap.programs.models import Plan, PlanTarget, PlanTask, TrainingCourse

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dien-chau-2026-du-an-5.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_the_dien_chau_plan_loads_with_its_targets_and_tasks(officer_a):
    plan = services.import_plan(officer_a, example())
    assert (plan.level, plan.commune_id, plan.targets.count(), plan.tasks.count()) == (
        "commune",
        "17464",
        4,
        6,
    )
    assert plan.targets.filter(indicator__code="counselled_addicted", value=80).exists()
    assert "7619/QĐ-BCA" in plan.legal_bases


@pytest.fixture
def dak_lak_manager(units):
    return _user("province_66", Role.PROVINCIAL_MANAGER, province="66")


@pytest.mark.parametrize(
    ("name", "user", "level", "targets", "tasks", "measured"),
    [
        ("thanh-mien-2023-2025-qd-1393.json", "officer_a", "commune", 6, 9, 3),
        ("buon-ma-thuot-2022-cai-nghien.json", "dak_lak_manager", "province", 3, 8, 3),
    ],
)
def test_the_other_seed_plans_load(request, name, user, level, targets, tasks, measured):
    """Thanh Miện (a commune plan of Dự án QĐ 1393) and Buôn Ma Thuột 2022 (a city plan, loaded at
    the province now that districts are gone): each target that the system can measure is tied to
    its indicator or measure, the others are kept as named aims."""
    data = json.loads((EXAMPLE.parent / name).read_text(encoding="utf-8"))
    plan = services.import_plan(request.getfixturevalue(user), data)
    assert (plan.level, plan.targets.count(), plan.tasks.count()) == (level, targets, tasks)
    counted = plan.targets.exclude(indicator__isnull=True, measure="")
    assert counted.count() == measured


def test_a_broken_plan_saves_nothing(officer_a, health_a):
    broken = example()
    broken["targets"].append({"label": "x", "indicator": "no_such_indicator", "value": 1})
    with pytest.raises(ValidationError):
        services.import_plan(officer_a, {**example(), "targets": [{"label": "x", "measure": "nonsense"}]})
    with pytest.raises(ValidationError):
        services.import_plan(officer_a, broken)
    broken = example()
    broken["tasks"].append({"title": "", "agency": ""})
    with pytest.raises(ValidationError):
        services.import_plan(officer_a, broken)
    with pytest.raises(PermissionDenied):
        services.import_plan(health_a, example())  # the health station reads plans, does not enter them
    assert not Plan.objects.exists() and not PlanTask.objects.exists()


def test_tasks_come_to_the_inbox_when_due_and_leave_when_done(officer_a):
    plan = services.import_plan(officer_a, example())
    with time_machine.travel(at(2026, 7, 1)):
        due = [i for i in due_items_for_commune("17464") if i.kind == "plan_task"]
        assert len(due) == 1 and due[0].overdue and "tuyên truyền" in due[0].title
        task = PlanTask.objects.get(plan=plan, due_on=dt.date(2026, 6, 30))
        services.note_task(
            officer_a, task=task, text="Đã tổ chức 3 buổi tuyên truyền", progress=100, status="done"
        )
        assert not [i for i in due_items_for_commune("17464") if i.kind == "plan_task"]
        task.refresh_from_db()
        assert (task.progress, task.status, task.notes.count()) == (100, "done", 1)
        with pytest.raises(ValidationError):
            services.note_task(officer_a, task=task, text="", progress=120, status="done")


def test_province_targets_cascade_to_its_communes(province_manager, officer_a):
    plan = services.import_plan(
        province_manager,
        {
            "title": "Kế hoạch tỉnh",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "targets": [
                {"label": "Số người được học nghề", "value": 11, "unit": "người"},
                {"label": "Tư vấn", "indicator": "counselled_addicted", "value": 80},
            ],
        },
    )
    count, share = plan.targets.order_by("pk")
    children = services.cascade(province_manager, target=count, mode="split")
    assert sorted((c.commune_id, int(c.value)) for c in children) == [
        ("16939", 6),
        ("17464", 5),
    ]  # by code; the first takes the remainder
    assert sum(c.value for c in children) == count.value
    with pytest.raises(ValidationError):
        services.cascade(province_manager, target=count, mode="copy")  # already given out
    with pytest.raises(ValidationError):
        services.cascade(province_manager, target=share, mode="split")  # a percentage is not split
    assert {c.value for c in services.cascade(province_manager, target=share, mode="copy")} == {80}
    with pytest.raises(PermissionDenied):
        services.cascade(
            officer_a, target=PlanTarget.objects.filter(commune__isnull=True).first(), mode="copy"
        )


def test_staff_trained_is_counted_from_attendance(officer_a, head_a, health_a, login):
    plan = services.import_plan(officer_a, example())
    course = TrainingCourse.objects.create(
        plan=plan,
        province_id="40",
        commune_id="17464",
        topic="Quản lý sau cai",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 2),
        organiser="Công an tỉnh",
        created_by=officer_a,
    )
    course.participants.add(officer_a, head_a)
    trained = services.staff_trained(
        province_id="40", commune_id="17464", start=plan.starts_on, end=plan.ends_on
    )
    assert trained == (2, 3)  # officer, head, health station in post; two attended
    page = login(health_a).get(reverse("programs:detail", args=[plan.uuid])).content.decode()
    # the staff target is measured by attendance, not matched on its label
    assert "<strong>66,7 %</strong> (2/3)" in page and "Mục tiêu 5" in page
    assert login(officer_a).get(reverse("programs:list")).status_code == 200


def test_a_training_recorded_on_the_plan_page_counts_its_staff(officer_a, head_a, officer_b, login):
    plan = services.import_plan(officer_a, example())
    url = reverse("programs:detail", args=[plan.uuid])
    client = login(officer_a)
    form = {
        "form": "training",
        "tr-topic": "Quản lý sau cai",
        "tr-starts_on": "01/04/2026",
        "tr-ends_on": "02/04/2026",
        "tr-organiser": "Công an tỉnh",
        "tr-participants": [officer_a.pk, head_a.pk],
    }
    assert client.post(url, {**form, "tr-ends_on": "31/03/2026"}).status_code == 400
    assert (
        client.post(url, {**form, "tr-participants": [officer_b.pk]}).status_code == 400
    )  # not this unit's staff
    assert client.post(url, form).status_code == 302
    assert services.staff_trained(
        province_id="40", commune_id="17464", start=plan.starts_on, end=plan.ends_on
    ) == (2, 2)
    awareness = {
        "form": "awareness",
        "aw-held_on": "05/05/2026",
        "aw-channel": "loudspeaker",
        "aw-audience": "Nhân dân xóm 4",
        "aw-reach": 300,
    }
    assert client.post(url, awareness).status_code == 302
    assert plan.awareness.get().reach == 300
