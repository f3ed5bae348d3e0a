"""Events of a rehab episode: stages, interruptions, completion, exit (Luật 120/2025 Điều 29, 32,
39, 46, 47), and the term an episode is given."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases.models import RehabEpisode, RehabEventRecord, effective_end
from hoanhap.cases.rehab import (
    COMPULSORY_FORMS,
    EPISODE_STATE_LABELS,
    EpisodeEvent,
    RehabForm,
    allowed_episode_moves,
    fold_episode,
)
from hoanhap.cases.services.common import audit, check_in_order, check_writer
from hoanhap.law import services as law
from hoanhap.law.rulebook import Regime


def rehab_term(
    regime: Regime, number: int, chosen: int | None, *, range_code: str = "rehab_term_voluntary"
) -> tuple[law.AppliedRule, int]:
    """Luật 120/2025 Điều 29.1: one term for every form, by first or repeated rehab. Before it, a
    range by form (``range_code``) that the decision chose within."""
    if law.has_rule("rehab_term_first", regime=regime):
        term = law.rule("rehab_term_first" if number == 1 else "rehab_term_repeat", regime=regime)
        return term, int(term.value)
    term = law.rule(range_code, regime=regime)
    if chosen is None or not int(term.value) <= chosen <= int(term.max_value or term.value):
        raise ValidationError(
            {
                "term_months": _("Thời hạn phải từ %(a)s đến %(b)s tháng (%(c)s).")
                % {"a": term.value, "b": term.max_value, "c": term.citation}
            }
        )
    return term, chosen


def record_rehab_event(
    actor: User,
    *,
    episode: RehabEpisode,
    kind: str,
    on: dt.date,
    stage: int | None = None,
    exit_reason: str = "",
    document_number: str = "",
    note: str = "",
) -> RehabEventRecord:
    """A stage done, an interruption by prison and the return, completion with its certificate, an
    early exit, and in a facility serving a court order: escape, suspension, transfer. Only the moves
    ``rehab.allowed_episode_moves`` offers for the episode's form and state."""
    check_writer(actor, episode.person)
    with transaction.atomic():
        locked = RehabEpisode.objects.select_for_update().get(pk=episode.pk)
        events = list(locked.events.all())
        _check_episode_move(locked, EpisodeEvent(kind), on, events, stage, exit_reason, note)
        signer = _episode_signer(locked, EpisodeEvent(kind), on, events)
        event = RehabEventRecord.objects.create(
            episode=locked,
            kind=kind,
            on=on,
            stage=stage if kind == EpisodeEvent.STAGE_DONE else None,
            exit_reason=exit_reason if kind == EpisodeEvent.EXIT else "",
            document_number=document_number.strip(),
            note=note.strip(),
            signer_role=str(signer.value) if signer else "",
            rule=signer.as_json() if signer else None,
            created_by=actor,
        )
        if kind == EpisodeEvent.TRANSFER:  # the facility the person is now in
            locked.provider = note.strip()
            locked.save(update_fields=["provider"])
        audit(actor, locked.person, {"rehab_episode": str(locked.uuid), "event": kind})
    return event


def _check_episode_move(
    episode: RehabEpisode,
    kind: EpisodeEvent,
    on: dt.date,
    events: list[RehabEventRecord],
    stage: int | None,
    reason: str,
    note: str,
) -> None:
    state = fold_episode(e.kind for e in events)
    if kind not in allowed_episode_moves(state, episode.form):
        raise ValidationError(
            _("Không thể “%(move)s” khi đợt cai nghiện đang “%(state)s” (Luật 120/2025 Điều 29, 47).")
            % {"move": kind.label, "state": EPISODE_STATE_LABELS[state]}
        )
    check_in_order(on, events[-1].on if events else episode.started_on)
    done = {e.stage for e in events if e.kind == EpisodeEvent.STAGE_DONE and e.stage is not None}
    if kind == EpisodeEvent.STAGE_DONE and (stage is None or stage in done or stage != len(done) + 1):
        raise ValidationError(
            {
                "stage": _("Các giai đoạn hoàn thành lần lượt; giai đoạn tiếp theo là %(n)s.")
                % {"n": len(done) + 1}
            }
        )
    if kind == EpisodeEvent.EXIT and not reason:
        raise ValidationError({"exit_reason": _("Hãy chọn lý do chấm dứt.")})
    if kind == EpisodeEvent.TRANSFER and not note.strip():
        raise ValidationError({"note": _("Hãy ghi tên cơ sở chuyển đến.")})
    if kind == EpisodeEvent.CONTINUE_AT_HOME:
        _check_partial(episode, done)
    if kind == EpisodeEvent.COMPLETE:
        _check_completion(episode, on, events, done)


def _check_partial(episode: RehabEpisode, done: set[int]) -> None:
    minimum = law.rule("partial_private_min_stages", regime=law.regime_by_code(episode.regime))
    if not set(range(1, int(minimum.value) + 1)) <= done:
        raise ValidationError(
            _("Phải hoàn thành ít nhất %(n)s giai đoạn đầu tại cơ sở (%(c)s).")
            % {"n": minimum.value, "c": minimum.citation}
        )


def _check_completion(
    episode: RehabEpisode, on: dt.date, events: list[RehabEventRecord], done: set[int]
) -> None:
    regime = law.regime_by_code(episode.regime)
    code = "compulsory_required_stages" if episode.form in COMPULSORY_FORMS else "voluntary_required_stages"
    required = law.rule(code, regime=regime)
    if not set(range(1, int(required.value) + 1)) <= done:
        raise ValidationError(
            _("Chưa hoàn thành đủ %(n)s giai đoạn (%(c)s).") % {"n": required.value, "c": required.citation}
        )
    end = effective_end(episode, events)
    if on < end:
        raise ValidationError(
            {
                "on": _("Chưa hết thời hạn cai nghiện: đến %(d)s (%(c)s).")
                % {"d": f"{end:%d/%m/%Y}", "c": episode.term_rule["citation"]}
            }
        )


def _episode_signer(
    episode: RehabEpisode, kind: EpisodeEvent, on: dt.date, events: list[RehabEventRecord]
) -> law.AppliedRule | None:
    """Who signs the paper this event records: the completion certificate is the commune's for home
    or community rehab (Luật 120/2025 Điều 32.5), the facility's otherwise (Điều 33, 34.4, 35.5,
    36.5); a search order for an escapee is the facility head's (Điều 46.2.đ)."""
    regime = law.regime_for_decision(decided_on=on)
    if kind == EpisodeEvent.ESCAPE:
        return law.rule("escape_search_decider", regime=regime)
    if kind != EpisodeEvent.COMPLETE:
        return None
    at_home = episode.form == RehabForm.VOLUNTARY_COMMUNITY or any(
        e.kind == EpisodeEvent.CONTINUE_AT_HOME for e in events
    )
    code = "community_rehab_registrar" if at_home else "facility_certificate_signer"
    return law.rule(code, regime=regime)


def completion_date(episode: RehabEpisode) -> dt.date | None:
    return next((e.on for e in episode.events.all() if e.kind == EpisodeEvent.COMPLETE), None)
