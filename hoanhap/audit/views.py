from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from hoanhap.audit.filters import AuditFilter
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.selectors import entries_visible_to
from hoanhap.audit.services import record
from hoanhap.lib.roles import Cap


@login_required
@require_safe
def entry_list(request):
    if not request.user.has_cap(Cap.VIEW_AUDIT):
        raise PermissionDenied
    filterset = AuditFilter(request.GET or None, queryset=entries_visible_to(request.user))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    record(
        request.user,
        Action.AUDIT_READ,
        purpose=Purpose.AUDIT,
        extra={"filters": sorted(k for k, v in request.GET.items() if v and k != "page")},
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "audit/list.html", context, status=400 if filterset.errors else 200)
