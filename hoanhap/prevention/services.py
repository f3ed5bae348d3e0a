"""Screening and interventions: score on the server, store the raw answers, audit."""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.lib.dates import today
from hoanhap.lib.roles import Cap
from hoanhap.people.models import Person
from hoanhap.prevention import assist
from hoanhap.prevention.models import (
    Intervention,
    PersonRiskGroup,
    PreventionSession,
    RiskGroup,
    Screening,
)

BAND_ORDER = (assist.LOW, assist.MODERATE, assist.HIGH)
# When the person is seen again after a brief intervention: a setting of the programme, not of law.
FOLLOW_UP = {assist.MODERATE: relativedelta(months=3), assist.HIGH: relativedelta(months=1)}


def record_screening(
    actor: User, *, person: Person, screened_on: dt.date, screened_by: str, answers: dict[str, Any]
) -> Screening:
    """An ASSIST screening from its raw answers: refused unless they follow the skip logic."""
    if not can_write(actor, person):
        raise PermissionDenied
    if screened_on > today():
        raise ValidationError({"screened_on": _("Ngày sàng lọc không thể ở tương lai.")})
    wrong = assist.problems(answers)
    if wrong:
        raise ValidationError(
            _("Câu trả lời chưa đầy đủ hoặc không theo trình tự bỏ câu của ASSIST: %(q)s.")
            % {"q": ", ".join(q.upper() for q in wrong)}
        )
    results = assist.score(answers)
    highest = max((r.band for r in results.values()), key=BAND_ORDER.index, default=assist.LOW)
    screening = Screening(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        screened_on=screened_on,
        screened_by=screened_by.strip(),
        instrument=assist.VERSION,
        answers=answers,
        scores={s: {"score": r.score, "band": r.band} for s, r in results.items()},
        highest_band=highest,
        action=assist.ACTIONS[highest],
        injecting_action=assist.injecting_action(answers),
        follow_up_due=screened_on + FOLLOW_UP[highest] if highest in FOLLOW_UP else None,
        created_by=actor,
    )
    with transaction.atomic():
        screening.save()
        _audit(actor, person, {"screening": str(screening.uuid), "band": highest})
    return screening


def record_intervention(
    actor: User,
    *,
    person: Person,
    kind: str,
    given_on: dt.date,
    given_by: str,
    notes: str = "",
    screening: Screening | None = None,
) -> Intervention:
    if not can_write(actor, person):
        raise PermissionDenied
    if given_on > today() or (screening is not None and given_on < screening.screened_on):
        raise ValidationError({"given_on": _("Ngày phải từ ngày sàng lọc đến hôm nay.")})
    intervention = Intervention(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        screening=screening,
        kind=kind,
        given_on=given_on,
        given_by=given_by.strip(),
        notes=notes.strip(),
        created_by=actor,
    )
    intervention.full_clean()
    with transaction.atomic():
        intervention.save()
        _audit(actor, person, {"intervention": str(intervention.uuid), "kind": kind})
    return intervention


def _audit(actor: User, person: Person, extra: dict[str, Any]) -> None:
    record(actor, Action.CASE_WRITE, purpose=Purpose.CASE_WORK, obj=person, extra=extra)


def tag_person(actor: User, *, person: Person, group: RiskGroup, since: dt.date) -> PersonRiskGroup:
    if not can_write(actor, person):
        raise PermissionDenied
    if not group.active:
        raise ValidationError({"group": _("Nhóm này không còn sử dụng.")})
    if person.risk_groups.filter(group=group).exists():
        raise ValidationError({"group": _("Người này đã thuộc nhóm này.")})
    tag = PersonRiskGroup(person=person, group=group, since=since, created_by=actor)
    with transaction.atomic():
        tag.save()
        _audit(actor, person, {"risk_group": group.code})
    return tag


def record_session(actor: User, *, data: dict[str, Any]) -> PreventionSession:
    """A prevention session of the actor's commune."""
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.commune_id and actor.province_id):
        raise PermissionDenied
    if data["held_on"] > today():
        raise ValidationError({"held_on": _("Ngày không thể ở tương lai.")})
    session = PreventionSession(
        province_id=actor.province_id, commune_id=actor.commune_id, created_by=actor, **data
    )
    session.full_clean()
    with transaction.atomic():
        session.save()
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            extra={"prevention_session": str(session.uuid)},
        )
    return session


def add_risk_group(actor: User, *, code: str, name: str) -> RiskGroup:
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    group = RiskGroup(code=code, name=name.strip())
    group.full_clean()
    with transaction.atomic():
        group.save()
        record(actor, Action.RULE_CHANGE, purpose=Purpose.ADMINISTRATION, extra={"risk_group": code})
    return group


def retire_risk_group(actor: User, *, group: RiskGroup) -> None:
    if not actor.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        RiskGroup.objects.filter(pk=group.pk).update(active=False)
        record(
            actor,
            Action.RULE_CHANGE,
            purpose=Purpose.ADMINISTRATION,
            extra={"risk_group_retired": group.code},
        )
