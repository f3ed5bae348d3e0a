"""High-risk groups (configured by the administrator), tags on people, prevention sessions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hoanhap.prevention import services
from hoanhap.prevention.models import PreventionSession, RiskGroup


def test_default_groups_exist_and_the_administrator_adds_and_retires(login, sysadmin, officer_a):
    assert RiskGroup.objects.filter(code="young_workers", active=True).exists()
    client = login(sysadmin)
    assert (
        client.post(reverse("prevention:groups"), {"code": "drivers", "name": "Lái xe đường dài"}).status_code
        == 302
    )
    assert client.post(reverse("prevention:groups"), {"retire": "pupils"}).status_code == 302
    assert not RiskGroup.objects.get(code="pupils").active
    assert login(officer_a).get(reverse("prevention:groups")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_risk_group(officer_a, code="x", name="x")


def test_tags_only_with_active_groups_and_once(officer_a, make_person):
    person = make_person(officer_a)
    group = RiskGroup.objects.get(code="young_workers")
    services.tag_person(officer_a, person=person, group=group, since=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError, match="đã thuộc"):
        services.tag_person(officer_a, person=person, group=group, since=dt.date(2026, 11, 1))
    retired = RiskGroup.objects.create(code="old", name="Cũ", active=False)
    with pytest.raises(ValidationError, match="không còn sử dụng"):
        services.tag_person(officer_a, person=person, group=retired, since=dt.date(2026, 11, 1))


def test_sessions_are_recorded_by_the_commune_and_scoped(login, officer_a, officer_b, province_manager):
    form = {
        "held_on": "15/11/2026",
        "setting": "school",
        "place": "Trường THCS Diễn Châu",
        "topic": "Tác hại của ma túy tổng hợp",
        "run_by": "Công an xã, Đoàn Thanh niên",
        "audience": RiskGroup.objects.get(code="pupils").pk,
        "attendees": "320",
    }
    assert login(officer_a).post(reverse("prevention:sessions"), form).status_code == 302
    assert PreventionSession.objects.get().attendees == 320
    assert (
        "Tác hại của ma túy tổng hợp"
        in login(province_manager).get(reverse("prevention:sessions")).content.decode()
    )
    assert (
        "Tác hại của ma túy tổng hợp"
        not in login(officer_b).get(reverse("prevention:sessions")).content.decode()
    )
    assert login(province_manager).post(reverse("prevention:sessions"), form).status_code == 403
