"""Post-rehab management: the decision and its events (Luật 120/2025 Điều 42, 47.1, 48.4)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import (
    Aftercare,
    AftercareEventRecord,
    RehabEpisode,
    SubstitutionTreatment,
    aftercare_end,
)
from hoanhap.cases.rehab import (
    AFTERCARE,
    AFTERCARE_STATE_LABELS,
    OPEN_AFTERCARE_STATES,
    AftercareEvent,
    RehabForm,
    fold_aftercare,
)
from hoanhap.cases.services.common import (
    audit,
    check_in_order,
    check_writer,
    decision_with_term,
    number_and_check,
)
from hoanhap.cases.services.episodes import completion_date
from hoanhap.cases.services.substitution import treatment_completion_date
from hoanhap.law import services as law
from hoanhap.lib.dates import today
from hoanhap.people.models import Person


def decide_aftercare(
    actor: User,
    *,
    episode: RehabEpisode | None = None,
    treatment: SubstitutionTreatment | None = None,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    assigned_helper: str,
) -> Aftercare:
    """Post-rehab management from the completion date of a rehab episode or of substitution
    treatment: 1 year, 2 after an adult's compulsory rehab (Luật 120/2025 Điều 42.1–2); the commune
    chairman decides (Điều 42.6)."""
    source = episode or treatment
    if source is None or (episode and treatment):
        raise ValueError("decide_aftercare needs exactly one of episode, treatment")
    person = source.person
    check_writer(actor, person)
    if episode is not None:
        completed = completion_date(episode)
    else:
        completed = treatment_completion_date(treatment) if treatment else None
    if completed is None:
        raise ValidationError(
            _("Chỉ quản lý sau cai nghiện khi đã hoàn thành cai nghiện hoặc điều trị thay thế.")
        )
    if hasattr(source, "aftercare"):
        raise ValidationError(_("Đã có quyết định quản lý sau cai nghiện cho lần này."))
    if not completed <= decided_on <= today():
        raise ValidationError(
            {"decided_on": _("Ngày quyết định phải từ ngày hoàn thành cai nghiện đến hôm nay.")}
        )
    regime = law.regime_for_decision(decided_on=decided_on)
    adult_compulsory = episode is not None and episode.form == RehabForm.COMPULSORY_ADULT
    code = "aftercare_term_adult_compulsory" if adult_compulsory else "aftercare_term"
    term, signer = law.rule(code, regime=regime), law.rule("aftercare_decider", regime=regime)
    aftercare = decision_with_term(
        Aftercare,
        actor,
        person=person,
        regime=regime,
        signer=signer,
        term=term,
        term_from=completed,
        decision_number=decision_number,
        decided_on=decided_on,
        signer_name=signer_name,
        source_episode=episode,
        source_treatment=treatment,
        starts_on=completed,
        assigned_helper=assigned_helper.strip(),
    )
    with transaction.atomic():
        number_and_check(aftercare, on=decided_on)
        aftercare.save()
        audit(actor, person, {"aftercare": str(aftercare.uuid), "regime": regime.code})
    return aftercare


def record_aftercare_event(
    actor: User,
    *,
    aftercare: Aftercare,
    kind: str,
    on: dt.date,
    end_reason: str = "",
    document_number: str = "",
) -> AftercareEventRecord:
    check_writer(actor, aftercare.person)
    with transaction.atomic():
        locked = Aftercare.objects.select_for_update().get(pk=aftercare.pk)
        events = list(locked.events.all())
        _check_aftercare_move(locked, AftercareEvent(kind), on, events, end_reason)
        # Removal from the list before the term is the commune police's (Luật 120/2025 Điều 48.4).
        signer_rule = "aftercare_removal" if kind == AftercareEvent.END else "aftercare_decider"
        signer = law.rule(signer_rule, regime=law.regime_for_decision(decided_on=on))
        event = AftercareEventRecord.objects.create(
            aftercare=locked,
            kind=kind,
            on=on,
            end_reason=end_reason if kind == AftercareEvent.END else "",
            document_number=document_number.strip(),
            signer_role=str(signer.value),
            created_by=actor,
        )
        audit(actor, locked.person, {"aftercare": str(locked.uuid), "event": kind})
    return event


def _check_aftercare_move(
    aftercare: Aftercare, kind: AftercareEvent, on: dt.date, events: list[AftercareEventRecord], reason: str
) -> None:
    state = fold_aftercare(e.kind for e in events)
    if not AFTERCARE.allows(state, kind):
        raise ValidationError(
            _("Không thể “%(move)s” khi đang “%(state)s” (Luật 120/2025 Điều 42, 47.1, 48.4).")
            % {"move": kind.label, "state": AFTERCARE_STATE_LABELS[state]}
        )
    check_in_order(on, events[-1].on if events else aftercare.starts_on)
    if kind == AftercareEvent.END and not reason:
        raise ValidationError({"end_reason": _("Hãy chọn lý do đưa ra khỏi danh sách.")})
    if kind == AftercareEvent.COMPLETE:
        end = aftercare_end(aftercare.ends_on, events)
        if on < law.first_day_after(end):
            raise ValidationError(
                {
                    "on": _("Chưa hết thời hạn quản lý sau cai nghiện: đến %(d)s (%(c)s).")
                    % {"d": f"{end:%d/%m/%Y}", "c": aftercare.term_rule["citation"]}
                }
            )


def open_aftercare(person: Person) -> Aftercare | None:
    for aftercare in person.aftercares.prefetch_related("events"):
        if aftercare.state in OPEN_AFTERCARE_STATES:
            return aftercare
    return None
