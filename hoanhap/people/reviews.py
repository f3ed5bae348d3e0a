"""Records that match across units (issue 24, hole 3).

An officer creating a record, importing a list or entering an ID learns nothing about people outside
the unit: a match there becomes a review for the level that sees both units (the province's PC04,
or the ministry's C04 across provinces). The officer is told only that the record needs review (for
an ID already on a record elsewhere: the record is not created) or, for a similar name and birth,
nothing at all (the record is created and the review asks whether both are one person). Every
review is audited with the identifiers tried, as keyed hashes, and an officer may open only
``DUPLICATE_REVIEWS_PER_DAY`` in 24 hours: the same question asked many times is how a registry is
enumerated.
"""

import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import unit_filter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, record_denied
from hoanhap.lib import crypto
from hoanhap.lib.dates import now
from hoanhap.lib.roles import Cap, Level
from hoanhap.people.duplicates import id_index, name_birth_index
from hoanhap.people.models import DuplicateReview, Person, ReviewKind, ReviewOutcome, ReviewSource

logger = logging.getLogger("hoanhap.people.reviews")

# What a reviewer is shown of what the commune entered (the rest stays with the commune).
SHOWN_FIELDS = (
    "full_name",
    "birth_date",
    "birth_year",
    "sex",
    "national_id",
    "permanent_address",
    "current_address",
    "father_name",
    "mother_name",
)


class SentForReviewError(ValidationError):
    """The record needs review by the level that sees both units; nothing else is said."""

    def __init__(self, review: DuplicateReview) -> None:
        super().__init__(
            _(
                "Hồ sơ này cần được cấp trên rà soát trước khi ghi vào sổ. Đã gửi yêu cầu rà soát; "
                "kết quả sẽ có ở trang “Yêu cầu rà soát trùng lặp”."
            ),
            code="needs_review",
        )
        self.review = review


def outside_scope(actor: User, people: Sequence[Person]) -> list[Person]:
    """Those of ``people`` the actor's unit does not hold (a record it transferred away included:
    of that it keeps only a trace)."""
    own = set(
        Person.objects.filter(
            unit_filter(actor, cap=Cap.EDIT_PEOPLE), pk__in=[p.pk for p in people]
        ).values_list("pk", flat=True)
    )
    return [p for p in people if p.pk not in own]


def allowance_left(actor: User) -> int:
    since = now() - dt.timedelta(hours=24)
    used = DuplicateReview.objects.filter(requested_by=actor, requested_at__gte=since).count()
    return max(0, settings.DUPLICATE_REVIEWS_PER_DAY - used)


def check_allowance(actor: User, *, needed: int = 1) -> None:
    """Refuse, audit and log an officer who would open more reviews than a day allows."""
    left = allowance_left(actor)
    if needed <= left:
        return
    record(
        actor,
        Action.DUPLICATE_REVIEW,
        purpose=Purpose.DUPLICATE_REVIEW,
        extra={"step": "refused", "needed": needed, "left": left},
    )
    logger.warning("duplicate reviews over the daily limit: user %s asked for %s more", actor.pk, needed)
    raise ValidationError(
        _(
            "Đã gửi quá %(n)s yêu cầu rà soát trùng lặp trong 24 giờ: chưa ghi được. Hãy liên hệ "
            "Công an tỉnh (PC04)."
        )
        % {"n": settings.DUPLICATE_REVIEWS_PER_DAY},
        code="review_limit",
    )


def open_review(
    actor: User,
    *,
    kind: ReviewKind,
    source: ReviewSource,
    matches: Sequence[Person],
    data: dict[str, Any],
    created_person: Person | None = None,
) -> DuplicateReview:
    """One review of ``matches`` (records outside the actor's unit) against what the actor entered."""
    if not (actor.has_cap(Cap.EDIT_PEOPLE) and actor.level is Level.COMMUNE and actor.commune is not None):
        raise PermissionDenied
    with transaction.atomic():
        review = DuplicateReview.objects.create(
            kind=kind,
            source=source,
            province_id=actor.commune.province_id,
            commune=actor.commune,
            reviewer_province_id=_reviewer_province(actor, matches),
            requested_by=actor,
            submitted=crypto.encrypt(json.dumps(_shown(data), ensure_ascii=False, default=str)),
            created_person=created_person,
        )
        review.matches.set(matches)
        record(
            actor,
            Action.DUPLICATE_REVIEW,
            purpose=Purpose.DUPLICATE_REVIEW,
            obj=review,
            extra={
                "step": "open",
                "kind": str(kind),
                "source": str(source),
                "matches": len(matches),
                "id_index": id_index(data.get("national_id") or ""),
                "name_index": name_birth_index(
                    data.get("full_name") or "", data.get("birth_date"), data.get("birth_year")
                ),
            },
        )
    return review


def _reviewer_province(actor: User, matches: Sequence[Person]) -> str | None:
    """The province when every match is in the actor's province; the ministry (None) otherwise."""
    provinces = {person.province_id for person in matches}
    return actor.province_id if provinces == {actor.province_id} else None


def _shown(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name) for name in SHOWN_FIELDS if data.get(name) not in (None, "")}


def submitted(review: DuplicateReview) -> dict[str, Any]:
    """What the commune entered, for the reviewer (``get_review_for_user`` audits the reading)."""
    entered = dict.fromkeys(SHOWN_FIELDS) | json.loads(crypto.decrypt(review.submitted) or "{}")
    if entered.get("birth_date"):
        entered["birth_date"] = dt.date.fromisoformat(entered["birth_date"]).strftime("%d/%m/%Y")
    return entered


def resolve(
    actor: User,
    *,
    review: DuplicateReview,
    outcome: ReviewOutcome,
    note: str,
    person: Person | None = None,
    moved_on: dt.date | None = None,
) -> DuplicateReview:
    """The reviewer's decision. ``transfer``: the matched ``person`` is the one the commune meant and
    lives there now: the record moves to the commune (a transfer, audited as one). ``distinct``
    (similar only): two people. ``refuse`` (same ID only): what the commune entered is wrong."""
    from hoanhap.people.services import move_person

    _check_reviewer(actor, review)
    if outcome == ReviewOutcome.DISTINCT and review.kind != ReviewKind.SIMILAR:
        raise ValidationError({"outcome": _("Cùng số định danh không thể là hai người khác nhau.")})
    if outcome == ReviewOutcome.REFUSE and not note.strip():
        raise ValidationError({"note": _("Hãy ghi cho xã biết cần kiểm tra lại điều gì.")})
    with transaction.atomic():
        locked = DuplicateReview.objects.select_for_update().get(pk=review.pk)
        if not locked.is_open:
            raise ValidationError(_("Yêu cầu này đã được rà soát."))
        if outcome == ReviewOutcome.TRANSFER:
            if person is None or not locked.matches.filter(pk=person.pk).exists():
                raise ValidationError({"person": _("Chọn hồ sơ là của cùng một người.")})
            if moved_on is None:
                raise ValidationError({"moved_on": _("Nhập ngày người này đến sống tại xã đề nghị.")})
            move_person(actor, person=person, to_commune=locked.commune, moved_on=moved_on, reason=note)
        locked.outcome, locked.note = outcome, note.strip()[:500]
        locked.resolved_by, locked.resolved_at = actor, now()
        locked.save(update_fields=["outcome", "note", "resolved_by", "resolved_at"])
        record(
            actor,
            Action.DUPLICATE_REVIEW,
            purpose=Purpose.DUPLICATE_REVIEW,
            obj=locked,
            extra={"step": "resolve", "outcome": str(outcome)},
        )
    return locked


def _check_reviewer(actor: User, review: DuplicateReview) -> None:
    if not (
        actor.has_cap(Cap.REVIEW_DUPLICATES)
        and DuplicateReview.objects.visible_to(actor).filter(pk=review.pk).exists()
    ):
        raise PermissionDenied


def get_review_for_user(user: User, review_uuid: Any) -> DuplicateReview:
    """Out of scope or missing: 404. A reviewer's opening of a review is audited as a read (it
    shows what the commune entered)."""
    review = (
        DuplicateReview.objects.visible_to(user)
        .select_related("commune", "requested_by", "created_person")
        .filter(uuid=review_uuid)
        .first()
    )
    if review is None:
        record_denied(user, model=DuplicateReview, row_uuid=review_uuid, purpose=Purpose.DUPLICATE_REVIEW)
        raise Http404
    if user.has_cap(Cap.REVIEW_DUPLICATES):
        record(
            user,
            Action.DUPLICATE_REVIEW,
            purpose=Purpose.DUPLICATE_REVIEW,
            obj=review,
            extra={"step": "read"},
        )
    return review
