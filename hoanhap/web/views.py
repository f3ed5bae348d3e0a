from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from hoanhap.accounts.roles import Cap
from hoanhap.people.models import Person


@login_required
@require_safe
def home(request):
    """The user's unit at a glance: counts only, no names."""
    user = request.user
    stats = None
    if user.has_cap(Cap.VIEW_PEOPLE):
        people = Person.objects.visible_to(user).current()
        if user.commune_id:
            people = people.filter(commune=user.commune_id)
        stats = {
            "people": people.count(),
            "without_hamlet": people.filter(hamlet__isnull=True).count(),
            "without_id": people.filter(national_id_index="").count(),
        }
    return render(request, "web/home.html", {"stats": stats})


def csrf_failure(request, reason=""):
    message = _("Phiên biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.")
    return render(request, "403.html", {"message": message}, status=403)


@require_GET
def live(request):
    """Liveness: the process answers. Touches nothing else (the benchmark's floor for pages)."""
    return HttpResponse("ok", content_type="text/plain")
