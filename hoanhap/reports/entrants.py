"""People entering treatment in a year, counted once each, in the spirit of the EMCDDA Treatment
Demand Indicator (TDI protocol 3.0; research/anchors.md §(e)).

An entrant is a person with a rehab episode or a substitution treatment that started in the year;
a person with several entries is counted once, at the first. "Previously treated" means an
episode or treatment that started before the year, a first episode of the year that is not the
person's first (its ``episode_number``), or earlier rehab declared on the Mẫu 05 record
(``prior_rehab_count``). One query over people, never a loop over cases.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.models import RehabEpisode, SubstitutionTreatment
from hoanhap.cases.rehab import RehabForm
from hoanhap.people.models import Person, Route, Sex, Substance

SUBSTITUTION = "substitution"

# The TDI's "type of treatment centre" for each way into treatment.
CENTRE_TYPE = {
    RehabForm.VOLUNTARY_COMMUNITY: _("Ngoại trú"),
    RehabForm.VOLUNTARY_PRIVATE_PARTIAL: _("Nội trú"),
    RehabForm.VOLUNTARY_PUBLIC: _("Nội trú"),
    RehabForm.VOLUNTARY_PRIVATE: _("Nội trú"),
    RehabForm.COMPULSORY_ADULT: _("Nội trú (bắt buộc)"),
    RehabForm.COMPULSORY_MINOR: _("Nội trú (bắt buộc)"),
    SUBSTITUTION: _("Ngoại trú (điều trị thay thế)"),
}

# Mẫu 05 drug types onto the TDI's drug groups (codes as listed in research/anchors.md §(e)).
DRUG_GROUP = {
    Substance.HEROIN: _("Opioid: heroin (11)"),
    Substance.OPIUM: _("Opioid khác: thuốc phiện (17)"),
    Substance.COCAINE: _("Nhóm cocain"),
    Substance.ATS: _("Chất kích thích dạng amphetamine (30–36)"),
    Substance.KETAMINE: _("Chất gây ảo giác: ketamine (52)"),
    Substance.CANNABIS: _("Nhóm cần sa (70–73)"),
    Substance.OTHER: _("Loại khác (88)"),
}

AGE_BANDS = (15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65)
UNKNOWN = _("Không rõ")

NOTES = [
    [
        _("Cách đếm"),
        _(
            "Mỗi người được đếm một lần, theo lần vào điều trị đầu tiên trong năm (cai nghiện hoặc "
            "điều trị thay thế), theo tinh thần Chỉ số Nhu cầu điều trị (TDI) của EMCDDA."
        ),
    ],
    [
        _("Đã từng điều trị"),
        _(
            "Có lần cai nghiện, điều trị thay thế bắt đầu trước năm; lần cai nghiện đầu tiên trong năm "
            "không phải lần thứ nhất; hoặc hồ sơ Mẫu 05 ghi đã cai nghiện."
        ),
    ],
    [
        _("Loại ma túy, hình thức sử dụng"),
        _("Theo hồ sơ đối tượng hiện tại (Mẫu 05); loại ma túy ghi đầu tiên là loại chính."),
    ],
    [
        _("Chưa thu thập"),
        _(
            "Nguồn giới thiệu, tần suất sử dụng trong 30 ngày, tuổi bắt đầu tiêm chích, "
            "xét nghiệm HIV, viêm gan."
        ),
    ],
]


@dataclass(frozen=True)
class Entrant:
    commune: str
    entered_on: dt.date
    way: str
    previously_treated: bool
    sex: str
    age: int | None
    drug: str
    route: str


def _first(rows, field: str, value: str) -> Subquery:
    return Subquery(rows.order_by(field, "pk").values(value)[:1])


def entrants(year: int, scope: Q) -> list[Entrant]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    episodes = RehabEpisode.objects.filter(person=OuterRef("pk"), started_on__range=(start, end))
    treatments = SubstitutionTreatment.objects.filter(person=OuterRef("pk"), enrolled_on__range=(start, end))
    earlier = Exists(RehabEpisode.objects.filter(person=OuterRef("pk"), started_on__lt=start)) | Exists(
        SubstitutionTreatment.objects.filter(person=OuterRef("pk"), enrolled_on__lt=start)
    )
    rows = (
        Person.objects.current()
        .filter(scope)
        .filter(Exists(episodes) | Exists(treatments))
        .annotate(
            rehab_on=_first(episodes, "started_on", "started_on"),
            rehab_form=_first(episodes, "started_on", "form"),
            rehab_number=_first(episodes, "started_on", "episode_number"),
            treatment_on=_first(treatments, "enrolled_on", "enrolled_on"),
            earlier=earlier,
        )
        .values_list(
            "commune__name",
            "rehab_on",
            "rehab_form",
            "rehab_number",
            "treatment_on",
            "earlier",
            "prior_rehab_count",
            "sex",
            "birth_date",
            "birth_year",
            "substances",
            "route",
        )
    )
    found = []
    for (
        commune,
        rehab_on,
        form,
        number,
        treatment_on,
        earlier_,
        prior,
        sex,
        born,
        born_year,
        drugs,
        route,
    ) in rows:
        if rehab_on is not None and (treatment_on is None or rehab_on <= treatment_on):
            entered_on, way = rehab_on, form
        else:
            entered_on, way = treatment_on, SUBSTITUTION
        found.append(
            Entrant(
                commune=commune,
                entered_on=entered_on,
                way=way,
                previously_treated=bool(earlier_ or prior or (way != SUBSTITUTION and (number or 1) > 1)),
                sex=sex,
                age=_age(entered_on, born, born_year),
                drug=(drugs or [""])[0],
                route=route,
            )
        )
    return found


def _age(on: dt.date, born: dt.date | None, born_year: int | None) -> int | None:
    if born:
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return on.year - born_year if born_year else None


def age_band(age: int | None) -> str:
    if age is None:
        return str(UNKNOWN)
    if age < AGE_BANDS[0]:
        return f"< {AGE_BANDS[0]}"
    if age >= AGE_BANDS[-1]:
        return f"≥ {AGE_BANDS[-1]}"
    low = max(b for b in AGE_BANDS if b <= age)
    return f"{low}–{low + 4}"


def _way_label(way: str) -> str:
    if way == SUBSTITUTION:
        return str(_("Điều trị thay thế (methadone, buprenorphine)"))
    return str(RehabForm(way).label)


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[tuple[str, int, int]]  # label, never treated before, previously treated

    @property
    def totals(self) -> tuple[int, int]:
        return sum(r[1] for r in self.rows), sum(r[2] for r in self.rows)


def _table(title, found: list[Entrant], key, order: list[str]) -> Table:
    counts: Counter[tuple[str, bool]] = Counter((key(e), e.previously_treated) for e in found)
    labels = order + sorted({label for label, _t in counts} - set(order))
    return Table(
        str(title),
        [
            (label, counts[label, False], counts[label, True])
            for label in labels
            if counts[label, False] + counts[label, True]
        ],
    )


def tables(found: list[Entrant], *, by_commune: bool) -> list[Table]:
    ways = [*RehabForm.values, SUBSTITUTION]
    result = [
        _table(_("Hình thức điều trị"), found, lambda e: _way_label(e.way), [_way_label(w) for w in ways]),
        _table(
            _("Loại hình cơ sở (TDI)"),
            found,
            lambda e: str(CENTRE_TYPE[e.way]),
            list(dict.fromkeys(str(v) for v in CENTRE_TYPE.values())),
        ),
        _table(
            _("Giới tính"),
            found,
            lambda e: str(Sex(e.sex).label) if e.sex in Sex.values else str(UNKNOWN),
            [str(s.label) for s in Sex],
        ),
        _table(
            _("Nhóm tuổi khi vào điều trị"),
            found,
            lambda e: age_band(e.age),
            [age_band(a) for a in (0, *AGE_BANDS)] + [str(UNKNOWN)],
        ),
        _table(
            _("Loại ma túy chính"),
            found,
            lambda e: str(DRUG_GROUP.get(e.drug, UNKNOWN)),
            [str(v) for v in DRUG_GROUP.values()] + [str(UNKNOWN)],
        ),
        _table(
            _("Hình thức sử dụng"),
            found,
            lambda e: str(Route(e.route).label) if e.route in Route.values else str(UNKNOWN),
            [str(r.label) for r in Route] + [str(UNKNOWN)],
        ),
    ]
    if by_commune:
        result.append(_table(_("Theo xã, phường"), found, lambda e: e.commune, []))
    return result
