import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from hoanhap.lib.roles import Cap
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


# Seconds a client should wait before trying again when the database is out of reach.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 handler. A database that cannot be reached (connection lost, server restarting,
    statement timeout) is not a bug of ours: the request's transaction was rolled back, so the user
    gets 503 "try again" instead. Rendered without context: the database may be what failed."""
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        if unavailable:
            code = "unavailable"
            message = _("Tạm thời không kết nối được cơ sở dữ liệu; không có gì được lưu. Hãy thử lại.")
        else:
            code, message = "server_error", _("Lỗi hệ thống; không có gì được lưu dở dang. Hãy thử lại sau.")
        response: HttpResponse = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    else:
        response = HttpResponse(loader.get_template(f"{status}.html").render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
