"""Counts for the commune classification of QĐ 28/2025/QĐ-TTg (type I drug-hotspot commune): the
criteria the registry can count, against thresholds that are unverified rules an administrator can
correct. Criteria the system has no data for (arrests, drug plants) are shown as such."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hoanhap.cases.status import Status, statuses_of
from hoanhap.hotline.models import Hotspot, HotspotKind, HotspotStatus
from hoanhap.law import services as law
from hoanhap.lib.dates import today
from hoanhap.people.models import Person

# Statuses of "người nghiện" and "người sử dụng có hồ sơ quản lý".
COUNTED = frozenset(
    {
        Status.ADDICTED,
        Status.IN_REHAB,
        Status.ON_SUBSTITUTION,
        Status.COMPULSORY_PENDING,
        Status.USER_MANAGED,
        Status.USER_SUSPENDED,
    }
)


@dataclass(frozen=True)
class Criterion:
    letter: str
    label: object
    value: str
    threshold: str
    met: bool | None  # None: no data
    citation: str


def criteria(
    commune_id: str, *, population: int | None, on: dt.date | None = None
) -> tuple[list[Criterion], int, int]:
    """The criteria, how many are met, how many are needed."""
    day = on or today()
    regime = law.regime_on(day)
    ratio_rule = law.rule("hotspot_commune_people_per_10000", regime=regime)
    places_rule = law.rule("hotspot_commune_places", regime=regime)
    arrests_rule = law.rule("hotspot_commune_arrests_per_10000", regime=regime)
    plants_rule = law.rule("hotspot_commune_plants", regime=regime)
    needed = int(law.rule("hotspot_commune_criteria_needed", regime=regime).value)
    people = Person.objects.filter(commune_id=commune_id).current()
    counted = sum(1 for s in statuses_of(people, on=day).values() if s.status in COUNTED)
    per_10000 = counted * 10000 / population if population else None
    places = sum(
        1
        for h in Hotspot.objects.filter(commune_id=commune_id, kind=HotspotKind.USE).prefetch_related(
            "changes"
        )
        if h.status_on(day) == HotspotStatus.ACTIVE
    )
    rows = [
        Criterion(
            "a",
            _("Người nghiện và người sử dụng có hồ sơ quản lý trên dân số"),
            f"{counted}" + (f" ({per_10000:.1f}/10.000)" if per_10000 is not None else ""),
            f"≥ {ratio_rule.value}/10.000",
            None if per_10000 is None else per_10000 >= int(ratio_rule.value),
            ratio_rule.citation,
        ),
        Criterion(
            "b",
            _("Điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy đang hoạt động"),
            str(places),
            f"≥ {places_rule.value}",
            places >= int(places_rule.value),
            places_rule.citation,
        ),
        Criterion(
            "c",
            _("Người phạm tội về ma túy bị bắt giữ trên dân số"),
            "—",
            f"≥ {arrests_rule.value}/10.000",
            None,
            arrests_rule.citation,
        ),
        Criterion(
            "d",
            _("Cây có chứa chất ma túy bị phát hiện, triệt phá"),
            "—",
            _("≥ %(n)s cây") % {"n": plants_rule.value},
            None,
            plants_rule.citation,
        ),
    ]
    return rows, sum(1 for r in rows if r.met), needed
