"""The one place that decides what a user may see and change.

Every query for personal data filters through ``unit_filter``; every write checks ``can_write``.
Rows that hold personal data carry ``province_id`` and ``commune_id`` (codes), so the same
filter serves the registry, cases, exports and reports.
"""

from django.db.models import Q

from hoanhap.accounts.roles import RELATIONSHIP_SCOPED, Cap, Level, Role

NOTHING = Q(pk__in=[])


def unit_filter(user, *, cap: Cap = Cap.VIEW_PEOPLE, prefix: str = "") -> Q:
    """Rows in the user's unit, if the role has ``cap``; nothing otherwise.

    National roles see every unit, province roles their province, commune roles their commune.
    Helpers and facility staff are scoped by relationship, not unit: nothing here.
    """
    if not user.is_authenticated or not user.is_active or not user.has_cap(cap):
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
