"""A person's current legal status, derived from dated facts, never typed in."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.dossier import OPEN_DOSSIER_STATES, fold_dossier
from hoanhap.cases.lifecycle import OPEN_STATES, State
from hoanhap.cases.models import (
    AddictionAssessment,
    Aftercare,
    CompulsoryDossier,
    DrugTest,
    RehabEpisode,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.cases.rehab import (
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    EpisodeEvent,
    EpisodeState,
    SubstitutionState,
    fold_aftercare,
    fold_episode,
    fold_substitution,
)
from hoanhap.lib.dates import today
from hoanhap.people.models import Person

R = TypeVar("R", bound=models.Model)
S = TypeVar("S")
# A case whose state is folded from its dated events.
Case = RehabEpisode | SubstitutionTreatment | CompulsoryDossier | Aftercare


class Status(models.TextChoices):
    NONE = "none", _("Không thuộc diện quản lý")
    USER_MANAGED = "user_managed", _("Người sử dụng trái phép chất ma túy đang bị quản lý")
    USER_SUSPENDED = "user_suspended", _("Người sử dụng trái phép chất ma túy (tạm đình chỉ quản lý)")
    POSITIVE_PENDING = "positive_pending", _("Có kết quả dương tính, chờ quyết định quản lý")
    ADDICTED = "addicted", _("Người nghiện ma túy (chưa cai nghiện)")
    IN_REHAB = "in_rehab", _("Đang cai nghiện ma túy")
    ON_SUBSTITUTION = "on_substitution", _("Đang điều trị nghiện bằng thuốc thay thế")
    COMPULSORY_PENDING = "compulsory_pending", _("Đang lập, xét hồ sơ đề nghị cai nghiện bắt buộc")
    REHAB_COMPLETED = "rehab_completed", _("Đã hoàn thành cai nghiện, chờ quyết định quản lý sau cai")
    AFTERCARE = "aftercare", _("Đang bị quản lý sau cai nghiện")


@dataclass(frozen=True)
class PersonStatus:
    status: Status
    since: dt.date | None
    form: str = ""  # the rehab form, in rehab or just completed ("" after substitution treatment)


def _prefetches() -> list[Prefetch[str]]:
    return [
        Prefetch(
            "rehab_episodes",
            # The reverse one-to-one as its own query: joined, SQLite's planner scans the aftercare
            # table (the column is mostly empty, so its statistics call the index useless).
            RehabEpisode.objects.prefetch_related("events", "aftercare"),
            to_attr="status_episodes",
        ),
        Prefetch(
            "substitution_treatments",
            SubstitutionTreatment.objects.prefetch_related("events", "aftercare"),
            to_attr="status_treatments",
        ),
        Prefetch("dossiers", CompulsoryDossier.objects.prefetch_related("events"), to_attr="status_dossiers"),
        Prefetch("aftercares", Aftercare.objects.prefetch_related("events"), to_attr="status_aftercares"),
        Prefetch(
            "user_managements",
            UserManagement.objects.prefetch_related("events"),
            to_attr="status_managements",
        ),
        Prefetch("assessments", AddictionAssessment.objects.all(), to_attr="status_assessments"),
        Prefetch(
            "drug_tests",
            # Only results that await (or awaited) a management decision: one that led elsewhere (an
            # assessment, a ground for compulsory rehab, nothing at the commune) leaves no decision
            # pending. A result with the investigation body still awaits its decision (Luật 120/2025
            # Điều 24.4.a has no criminal exception; ``cases.criminal``). A result decided later was
            # still waiting on the days before its decision, so its management comes along.
            DrugTest.objects.filter(result="positive", decision_due__isnull=False).select_related(
                "management"
            ),
            to_attr="status_pending_tests",
        ),
    ]


@dataclass(frozen=True)
class _Facts:
    """What the status reads of a person: the rows ``_prefetches`` puts on it (``status_<name>``)."""

    episodes: list[RehabEpisode]
    treatments: list[SubstitutionTreatment]
    dossiers: list[CompulsoryDossier]
    aftercares: list[Aftercare]
    managements: list[UserManagement]
    assessments: list[AddictionAssessment]
    pending_tests: list[DrugTest]

    @classmethod
    def of(cls, person: Person) -> "_Facts":
        return cls(**{field.name: getattr(person, f"status_{field.name}") for field in fields(cls)})


def statuses_of(people: Iterable[Person], on: dt.date | None = None) -> dict[int, PersonStatus]:
    """The status of each person, reading every person's facts in a fixed number of queries."""
    people = list(people)
    for person in people:  # read afresh: the facts may have changed since an earlier call
        for field in fields(_Facts):
            person.__dict__.pop(f"status_{field.name}", None)
    prefetch_related_objects(people, *_prefetches())
    on = on or today()
    return {person.pk: _status(_Facts.of(person), on) for person in people}


def status_of(person: Person, on: dt.date | None = None) -> PersonStatus:
    return statuses_of([person], on)[person.pk]


def _latest(rows: Iterable[R], day_of: Callable[[R], dt.date], on: dt.date) -> R | None:
    """The latest row dated on or before ``on`` (ties: the later record)."""
    dated = [r for r in rows if day_of(r) <= on]
    return max(dated, key=lambda r: (day_of(r), r.pk)) if dated else None


def _folded(fold: Callable[[Iterable[str]], S], case: Case, on: dt.date) -> S:
    return fold(e.kind for e in case.events.all() if e.on <= on)


def _status(facts: _Facts, on: dt.date) -> PersonStatus:
    """Status on ``on``, from the facts in order of precedence: a rehab episode in progress,
    substitution treatment, an open compulsory-rehab dossier, post-rehab management, user
    management, an addiction result not yet followed by rehab, a completed rehab awaiting its
    post-rehab decision, a positive test awaiting a decision."""
    episode = _latest(facts.episodes, lambda e: e.started_on, on)
    episode_state = _folded(fold_episode, episode, on) if episode else None
    if episode and episode_state in OPEN_EPISODE_STATES:
        return PersonStatus(Status.IN_REHAB, episode.started_on, episode.form)
    treatment = _latest(facts.treatments, lambda t: t.enrolled_on, on)
    treatment_state = _folded(fold_substitution, treatment, on) if treatment else None
    if treatment and treatment_state is SubstitutionState.ON_TREATMENT:
        return PersonStatus(Status.ON_SUBSTITUTION, treatment.enrolled_on)
    dossier = _latest(facts.dossiers, lambda d: d.opened_on, on)
    if dossier and _folded(fold_dossier, dossier, on) in OPEN_DOSSIER_STATES:
        return PersonStatus(Status.COMPULSORY_PENDING, dossier.opened_on)
    aftercare = _latest(facts.aftercares, lambda a: a.starts_on, on)
    if aftercare and _folded(fold_aftercare, aftercare, on) in OPEN_AFTERCARE_STATES:
        return PersonStatus(Status.AFTERCARE, aftercare.starts_on)
    managements = sorted(
        (m for m in facts.managements if m.decided_on <= on),
        key=lambda m: (m.decided_on, m.pk),
        reverse=True,
    )
    for management in managements:
        state = management.state_on(on)
        if state in OPEN_STATES:
            status = Status.USER_MANAGED if state is State.ACTIVE else Status.USER_SUSPENDED
            return PersonStatus(status, management.decided_on)
    latest = _latest(facts.assessments, lambda a: a.result_on, on)
    started = [d for d in (episode and episode.started_on, treatment and treatment.enrolled_on) if d]
    if latest and latest.addicted and not any(d >= latest.result_on for d in started):
        return PersonStatus(Status.ADDICTED, latest.result_on)
    if episode and episode_state is EpisodeState.COMPLETED and not hasattr(episode, "aftercare"):
        done = max(e.on for e in episode.events.all() if e.kind == EpisodeEvent.COMPLETE)
        return PersonStatus(Status.REHAB_COMPLETED, done, episode.form)
    if treatment and treatment_state is SubstitutionState.COMPLETED and not hasattr(treatment, "aftercare"):
        done = max(e.on for e in treatment.events.all() if e.on <= on)
        return PersonStatus(Status.REHAB_COMPLETED, done)
    # ``management`` is the decision's reverse one-to-one: absent until the decision is made.
    waiting = (t for t in facts.pending_tests if not hasattr(t, "management") or t.management.decided_on > on)
    test = _latest(waiting, lambda t: localdate(t.tested_at), on)
    last_start = max((m.decided_on for m in managements), default=dt.date.min)
    if test is not None and localdate(test.tested_at) >= last_start:
        return PersonStatus(Status.POSITIVE_PENDING, localdate(test.tested_at))
    return PersonStatus(Status.NONE, None)
