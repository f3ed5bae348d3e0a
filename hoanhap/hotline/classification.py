"""The commune against the criteria of a type I drug-hotspot commune of QĐ 28/2025/QĐ-TTg: the counts
the registry holds (users with a dossier, active places of use), the counts a user types in (the
population, drug offenders arrested, drug plants destroyed and their area), against thresholds that are
unverified rules an administrator can correct (``hotspot_*`` in the rulebook).

A criterion with no data is "not determined" (``met is None``), never "not met": the verdict says the
commune is a type I commune only when enough criteria are met, and that it is not only when even the
undetermined ones could not make up the number. Types II and III and the "không ma túy" criteria are
not assessed (the rulebook says why)."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

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
    met: bool | None  # None: not determined (no data)
    citation: str


class Verdict(StrEnum):
    TYPE_I = "type_i"
    NOT_TYPE_I = "not_type_i"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class Inputs:
    """What the registry does not hold, as typed in; None where not given."""

    population: int | None = None
    arrests: int | None = None
    plants: int | None = None
    plant_area: int | None = None  # m²


@dataclass(frozen=True)
class Assessment:
    rows: list[Criterion]
    needed: int

    @property
    def met(self) -> int:
        return sum(1 for r in self.rows if r.met)

    @property
    def undetermined(self) -> int:
        return sum(1 for r in self.rows if r.met is None)

    @property
    def verdict(self) -> Verdict:
        if self.met >= self.needed:
            return Verdict.TYPE_I
        if self.met + self.undetermined >= self.needed:
            return Verdict.UNDETERMINED
        return Verdict.NOT_TYPE_I


def _per_10000(count: int | None, population: int | None) -> float | None:
    return None if count is None or not population else count * 10000 / population


def _ratio_value(count: int | None, ratio: float | None) -> str:
    if count is None:
        return "—"
    return f"{count}" + (f" ({ratio:.1f}/10.000)" if ratio is not None else "")


def _users(commune_id: str, day: dt.date) -> int:
    people = Person.objects.filter(commune_id=commune_id).current()
    return sum(1 for s in statuses_of(people, on=day).values() if s.status in COUNTED)


def _active_places(commune_id: str, day: dt.date) -> int:
    spots = Hotspot.objects.filter(commune_id=commune_id, kind=HotspotKind.USE).prefetch_related("changes")
    return sum(1 for h in spots if h.status_on(day) == HotspotStatus.ACTIVE)


def _plants_met(inputs: Inputs, plants_min: int, area_min: int) -> bool | None:
    """Criterion d: 3,000 plants OR 750 m². Either count reaching its threshold meets it; it is not
    met only when both counts are known and below."""
    known = [v for v in (inputs.plants, inputs.plant_area) if v is not None]
    if (inputs.plants or 0) >= plants_min or (inputs.plant_area or 0) >= area_min:
        return True
    return False if len(known) == 2 else None


def assess(commune_id: str, inputs: Inputs, *, on: dt.date | None = None) -> Assessment:
    day = on or today()
    regime = law.regime_on(day)

    def rule(code: str) -> law.AppliedRule:
        return law.rule(code, regime=regime)

    ratio, places, arrests = (
        rule("hotspot_commune_people_per_10000"),
        rule("hotspot_commune_places"),
        rule("hotspot_commune_arrests_per_10000"),
    )
    plants, area, route = (
        rule("hotspot_commune_plants"),
        rule("hotspot_commune_plant_area"),
        rule("hotspot_commune_route_criteria"),
    )
    users = _users(commune_id, day)
    users_ratio = _per_10000(users, inputs.population)
    arrests_ratio = _per_10000(inputs.arrests, inputs.population)
    found = _active_places(commune_id, day)
    rows = [
        Criterion(
            "a",
            _("Người nghiện và người sử dụng có hồ sơ quản lý trên dân số"),
            _ratio_value(users, users_ratio),
            f"≥ {ratio.value}/10.000",
            None if users_ratio is None else users_ratio >= int(ratio.value),
            ratio.citation,
        ),
        Criterion(
            "b",
            _("Điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy đang hoạt động"),
            str(found),
            f"≥ {places.value}",
            found >= int(places.value),
            places.citation,
        ),
        Criterion(
            "c",
            _("Người phạm tội về ma túy bị bắt giữ trên dân số"),
            _ratio_value(inputs.arrests, arrests_ratio),
            f"≥ {arrests.value}/10.000",
            None if arrests_ratio is None else arrests_ratio >= int(arrests.value),
            arrests.citation,
        ),
        Criterion(
            "d",
            _("Cây có chứa chất ma túy bị phát hiện, triệt phá"),
            " · ".join(
                [
                    _("%(n)s cây") % {"n": inputs.plants} if inputs.plants is not None else "—",
                    f"{inputs.plant_area} m²" if inputs.plant_area is not None else "—",
                ]
            ),
            _("≥ %(n)s cây hoặc ≥ %(a)s m²") % {"n": plants.value, "a": area.value},
            _plants_met(inputs, int(plants.value), int(area.value)),
            f"{plants.citation}; {area.citation}",
        ),
        Criterion(
            "đ",
            _("Nằm trên tuyến trọng điểm phức tạp về ma túy và có tiêu chí của địa bàn loại thấp hơn"),
            "—",
            _("≥ %(n)s tiêu chí, trên tuyến") % {"n": route.value},
            None,  # neither the routes nor the lower types' criteria are held
            route.citation,
        ),
    ]
    return Assessment(rows, int(rule("hotspot_commune_criteria_needed").value))
