"""A synthetic national dataset for the benchmark, written with bulk inserts.

People are spread over every commune with a Zipf-like skew (a few large wards, many small communes);
each person gets dated facts in proportions close to a commune's real books: drug tests, user
managements with their events and monthly activities, addiction determinations, rehab episodes
with their stages, aftercare, substitution treatment, screenings, interventions and support
services. The random generator is seeded and the facts are dated up to the day the build is for,
so two builds of one size for one day (in Vietnam: the date of ``lib.dates.today``) are the same.
"""

import datetime as dt
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.db.models import Count

from hoanhap.accounts.models import User
from hoanhap.cases.models import (
    AddictionAssessment,
    Aftercare,
    AftercareEventRecord,
    CompulsoryDossier,
    DrugTest,
    ManagementActivity,
    ManagementEvent,
    RehabEpisode,
    RehabEventRecord,
    SubstitutionEventRecord,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.geo.models import Commune, Hamlet
from hoanhap.law import services as law
from hoanhap.lib import crypto
from hoanhap.lib.roles import Role
from hoanhap.lib.vntext import search_key
from hoanhap.people.duplicates import id_index
from hoanhap.people.models import Person
from hoanhap.people.national_id import BIRTH_PROVINCE_CODES
from hoanhap.prevention.models import Intervention, Screening
from hoanhap.programs.models import Plan, PlanTarget
from hoanhap.reports.models import IndicatorDefinition
from hoanhap.support.models import SupportService

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Công", "Xuân", "Đình", "Thế"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phong",
    "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Việt", "Vinh", "Hoa", "Lan", "Mai", "Ngân", "Thảo", "Yến",
]  # fmt: skip
SUBSTANCES = ["heroin", "ats", "ats", "ats", "cannabis", "opium", "ketamine"]
PASSWORD = "bench-only-Password-1"  # noqa: S105 - accounts that exist only in a benchmark database
START = dt.date(2022, 1, 1)  # the first regime the rulebook holds (Luật 73/2021) starts then
CHUNK = 5_000  # people per batch of inserts
PROVINCE_CODES = sorted(BIRTH_PROVINCE_CODES)


@dataclass
class Built:
    people: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    largest_commune: str = ""
    small_commune: str = ""
    users: dict[str, str] = field(default_factory=dict)

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())


def _weights(count: int, rng: random.Random) -> list[float]:
    ranks = list(range(count))
    rng.shuffle(ranks)
    return [1.0 / (rank + 20) for rank in ranks]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = max((end - start).days, 0)
    return start + dt.timedelta(days=rng.randint(0, span))


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: small means only.
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def largest_commune() -> str:
    """The commune the measurements act in: the one the dataset filled most (its officer's)."""
    return str(User.objects.get(username="bench_officer").commune_id)


def smallest_commune() -> str:
    """A commune a tenth the size of the largest (at least 30 people): every page has rows there
    too, so a page needing more queries in the largest commune does a query per row (N+1)."""
    largest = largest_commune()
    sizes = Person.objects.values("commune_id").annotate(n=Count("pk")).filter(n__gte=1)
    top = next((row["n"] for row in sizes if row["commune_id"] == largest), 0)
    wanted = max(30, top // 10)
    rows = [row for row in sizes if row["commune_id"] != largest]
    if not rows:
        return largest
    return str(min(rows, key=lambda row: (abs(row["n"] - wanted), row["commune_id"]))["commune_id"])


def users_for(largest: Commune) -> dict[str, User]:
    """The accounts the measurements act as: an officer of the largest commune, its province's
    manager, the ministry viewer."""
    wanted: dict[str, dict[str, Any]] = {
        "bench_officer": {"role": Role.COMMUNE_POLICE, "commune_id": largest.pk},
        "bench_province": {"role": Role.PROVINCIAL_MANAGER, "province_id": largest.province_id},
        "bench_ministry": {"role": Role.MINISTRY_VIEWER},
    }
    return {username: account(username, **unit) for username, unit in wanted.items()}


def account(username: str, **unit: Any) -> User:
    """A benchmark account, made once."""
    from hoanhap.accounts.services import create_user

    user = User.objects.filter(username=username).first()
    return user or create_user(None, password=PASSWORD, username=username, **unit)


def build(people: int, *, seed: int = 2026, today: dt.date, log: Callable[[str], None] = print) -> Built:
    started = time.perf_counter()
    rng = random.Random(seed)
    communes = list(Commune.objects.order_by("pk").values_list("pk", "province_id"))
    if not communes:
        raise RuntimeError("No administrative units: run `manage.py load_units` first.")
    weights = _weights(len(communes), rng)
    largest = communes[max(range(len(communes)), key=weights.__getitem__)]
    small = communes[min(range(len(communes)), key=weights.__getitem__)]
    accounts = users_for(Commune.objects.get(pk=largest[0]))
    actor = accounts["bench_officer"]
    hamlets = _hamlets(communes)
    built = Built(
        largest_commune=largest[0],
        small_commune=small[0],
        users={k: v.username for k, v in accounts.items()},
    )
    # The largest commune gets its share first, so that every run has it full at any size.
    drawn = rng.choices(range(len(communes)), weights=weights, k=people)
    made = 0
    while made < people:
        size = min(CHUNK, people - made)
        with transaction.atomic():
            batch = [
                _person(rng, communes[i], hamlets.get(communes[i][0], []), actor, made + n, today)
                for n, i in enumerate(drawn[made : made + size])
            ]
            Person.objects.bulk_create(batch, batch_size=1000)
            for name, count in _facts(rng, batch, actor, today).items():
                built.facts[name] = built.facts.get(name, 0) + count
        made += size
        if made % 50_000 == 0 or made == people:
            seconds = time.perf_counter() - started
            log(f"  {made:,} people, {sum(built.facts.values()):,} facts ({seconds:.0f} s)")
    built.people = made
    built.facts["plans"] = _plans(communes, actor, today)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What an operator does after a bulk load (autovacuum would, later): without statistics the
        # planner guesses row counts and scans, and without the visibility map VACUUM writes no
        # index-only scan is possible (a commune's quarterly indicators: 1.1 s after ANALYZE alone,
        # 0.65-0.75 s after VACUUM ANALYZE). Not on SQLite, where ANALYZE misled the planner on
        # mostly empty one-to-one columns (docs/performance.md).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    built.seconds = time.perf_counter() - started
    return built


@cache
def _rule(code: str, regime: str) -> dict[str, Any]:
    """A rule as the services store it with a case (so that due items read it as they would)."""
    return law.rule(code, regime=law.regime_by_code(regime)).as_json()


@cache
def _regime(day: dt.date) -> str:
    return law.regime_for_decision(decided_on=day).code


@cache
def _checklist(regime: str) -> dict[str, Any]:
    contents = law.checklist(regime=law.regime_by_code(regime), minor=False)
    return {
        "regime": regime,
        "items": [code for code, _label in contents.items],
        "citation": contents.citation,
        "verified": contents.verified,
    }


def _months(rule: dict[str, Any]) -> int:
    return int(rule["value"])


def national_id_for(rng: random.Random, sex: str, year: int, serial: int) -> str:
    """A well-formed personal ID: province of registration, century and sex, year, serial."""
    century = 2 * ((year - 1900) // 100) + (0 if sex == "male" else 1)
    return f"{rng.choice(PROVINCE_CODES)}{century}{year % 100:02d}{serial:06d}"


def _hamlets(communes: list[tuple[str, str]]) -> dict[str, list[int]]:
    rows = [
        Hamlet(commune_id=code, kind="hamlet", name=f"Thôn {n}", search_name=f"thon {n}")
        for code, _p in communes
        for n in range(1, 6)
    ]
    Hamlet.objects.bulk_create(rows, batch_size=2000)
    by_commune: dict[str, list[int]] = {}
    for pk, code in Hamlet.objects.values_list("pk", "commune_id"):
        by_commune.setdefault(code, []).append(pk)
    return by_commune


def _person(rng, unit, hamlets, actor, n: int, today: dt.date) -> Person:
    commune, province = unit
    sex = rng.choice(["male"] * 9 + ["female"])
    middle = "Thị" if sex == "female" else rng.choice(MIDDLE)
    name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
    born = _day(rng, dt.date(1960, 1, 1), dt.date(2008, 12, 31))
    has_date = rng.random() < 0.8
    number = national_id_for(rng, sex, born.year, n)
    with_id = rng.random() < 0.7
    return Person(
        full_name=name,
        search_name=search_key(name),
        birth_date=born if has_date else None,
        birth_year=born.year,
        sex=sex,
        national_id_encrypted=crypto.encrypt(number) if with_id else "",
        national_id_index=id_index(number) if with_id else "",
        province_id=province,
        commune_id=commune,
        hamlet_id=rng.choice(hamlets) if hamlets else None,
        current_address=f"Thôn {rng.randint(1, 5)}",
        # Most records have had their residence verified; the rest are due items.
        stable_residence="permanent" if rng.random() < 0.97 else "unknown",
        substances=[rng.choice(SUBSTANCES)],
        route=rng.choice(["injecting", "inhaling", "inhaling", "oral", ""]),
        prior_rehab_count=rng.choice([0, 0, 0, 1, 2]),
        created_by=actor,
    )


def _filed(p: Person, actor) -> dict:
    return {"person": p, "province_id": p.province_id, "commune_id": p.commune_id, "created_by": actor}


def _facts(rng: random.Random, batch: list[Person], actor, today: dt.date) -> dict[str, int]:
    """Cases for a batch of people, then the rows that hang off them."""
    tests: list[DrugTest] = []
    managements: list[UserManagement] = []
    assessments: list[AddictionAssessment] = []
    episodes: list[RehabEpisode] = []
    cares: list[Aftercare] = []
    treatments: list[SubstitutionTreatment] = []
    dossiers: list[CompulsoryDossier] = []
    screenings: list[Screening] = []
    interventions: list[Intervention] = []
    services: list[SupportService] = []
    recent = today - dt.timedelta(days=30)
    for p in batch:
        for _n in range(_poisson(rng, 4.0)):
            on = _day(rng, START, today)
            positive = rng.random() < 0.6
            at = dt.datetime(on.year, on.month, on.day, 2, tzinfo=dt.UTC)
            pending, due = None, None
            if positive and on >= recent:  # a decision still to make: the inbox shows it
                applied = law.rule("user_management_decision", regime=law.regime_for_decision(decided_on=on))
                pending, due = applied.as_json(), law.deadline(applied, start=at)
            tests.append(
                DrugTest(
                    **_filed(p, actor),
                    tested_at=at,
                    result_received_at=at if pending else None,
                    decision_rule=pending,
                    decision_due=due,
                    place="Công an xã",
                    reason=rng.choice(["caught_using", "grounds", "under_management", "in_aftercare"]),
                    sample="urine",
                    testing_body="Trạm Y tế",
                    tester="Y sĩ",
                    result="positive" if positive else "negative",
                    substances=[rng.choice(SUBSTANCES)] if positive else [],
                )
            )
        if rng.random() < 0.3:
            decided = _day(rng, START, today)
            regime = _regime(decided)
            term = _rule("user_management_term", regime)
            managements.append(
                UserManagement(
                    **_filed(p, actor),
                    regime=regime,
                    decision_number=f"{rng.randint(1, 999)}/QĐ-UBND",
                    decided_on=decided,
                    signer_role=str(_rule("user_management_decider", regime)["value"]),
                    signer_name="Chủ tịch",
                    term_rule=term,
                    ends_on=decided + relativedelta(months=_months(term)),
                    team_leader="Công an xã",
                    assigned_helper="Hội Phụ nữ",
                )
            )
        if rng.random() < 0.35:
            on = _day(rng, START, today)
            regime = _regime(on)
            addicted = rng.random() < 0.8
            registration = None
            if (
                addicted
                and on >= recent
                and law.has_rule("registration_after_addicted", regime=law.regime_by_code(regime))
            ):
                registration = law.rule("registration_after_addicted", regime=law.regime_by_code(regime))
            assessments.append(
                AddictionAssessment(
                    **_filed(p, actor),
                    trigger="volunteer",
                    requesting_unit="Công an xã",
                    health_facility="Trạm Y tế",
                    started_on=on,
                    result_on=on,
                    substance_class=rng.choice(["opioids", "stimulants", "cannabis"]),
                    criteria=["craving", "tolerance"],
                    addicted=addicted,
                    result_number=str(rng.randint(1, 9999)),
                    threshold_rule=_rule("addiction_criteria_threshold", regime),
                    registration_rule=registration.as_json() if registration else None,
                    registration_due=law.deadline(
                        registration, start=dt.datetime(on.year, on.month, on.day, 2, tzinfo=dt.UTC)
                    )
                    if registration
                    else None,
                    valid_until=on + dt.timedelta(days=30),
                )
            )
        if rng.random() < 0.25:
            started = _day(rng, START, today)
            regime, number = _regime(started), rng.choice([1, 1, 2])
            if law.has_rule("rehab_term_first", regime=law.regime_by_code(regime)):
                term = _rule("rehab_term_first" if number == 1 else "rehab_term_repeat", regime)
                months = int(term["value"])
            else:  # a range the decision chose within (before Luật 120/2025)
                term = _rule("rehab_term_voluntary", regime)
                months = rng.randint(int(term["value"]), int(term["max_value"] or term["value"]))
            episodes.append(
                RehabEpisode(
                    **_filed(p, actor),
                    form=rng.choice(["voluntary_community", "voluntary_public", "compulsory_adult"]),
                    episode_number=number,
                    regime=regime,
                    started_on=started,
                    intake_record_number=str(rng.randint(1, 9999)),
                    provider="Cơ sở cai nghiện tỉnh",
                    term_rule=term,
                    term_months=months,
                    planned_end=started + relativedelta(months=months),
                )
            )
        if rng.random() < 0.05:
            treatments.append(
                SubstitutionTreatment(
                    **_filed(p, actor),
                    clinic="Cơ sở Methadone",
                    patient_code=f"M{rng.randint(1, 99999)}",
                    enrolled_on=_day(rng, START, today),
                )
            )
        if rng.random() < 0.03:
            opened = _day(rng, START, today)
            regime = _regime(opened)
            ground = law.grounds(regime=law.regime_by_code(regime))[0]
            limitation = _rule("compulsory_limitation", regime)
            dossiers.append(
                CompulsoryDossier(
                    **_filed(p, actor),
                    regime=regime,
                    minor=False,
                    ground=ground.code,
                    ground_rule={"regime": regime, "code": ground.code, "citation": ground.citation},
                    last_violation_on=opened,
                    limitation_rule=limitation,
                    limitation_ends=opened + relativedelta(months=_months(limitation)),
                    opened_on=opened,
                    preparer_role=str(_rule("compulsory_dossier_preparer", regime)["value"]),
                    checklist=_checklist(regime),
                )
            )
        for _n in range(_poisson(rng, 1.0)):
            on = _day(rng, START, today)
            screenings.append(
                Screening(
                    **_filed(p, actor),
                    screened_on=on,
                    screened_by="Trạm Y tế",
                    instrument="assist_v3",
                    answers={},
                    scores={},
                    highest_band=rng.choice(["low", "moderate", "high"]),
                    action="brief",
                )
            )
        for _n in range(_poisson(rng, 0.8)):
            interventions.append(
                Intervention(
                    **_filed(p, actor),
                    kind=rng.choice(["advice", "brief", "counselling", "follow_up"]),
                    given_on=_day(rng, START, today),
                    given_by="Trạm Y tế",
                )
            )
        for _n in range(_poisson(rng, 1.0)):
            starts = _day(rng, START, today)
            services.append(
                SupportService(
                    **_filed(p, actor),
                    kind=rng.choice(["vocational", "job", "loan", "counselling", "medical", "psychological"]),
                    title="Hỗ trợ",
                    provider="Phòng Văn hóa - Xã hội",
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=rng.randint(30, 365)) if rng.random() < 0.7 else None,
                    status="ongoing",
                )
            )
    made: list[tuple[Any, list[Any]]] = [
        (DrugTest, tests),
        (UserManagement, managements),
        (AddictionAssessment, assessments),
        (RehabEpisode, episodes),
        (SubstitutionTreatment, treatments),
        (CompulsoryDossier, dossiers),
        (Screening, screenings),
        (Intervention, interventions),
        (SupportService, services),
    ]
    for model, rows in made:
        model.objects.bulk_create(rows, batch_size=1000)
    counts = {
        "drug_tests": len(tests),
        "managements": len(managements),
        "assessments": len(assessments),
        "rehab_episodes": len(episodes),
        "substitution": len(treatments),
        "dossiers": len(dossiers),
        "screenings": len(screenings),
        "interventions": len(interventions),
        "support_services": len(services),
    }
    counts.update(_events(rng, managements, episodes, treatments, cares, actor, today))
    return counts


def _events(rng, managements, episodes, treatments, cares, actor, today: dt.date) -> dict[str, int]:
    management_events, activities, episode_events, care_events, treatment_events = [], [], [], [], []
    for m in managements:
        for month in range(1, min(12, max((today - m.decided_on).days // 30, 0)) + 1, 3):
            activities.append(
                ManagementActivity(
                    management=m,
                    on=m.decided_on + dt.timedelta(days=30 * month),
                    kind=rng.choice(["home_visit", "counselling", "residence_check", "drug_test"]),
                    by="Công an xã",
                    created_by=actor,
                )
            )
        if m.ends_on < today:
            kind = rng.choice(["terminate", "terminate", "stop"])
            management_events.append(
                ManagementEvent(
                    management=m,
                    kind=kind,
                    on=m.ends_on if kind == "terminate" else m.decided_on + dt.timedelta(days=100),
                    stop_reason="addicted" if kind == "stop" else "",
                    created_by=actor,
                )
            )
    for e in episodes:
        if e.planned_end < today:
            ended = rng.random() < 0.85
            episode_events.append(
                RehabEventRecord(
                    episode=e,
                    kind="complete" if ended else "exit",
                    on=e.planned_end if ended else e.started_on + dt.timedelta(days=40),
                    exit_reason="" if ended else "quit",
                    created_by=actor,
                )
            )
            if ended and rng.random() < 0.9:
                decided = e.planned_end + dt.timedelta(days=5)
                regime = _regime(min(decided, today))
                code = "aftercare_term_adult_compulsory" if e.form == "compulsory_adult" else "aftercare_term"
                term = _rule(code, regime)
                cares.append(
                    Aftercare(
                        person_id=e.person_id,
                        province_id=e.province_id,
                        commune_id=e.commune_id,
                        created_by=actor,
                        source_episode=e,
                        regime=regime,
                        decision_number=f"{rng.randint(1, 999)}/QĐ-UBND",
                        decided_on=min(decided, today),
                        starts_on=e.planned_end,
                        signer_role=str(_rule("aftercare_decider", regime)["value"]),
                        signer_name="Chủ tịch",
                        term_rule=term,
                        ends_on=e.planned_end + relativedelta(months=_months(term)),
                        assigned_helper="Đoàn Thanh niên",
                    )
                )
    for t in treatments:
        if rng.random() < 0.3:
            treatment_events.append(
                SubstitutionEventRecord(
                    treatment=t, kind="complete", on=t.enrolled_on + dt.timedelta(days=400), created_by=actor
                )
            )
    Aftercare.objects.bulk_create(cares, batch_size=1000)
    for a in cares:
        if a.ends_on < today:
            care_events.append(
                AftercareEventRecord(aftercare=a, kind="complete", on=a.ends_on, created_by=actor)
            )
    hanging: list[tuple[Any, list[Any]]] = [
        (ManagementActivity, activities),
        (ManagementEvent, management_events),
        (RehabEventRecord, episode_events),
        (AftercareEventRecord, care_events),
        (SubstitutionEventRecord, treatment_events),
    ]
    for model, rows in hanging:
        model.objects.bulk_create(rows, batch_size=1000)
    return {
        "aftercare": len(cares),
        "management_activities": len(activities),
        "management_events": len(management_events),
        "rehab_events": len(episode_events),
        "aftercare_events": len(care_events),
        "substitution_events": len(treatment_events),
    }


def _plans(communes, actor, today: dt.date) -> int:
    """A plan per province with targets on the first indicators, cascaded to its communes."""
    definitions = list(IndicatorDefinition.objects.filter(kind="ratio")[:4])
    provinces = sorted({p for _c, p in communes})
    plans = Plan.objects.bulk_create(
        [
            Plan(
                title=f"Kế hoạch Dự án 5 năm {today.year}",
                level="province",
                province_id=p,
                starts_on=dt.date(today.year, 1, 1),
                ends_on=dt.date(today.year, 12, 31),
                created_by=actor,
            )
            for p in provinces
        ]
    )
    by_province: dict[str, list[str]] = {}
    for code, province in communes:
        by_province.setdefault(province, []).append(code)
    targets = [
        PlanTarget(plan=plan, label=d.name, indicator=d, value=80) for plan in plans for d in definitions
    ]
    PlanTarget.objects.bulk_create(targets)
    children = [
        PlanTarget(plan=t.plan, label=t.label, indicator=t.indicator, value=80, commune_id=c, parent=t)
        for t in targets
        for c in by_province[str(t.plan.province_id)]
    ]
    PlanTarget.objects.bulk_create(children, batch_size=2000)
    return len(plans) + len(targets) + len(children)
