"""The one place that decides what a user may see and change.

Every query for personal data filters through ``unit_filter``; every write checks ``can_write``.
Rows that hold personal data carry ``province_id`` and ``commune_id`` (codes), so the same
filter serves the registry, cases, exports and reports. ``within`` applies it to a QuerySet (the
``visible_to`` of each model is built on it) and ``get_for_user`` is the access helper of every
type: missing and out of scope are the same 404, the refusal audited under the unit of the row
asked for, the read under the row's.
"""

import uuid as uuidlib
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record, record_denied
from hoanhap.lib.roles import RELATIONSHIP_SCOPED, Cap, Level, Role

NOTHING = Q(pk__in=[])
M = TypeVar("M", bound=Model)


def unit_filter(user, *, cap: Cap = Cap.VIEW_PEOPLE, prefix: str = "") -> Q:
    """Rows in the user's unit, if the role has ``cap``; ``NOTHING`` otherwise.

    National roles see every unit (an empty Q), province roles their province, commune roles their
    commune. Helpers and facility staff are scoped by relationship, not unit: nothing here.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.has_cap(cap):
        return NOTHING
    if Role(user.role) in RELATIONSHIP_SCOPED:
        return NOTHING
    level = user.level
    if level is Level.NATIONAL:
        return Q()
    if level is Level.PROVINCE and user.province_id:
        return Q(**{f"{prefix}province_id": user.province_id})
    if level is Level.COMMUNE and user.commune_id:
        return Q(**{f"{prefix}commune_id": user.commune_id})
    return NOTHING


def can_write(user, obj) -> bool:
    """Only a commune role with the edit capability writes, and only in its own commune."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_cap(Cap.EDIT_PEOPLE)
        and user.level is Level.COMMUNE
        and bool(user.commune_id)
        and obj.commune_id == user.commune_id
    )


def within(
    queryset: QuerySet[M], user, *, cap: Cap = Cap.VIEW_PEOPLE, prefix: str = "", also: Q | None = None
) -> QuerySet[M]:
    """``queryset`` narrowed to the user's unit (``unit_filter``), plus ``also`` (rows outside the
    unit the user may read too, e.g. a trace or the plan of the province above) when the user has
    ``cap`` at all. Fails closed: without ``cap``, nothing, whatever ``also`` says."""
    scope = unit_filter(user, cap=cap, prefix=prefix)
    if scope is NOTHING:
        return queryset.none()
    if not scope:  # an empty Q is every unit; "Q() | x" would narrow it to x
        return queryset.all()
    return queryset.filter(scope | also) if also is not None else queryset.filter(scope)


def get_for_user(
    user,
    queryset: QuerySet[M],
    row_uuid: Any,
    *,
    purpose: Purpose = Purpose.CASE_WORK,
    read: Action | None = Action.PERSON_READ,
    audit_obj: Any = None,
    extra: dict[str, Any] | None = None,
) -> M:
    """The row of ``queryset`` (already narrowed to what ``user`` may read) with this uuid, or 404.
    The read is audited (as ``read``, of ``audit_obj`` or else the row); a refusal as a denial
    filed under the unit of the row asked for, if it exists, so that unit's auditor sees it."""
    try:
        wanted = uuidlib.UUID(str(row_uuid))
    except ValueError:
        raise Http404 from None
    found = queryset.filter(uuid=wanted).first()
    if found is None:
        record_denied(user, model=queryset.model, row_uuid=wanted, purpose=purpose, extra=extra)
        raise Http404
    if read is not None:
        target = audit_obj(found) if callable(audit_obj) else found
        record(user, read, purpose=purpose, obj=target, extra=extra)
    return found
