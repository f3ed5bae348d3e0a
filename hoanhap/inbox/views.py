from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.inbox.items import kind_counts, with_people
from hoanhap.inbox.registry import due_items_for_commune
from hoanhap.lib.roles import Cap

PAGE_SIZE = 50


@login_required
@require_safe
def inbox(request):
    """What the commune must do next, soonest first; overdue items are marked for the head."""
    if not (request.user.has_cap(Cap.VIEW_PEOPLE) and request.user.commune_id):
        raise PermissionDenied
    # Every item is computed to count and order them; only the shown page's people are read.
    items = due_items_for_commune(request.user.commune_id, people=False)
    # The inbox names people: it is a read of the registry, audited like a search (counts only).
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.CASE_WORK, extra={"inbox": len(items)})
    kinds, total = kind_counts(items), len(items)
    chosen = request.GET.get("loai", "")
    if chosen in {k.kind for k in kinds}:
        items = [item for item in items if item.kind == chosen]
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_people(list(page.object_list))
    return render(
        request, "inbox/list.html", {"page": page, "kinds": kinds, "chosen": chosen, "total": total}
    )
