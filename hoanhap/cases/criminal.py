"""A positive test that may be a crime: Bộ luật Hình sự 2015 Điều 256a (added by Luật 86/2025/QH15, in
force from 01/07/2025) makes illegal drug use a crime for someone who is

a) within a rehab term or on substitution treatment;
b) under post-rehab management;
c) within 02 years from the end of the post-rehab term, and under user management;
d) within 02 years from quitting voluntary rehab or substitution treatment of their own accord.

Then the administrative step a positive result leads to (``cases.positive``) applies only if the
person is not dealt with under criminal law (Luật 120/2025 Điều 31.1.c–d): the commune police hand the
case to the investigation body, the step waits for its answer, comes back after "không xử lý hình
sự" and stays closed after "khởi tố". ``criminal_situation`` tells which point applies on the day of
the test, from the person's records; the rules, their citation and why they are unverified are in
``law.rulebook`` (``criminal_use``, ``criminal_use_window``, ``CRIMINAL_USE_STARTS``).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.cases.lifecycle import OPEN_STATES
from hoanhap.cases.rehab import (
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    VOLUNTARY_FORMS,
    AftercareEvent,
    AftercareState,
    EpisodeEvent,
    ExitReason,
    RehabForm,
    SubstitutionEvent,
    SubstitutionState,
    fold_aftercare,
    fold_episode,
    fold_substitution,
)
from hoanhap.law import services as law
from hoanhap.law.rulebook import CRIMINAL_USE_STARTS


class CriminalPoint(models.TextChoices):
    """Bộ luật Hình sự 2015 Điều 256a.1, points a–d."""

    IN_REHAB = "a", _("Điểm a: đang trong thời hạn cai nghiện hoặc điều trị nghiện bằng thuốc thay thế")
    AFTERCARE = "b", _("Điểm b: đang trong thời hạn quản lý sau cai nghiện")
    AFTER_AFTERCARE = (
        "c",
        _(
            "Điểm c: trong 02 năm kể từ ngày hết thời hạn quản lý sau cai nghiện và đang bị quản lý người sử "
            "dụng trái phép chất ma túy"
        ),
    )
    AFTER_QUITTING = (
        "d",
        _(
            "Điểm d: trong 02 năm kể từ khi tự ý chấm dứt cai nghiện tự nguyện hoặc điều trị nghiện bằng "
            "thuốc thay thế"
        ),
    )


class InvestigationAnswer(models.TextChoices):
    NOT_PROSECUTED = "not_prosecuted", _("Không xử lý hình sự")
    PROSECUTED = "prosecuted", _("Khởi tố")


def criminal_route_open(tested_on: dt.date) -> bool:
    """Điều 256a reaches only uses from the day it came into force (01/07/2025)."""
    return tested_on >= CRIMINAL_USE_STARTS


def administrative_open() -> Q:
    """The drug tests whose administrative step is not held by the criminal route: no point of
    Điều 256a applied, or the investigation body answered "không xử lý hình sự"."""
    return Q(criminal_point="") | Q(criminal_answer=InvestigationAnswer.NOT_PROSECUTED)


def held() -> Q:
    """The drug tests whose administrative step waits for the investigation body, or was closed by
    its "khởi tố": the complement of ``administrative_open``."""
    return ~administrative_open()


def criminal_situation(person: Any, tested_on: dt.date) -> str | None:
    """The point of Điều 256a.1 ("a"–"d") the person is in on ``tested_on``, the first that applies,
    or None (none does, or the day is before 01/07/2025)."""
    if not criminal_route_open(tested_on):
        return None
    window = law.rule("criminal_use_window", regime=law.regime_on(tested_on))
    if _in_rehab(person, tested_on):
        return CriminalPoint.IN_REHAB.value
    term_ends = list(_aftercare_term_ends(person, tested_on))
    if any(last is None or tested_on <= last for last in term_ends):
        return CriminalPoint.AFTERCARE.value
    if _under_user_management(person, tested_on) and _within(window, term_ends, tested_on):
        return CriminalPoint.AFTER_AFTERCARE.value
    if _within(window, _quit_days(person, tested_on), tested_on, from_the_day=True):
        return CriminalPoint.AFTER_QUITTING.value
    return None


def _events_until(case: Any, on: dt.date) -> list[Any]:
    return [e for e in case.events.all() if e.on <= on]


def _in_rehab(person: Any, on: dt.date) -> bool:
    """Point a: an episode begun and not ended on ``on`` (in a facility, at home, escaped, suspended,
    interrupted: the term runs), or substitution treatment going on."""
    for episode in person.rehab_episodes.filter(started_on__lte=on).prefetch_related("events"):
        if fold_episode(e.kind for e in _events_until(episode, on)) in OPEN_EPISODE_STATES:
            return True
    for treatment in person.substitution_treatments.filter(enrolled_on__lte=on).prefetch_related("events"):
        if fold_substitution(e.kind for e in _events_until(treatment, on)) is SubstitutionState.ON_TREATMENT:
            return True
    return False


def _aftercare_term_ends(person: Any, on: dt.date) -> Iterable[dt.date | None]:
    """The last day of each post-rehab term begun by ``on``: None for a term still open on that day.
    A term runs from the completion, with or without its decision (Luật 120/2025 Điều 42.1–2, the
    reading of ``cases.positive``); time in prison is added (Điều 47.1). A term ended early (relapse,
    prison, death, Điều 48.4) did not "run out" and opens no window of point c."""
    for aftercare in person.aftercares.filter(starts_on__lte=on).prefetch_related("events"):
        events = _events_until(aftercare, on)
        state = fold_aftercare(e.kind for e in events)
        if state in OPEN_AFTERCARE_STATES:
            yield None
        elif state is AftercareState.COMPLETED:
            yield aftercare.ends_on + dt.timedelta(days=_paused(events))
    yield from _undecided_terms(person, on)


def _undecided_terms(person: Any, on: dt.date) -> Iterable[dt.date]:
    """Rehab or substitution treatment completed by ``on`` with no post-rehab decision: the term's
    last day all the same."""
    for episode in person.rehab_episodes.filter(aftercare__isnull=True).prefetch_related("events"):
        done = [e.on for e in _events_until(episode, on) if e.kind == EpisodeEvent.COMPLETE]
        if done:
            adult = episode.form == RehabForm.COMPULSORY_ADULT
            yield _term_end(max(done), "aftercare_term_adult_compulsory" if adult else "aftercare_term")
    for treatment in person.substitution_treatments.filter(aftercare__isnull=True).prefetch_related("events"):
        done = [e.on for e in _events_until(treatment, on) if e.kind == SubstitutionEvent.COMPLETE]
        if done:
            yield _term_end(max(done), "aftercare_term")


def _term_end(completed: dt.date, code: str) -> dt.date:
    return law.last_day(law.rule(code, regime=law.regime_on(completed)), completed)


def _paused(events: list[Any]) -> int:
    paused, since = 0, None
    for event in events:
        if event.kind == AftercareEvent.INTERRUPT:
            since = event.on
        elif event.kind == AftercareEvent.RESUME and since is not None:
            paused += (event.on - since).days
            since = None
    return paused


def _under_user_management(person: Any, on: dt.date) -> bool:
    """Point c asks for user management in force on the day (suspended counts: the term runs)."""
    for management in person.user_managements.filter(decided_on__lte=on).prefetch_related("events"):
        if management.state_on(on) in OPEN_STATES:
            return True
    return False


def _quit_days(person: Any, on: dt.date) -> Iterable[dt.date]:
    """Days by ``on`` on which the person quit voluntary rehab or substitution treatment of their own
    accord (not an exit for using, violations or an expulsion: those are not "tự ý chấm dứt")."""
    episodes = person.rehab_episodes.filter(form__in=list(VOLUNTARY_FORMS))
    for episode in episodes.prefetch_related("events"):
        for event in _events_until(episode, on):
            if event.kind == EpisodeEvent.EXIT and event.exit_reason == ExitReason.QUIT:
                yield event.on
    for treatment in person.substitution_treatments.prefetch_related("events"):
        for event in _events_until(treatment, on):
            if event.kind == SubstitutionEvent.QUIT:
                yield event.on


def _within(
    window: law.AppliedRule, starts: Iterable[dt.date | None], on: dt.date, *, from_the_day: bool = False
) -> bool:
    """``on`` falls in the window that follows one of ``starts``: from the day after (the end of a
    term, Bộ luật Dân sự Điều 147.2) or from the day itself (quitting, "kể từ khi"), to the window's
    last day (its kind is a term: never moved past a day off)."""
    for start in starts:
        if start is None:
            continue
        first = start if from_the_day else law.first_day_after(start)
        if first <= on <= law.last_day(window, start):
            return True
    return False
