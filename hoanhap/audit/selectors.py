from django.db.models import Q

from hoanhap.audit.models import AuditEntry
from hoanhap.lib.roles import Cap, Level


def entries_visible_to(user):
    """National auditors read the whole log; province auditors the entries about their province
    or made by its users; everyone else nothing."""
    if not (user.is_authenticated and user.has_cap(Cap.VIEW_AUDIT)):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor")
    if user.level is Level.NATIONAL:
        return entries
    if user.province_id:
        return entries.filter(Q(province_code=user.province_id) | Q(actor__province_id=user.province_id))
    return AuditEntry.objects.none()
