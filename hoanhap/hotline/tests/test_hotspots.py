"""Hotspots with their status over time, linked to tips, and the QĐ 28/2025 criteria counts."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from hoanhap.hotline import services
from hoanhap.hotline.classification import Inputs, assess
from hoanhap.hotline.models import HotspotStatus


def _spot(officer, name="Bãi đất trống cuối xóm 4", **extra):
    return services.add_hotspot(officer, name=name, kind="use", **extra)


def test_status_over_time_in_date_order(officer_a):
    spot = _spot(officer_a)
    assert spot.status_on() == HotspotStatus.REPORTED
    services.change_hotspot(
        officer_a, hotspot=spot, on=dt.date(2026, 10, 1), status="active", note="Xác minh có thật"
    )
    services.change_hotspot(officer_a, hotspot=spot, on=dt.date(2026, 11, 1), status="cleared")
    assert (spot.status_on(dt.date(2026, 10, 15)), spot.status_on()) == ("active", "cleared")
    with pytest.raises(ValidationError, match="thứ tự"):
        services.change_hotspot(officer_a, hotspot=spot, on=dt.date(2026, 10, 20), status="active")


def test_a_change_dated_today_in_vietnam_is_accepted_in_the_small_hours(officer_a):
    spot = _spot(officer_a)
    # 01:00 on 20/11 in Vietnam is still 19/11 in UTC: "today" is the 20th.
    with time_machine.travel(dt.datetime(2026, 11, 19, 18, tzinfo=dt.UTC), tick=False):
        services.change_hotspot(officer_a, hotspot=spot, on=dt.date(2026, 11, 20), status="active")
        with pytest.raises(ValidationError, match="tương lai"):
            services.change_hotspot(officer_a, hotspot=spot, on=dt.date(2026, 11, 21), status="cleared")
    assert spot.status_on(dt.date(2026, 11, 20)) == "active"


def test_places_criterion_counts_active_use_places(officer_a, make_person, positive_test, decide):
    for name in ("Điểm A", "Điểm B"):
        services.change_hotspot(
            officer_a, hotspot=_spot(officer_a, name=name), on=dt.date(2026, 10, 1), status="active"
        )
    _spot(officer_a, name="Chỉ mới phản ánh")
    person = make_person(officer_a)
    decide(person, positive_test(person))
    result = assess(officer_a.commune_id, Inputs(population=150))
    a, b, c, _d, _dd = result.rows
    assert (b.value, b.met) == ("2", True)
    assert a.value.startswith("1 (66.7/10.000)") and a.met is True  # 1 of 150 people ≥ 50 per 10,000
    assert c.met is None and (result.met, result.needed) == (2, 3)
    assert assess(officer_a.commune_id, Inputs()).rows[0].met is None


def test_a_tip_becomes_a_hotspot_through_the_screens(login, officer_a, officer_b):
    tip = services.receive_tip(
        officer_a, channel="phone", category="hotspot", summary="Tụ tập ở cầu", commune=officer_a.commune
    )
    client = login(officer_a)
    response = client.post(
        reverse("hotline:hotspots"), {"name": "Gầm cầu", "kind": "use", "tip": str(tip.uuid)}
    )
    assert response.status_code == 302
    assert "Gầm cầu" in client.get(reverse("hotline:detail", args=[tip.uuid])).content.decode()
    assert "Gầm cầu" not in login(officer_b).get(reverse("hotline:hotspots")).content.decode()
    # The list with a hotspot on it (a template once indexed its changes from the end: a 500).
    listed = client.get(reverse("hotline:hotspots")).content.decode()
    assert "Gầm cầu" in listed and "Được phản ánh, chưa xác minh" in listed
    page = client.get(reverse("hotline:classification"), {"dan_so": "12000"}).content.decode()
    assert "Quyết định 28/2025/QĐ-TTg" in page


def test_the_classification_link_shows_only_to_those_who_can_open_it(login, officer_a, province_manager):
    """The commune classification (QĐ 28/2025) assesses one commune: a province user, who would get
    403 there, is not offered the link (issue 26, item 2); a commune officer is, and opens it."""
    link = reverse("hotline:classification")
    province = login(province_manager)
    assert province.get(reverse("hotline:hotspots")).status_code == 200
    assert link not in province.get(reverse("hotline:hotspots")).content.decode()
    assert province.get(link).status_code == 403
    commune = login(officer_a)
    assert link in commune.get(reverse("hotline:hotspots")).content.decode()
    assert commune.get(link).status_code == 200
