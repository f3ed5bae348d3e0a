"""A person's current legal status, derived from dated facts, never typed in."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.dossier import OPEN_DOSSIER_STATES, fold_dossier
from hoanhap.cases.lifecycle import OPEN_STATES, State
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


def status_of(person, on: dt.date | None = None) -> PersonStatus:
    """Status on ``on`` (default today), from the facts in order of precedence: a rehab episode in
    progress, substitution treatment, an open compulsory-rehab dossier, post-rehab management, user
    management, an addiction result not yet followed by rehab, a completed rehab awaiting its
    post-rehab decision, a positive test awaiting a decision."""
    on = on or today()
    episode = person.rehab_episodes.filter(started_on__lte=on).prefetch_related("events").first()
    episode_state = fold_episode(e.kind for e in episode.events.all() if e.on <= on) if episode else None
    if episode and episode_state in OPEN_EPISODE_STATES:
        return PersonStatus(Status.IN_REHAB, episode.started_on)
    treatment = person.substitution_treatments.filter(enrolled_on__lte=on).prefetch_related("events").first()
    treatment_state = (
        fold_substitution(e.kind for e in treatment.events.all() if e.on <= on) if treatment else None
    )
    if treatment and treatment_state is SubstitutionState.ON_TREATMENT:
        return PersonStatus(Status.ON_SUBSTITUTION, treatment.enrolled_on)
    dossier = person.dossiers.filter(opened_on__lte=on).prefetch_related("events").first()
    if dossier and fold_dossier(e.kind for e in dossier.events.all() if e.on <= on) in OPEN_DOSSIER_STATES:
        return PersonStatus(Status.COMPULSORY_PENDING, dossier.opened_on)
    aftercare = person.aftercares.filter(starts_on__lte=on).prefetch_related("events").first()
    if (
        aftercare
        and fold_aftercare(e.kind for e in aftercare.events.all() if e.on <= on) in OPEN_AFTERCARE_STATES
    ):
        return PersonStatus(Status.AFTERCARE, aftercare.starts_on)
    for management in person.user_managements.filter(decided_on__lte=on).prefetch_related("events"):
        state = management.state_on(on)
        if state in OPEN_STATES:
            status = Status.USER_MANAGED if state is State.ACTIVE else Status.USER_SUSPENDED
            return PersonStatus(status, management.decided_on)
    latest = person.assessments.filter(result_on__lte=on).order_by("-result_on", "-pk").first()
    started = [d for d in (episode and episode.started_on, treatment and treatment.enrolled_on) if d]
    if latest and latest.addicted and not any(d >= latest.result_on for d in started):
        return PersonStatus(Status.ADDICTED, latest.result_on)
    if episode and episode_state is EpisodeState.COMPLETED and not hasattr(episode, "aftercare"):
        done = max(e.on for e in episode.events.all() if e.kind == EpisodeEvent.COMPLETE)
        return PersonStatus(Status.REHAB_COMPLETED, done)
    if treatment and treatment_state is SubstitutionState.COMPLETED and not hasattr(treatment, "aftercare"):
        done = max(e.on for e in treatment.events.all() if e.on <= on)
        return PersonStatus(Status.REHAB_COMPLETED, done)
    pending = person.drug_tests.filter(result="positive", management__isnull=True, tested_at__date__lte=on)
    test = pending.order_by("-tested_at").first()
    if test is not None and test.tested_at.date() >= _last_management_start(person, on):
        return PersonStatus(Status.POSITIVE_PENDING, test.tested_at.date())
    return PersonStatus(Status.NONE, None)


def _last_management_start(person, on: dt.date) -> dt.date:
    last = person.user_managements.filter(decided_on__lte=on).order_by("-decided_on").first()
    return last.decided_on if last else dt.date.min
