"""Electronic monitoring use cases (Luật 120/2025 Điều 12): apply it, record faults, tampering,
repairs and the end. Each checks the rule it applies, writes in one transaction and audits."""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import Aftercare, ElectronicMonitoring, MonitoringEventRecord, RehabEpisode
from hoanhap.cases.monitoring import (
    MONITORING,
    MONITORING_STATE_LABELS,
    OPEN_MONITORING_STATES,
    MonitoringBasis,
    MonitoringEndReason,
    MonitoringEvent,
    fold_monitoring,
)
from hoanhap.cases.rehab import (
    AftercareState,
    EpisodeEvent,
    EpisodeState,
    RehabForm,
    fold_aftercare,
    fold_episode,
)
from hoanhap.cases.services.common import audit, check_in_order, check_writer, number_and_check
from hoanhap.cases.status import PersonStatus, Status, statuses_of
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime
from hoanhap.lib.dates import today
from hoanhap.people.models import Person

# --- The person's situation (Điều 12.1) -------------------------------------------------------


def situation_on(person: Person, on: dt.date) -> MonitoringBasis | None:
    """Which situation of Luật 120/2025 Điều 12.1 ``person`` is in on ``on``, or None."""
    return situations_of([person], on)[person.pk]


def situations_of(people: Iterable[Person], on: dt.date) -> dict[int, MonitoringBasis | None]:
    """The situation of each person on ``on``, read from the status the facts give that day
    (``cases.status``, as ``cases.positive`` reads it): on substitution treatment; in voluntary rehab
    at home or in the community (a partial private rehab once it continues at home, Điều 30.1.d);
    under post-rehab management. Rehab or post-rehab management paused by a prison sentence (Điều
    47.1) is not a situation the person is in while serving it."""
    statuses = statuses_of(people, on)
    at_home = _home_rehab_in_progress(
        {pk: s for pk, s in statuses.items() if s.status is Status.IN_REHAB}, on
    )
    managed = _aftercare_active([pk for pk, s in statuses.items() if s.status is Status.AFTERCARE], on)
    situations: dict[int, MonitoringBasis | None] = {}
    for pk, status in statuses.items():
        situations[pk] = (
            MonitoringBasis.SUBSTITUTION
            if status.status is Status.ON_SUBSTITUTION
            else MonitoringBasis.HOME_REHAB
            if pk in at_home
            else MonitoringBasis.AFTERCARE
            if pk in managed
            else None
        )
    return situations


class _PersonRow(Protocol):
    pk: Any
    person_id: int


R = TypeVar("R", bound=_PersonRow)


def _latest_by_person(rows: Iterable[R], day_of: Callable[[R], dt.date]) -> dict[int, R]:
    """The latest row of each person (ties: the later record), as ``cases.status`` takes it."""
    latest: dict[int, R] = {}
    for row in sorted(rows, key=lambda r: (day_of(r), r.pk)):
        latest[row.person_id] = row
    return latest


def _home_rehab_in_progress(in_rehab: dict[int, PersonStatus], on: dt.date) -> set[int]:
    if not in_rehab:
        return set()
    episodes = RehabEpisode.objects.filter(person_id__in=list(in_rehab), started_on__lte=on)
    latest = _latest_by_person(episodes.prefetch_related("events"), lambda e: e.started_on)
    at_home = set()
    for pk, episode in latest.items():
        kinds = [e.kind for e in episode.events.all() if e.on <= on]
        home = episode.form == RehabForm.VOLUNTARY_COMMUNITY or EpisodeEvent.CONTINUE_AT_HOME in kinds
        if home and fold_episode(kinds) is EpisodeState.IN_PROGRESS:
            at_home.add(pk)
    return at_home


def _aftercare_active(person_ids: list[int], on: dt.date) -> set[int]:
    if not person_ids:
        return set()
    aftercares = Aftercare.objects.filter(person_id__in=person_ids, starts_on__lte=on)
    latest = _latest_by_person(aftercares.prefetch_related("events"), lambda a: a.starts_on)
    active = set()
    for pk, aftercare in latest.items():
        if fold_aftercare(e.kind for e in aftercare.events.all() if e.on <= on) is AftercareState.ACTIVE:
            active.add(pk)
    return active


# --- Who decides, under which law --------------------------------------------------------------


def _monitoring_regime(on: dt.date) -> Regime:
    """The regime of a decision made on ``on``; Luật 73/2021 had no electronic monitoring."""
    regime = law.regime_for_decision(decided_on=on)
    if law.has_rule("monitoring_decider", regime=regime):
        return regime
    since = next(r for r in law.REGIMES if law.has_rule("monitoring_decider", regime=r))
    message = _(
        "Giám sát điện tử chỉ áp dụng từ ngày %(since)s (%(c)s); ngày %(d)s thuộc thời kỳ Luật Phòng, "
        "chống ma túy 2021, chưa có biện pháp này."
    )
    citation = law.rule("monitoring_subjects", regime=since).citation
    raise ValidationError(
        {"decided_on": message % {"since": f"{since.starts:%d/%m/%Y}", "c": citation, "d": f"{on:%d/%m/%Y}"}}
    )


def _check_decider(actor: User, regime: Regime) -> law.AppliedRule:
    """Only the role the rule names applies or ends monitoring (Luật 120/2025 Điều 12.2)."""
    decider = law.rule("monitoring_decider", regime=regime)
    if actor.role != decider.value:
        message = _("Chỉ %(role)s có thẩm quyền áp dụng, chấm dứt giám sát điện tử (%(c)s).")
        raise PermissionDenied(message % {"role": decider.value_label, "c": decider.citation})
    return decider


def may_decide(user: User, *, on: dt.date) -> bool:
    """Whether ``user`` holds the role that applies monitoring under the law in force on ``on``."""
    regime = law.regime_on(on)
    if not law.has_rule("monitoring_decider", regime=regime):
        return False
    return user.role == law.rule("monitoring_decider", regime=regime).value


# --- Use cases ---------------------------------------------------------------------------------


def open_monitoring(person: Person) -> ElectronicMonitoring | None:
    for monitoring in ElectronicMonitoring.objects.filter(person=person).prefetch_related("events"):
        if monitoring.state in OPEN_MONITORING_STATES:
            return monitoring
    return None


def apply_monitoring(
    actor: User,
    *,
    person: Person,
    decided_on: dt.date,
    decision_number: str,
    device_id: str,
    starts_on: dt.date,
    ends_on: dt.date,
) -> ElectronicMonitoring:
    """The head of commune police applies electronic monitoring (Luật 120/2025 Điều 12.2) to a person
    in one of the situations of Điều 12.1 on the decision date, for the term the decision sets."""
    check_writer(actor, person)
    _check_dates(decided_on, starts_on, ends_on)
    regime = _monitoring_regime(decided_on)
    decider = _check_decider(actor, regime)
    basis = situation_on(person, decided_on)
    if basis is None:
        subjects = law.rule("monitoring_subjects", regime=regime)
        message = _(
            "Ngày %(d)s người này không thuộc diện áp dụng giám sát điện tử: chỉ áp dụng với %(who)s (%(c)s)."
        )
        raise ValidationError(
            message
            % {"d": f"{decided_on:%d/%m/%Y}", "who": subjects.value_label.lower(), "c": subjects.citation}
        )
    if not device_id.strip():
        raise ValidationError({"device_id": _("Hãy ghi mã thiết bị giám sát.")})
    monitoring = ElectronicMonitoring(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        regime=regime.code,
        basis=basis,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        decided_by=actor,
        signer_role=str(decider.value),
        decider_rule=decider.as_json(),
        device_id=device_id.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        term_rule=law.rule("monitoring_term", regime=regime).as_json(),
        created_by=actor,
    )
    with transaction.atomic():
        # Two decisions for the same person at the same moment: the second waits, then sees the first.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        current = open_monitoring(person)
        if current is not None:
            message = _("Người này đang bị giám sát điện tử theo quyết định %(n)s.")
            raise ValidationError(message % {"n": current.decision_number})
        number_and_check(monitoring, on=decided_on)
        monitoring.save()
        audit(
            actor, person, {"monitoring": str(monitoring.uuid), "basis": basis.value, "regime": regime.code}
        )
    return monitoring


def _check_dates(decided_on: dt.date, starts_on: dt.date, ends_on: dt.date) -> None:
    if decided_on > today():
        raise ValidationError({"decided_on": _("Ngày quyết định không thể ở tương lai.")})
    if not decided_on <= starts_on <= today():
        raise ValidationError({"starts_on": _("Ngày bắt đầu giám sát phải từ ngày quyết định đến hôm nay.")})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu giám sát.")})


def record_monitoring_event(
    actor: User,
    *,
    monitoring: ElectronicMonitoring,
    kind: str,
    on: dt.date,
    end_reason: str = "",
    device_id: str = "",
    note: str = "",
    document_number: str = "",
) -> MonitoringEventRecord:
    """A fault the person reported (Điều 12.3.c), tampering found (Điều 12.3.b), the repair or
    replacement of the device, and the end, which the head of commune police decides (Điều 12.2)."""
    check_writer(actor, monitoring.person)
    with transaction.atomic():
        locked = ElectronicMonitoring.objects.select_for_update().get(pk=monitoring.pk)
        events = list(locked.events.all())
        move = MonitoringEvent(kind)
        state = fold_monitoring(e.kind for e in events)
        if not MONITORING.allows(state, move):
            message = _("Không thể “%(move)s” khi giám sát điện tử “%(state)s” (Luật 120/2025 Điều 12).")
            raise ValidationError(message % {"move": move.label, "state": MONITORING_STATE_LABELS[state]})
        check_in_order(on, events[-1].on if events else locked.starts_on)
        decider = _check_end(actor, locked, on, end_reason) if move is MonitoringEvent.END else None
        event = MonitoringEventRecord.objects.create(
            monitoring=locked,
            kind=move,
            on=on,
            end_reason=end_reason if decider else "",
            device_id=device_id.strip() if move is MonitoringEvent.REPAIR else "",
            note=note.strip(),
            document_number=document_number.strip(),
            signer_role=str(decider.value) if decider else "",
            created_by=actor,
        )
        audit(actor, locked.person, {"monitoring": str(locked.uuid), "event": move.value})
    return event


def _check_end(actor: User, monitoring: ElectronicMonitoring, on: dt.date, reason: str) -> law.AppliedRule:
    decider = _check_decider(actor, _monitoring_regime(on))
    if not reason:
        raise ValidationError({"end_reason": _("Hãy chọn lý do kết thúc giám sát.")})
    first_day_after = law.first_day_after(monitoring.ends_on)
    if reason == MonitoringEndReason.TERM_OVER and on < first_day_after:
        message = _(
            "Chưa hết thời hạn giám sát theo quyết định: kết thúc vì hết thời hạn từ ngày %(d)s (%(c)s)."
        )
        raise ValidationError(
            {"on": message % {"d": f"{first_day_after:%d/%m/%Y}", "c": law.CIVIL_CODE_PERIODS}}
        )
    if reason == MonitoringEndReason.NOT_ELIGIBLE and situation_on(monitoring.person, on) is not None:
        message = _("Ngày %(d)s người này vẫn thuộc diện áp dụng giám sát điện tử (Luật 120/2025 Điều 12.1).")
        raise ValidationError({"end_reason": message % {"d": f"{on:%d/%m/%Y}"}})
    return decider
