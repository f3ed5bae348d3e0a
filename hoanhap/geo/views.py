from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hoanhap.geo import services
from hoanhap.geo.forms import HamletForm, RetireHamletForm
from hoanhap.geo.models import Hamlet
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap


def _commune_of(user):
    if not (user.has_cap(Cap.MANAGE_HAMLETS) and user.commune_id):
        raise PermissionDenied
    return user.commune


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_list(request):
    commune = _commune_of(request.user)
    form = HamletForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_hamlet(
                request.user, commune=commune, kind=form.cleaned_data["kind"], name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm thôn, tổ dân phố."))
            return redirect("geo:hamlets")
    hamlets = Hamlet.objects.filter(commune=commune).select_related("replaced_by")
    return render(
        request,
        "geo/hamlets.html",
        {"form": form, "hamlets": hamlets, "commune": commune},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def hamlet_edit(request, hamlet_uuid):
    commune = _commune_of(request.user)
    hamlet = get_object_or_404(Hamlet, uuid=hamlet_uuid, commune=commune)
    form = HamletForm(
        request.POST or None, initial={"kind": hamlet.kind, "name": hamlet.name, "version": hamlet.version}
    )
    retire_form = RetireHamletForm(hamlet=hamlet)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_hamlet(
                request.user,
                hamlet=hamlet,
                expected_version=form.cleaned_data["version"] or 0,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("geo:hamlets")
    return render(
        request,
        "geo/hamlet_edit.html",
        {"form": form, "retire_form": retire_form, "hamlet": hamlet},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def hamlet_retire(request, hamlet_uuid):
    commune = _commune_of(request.user)
    hamlet = get_object_or_404(Hamlet, uuid=hamlet_uuid, commune=commune, retired_on__isnull=True)
    form = RetireHamletForm(request.POST, hamlet=hamlet)
    if form.is_valid():
        try:
            services.retire_hamlet(request.user, hamlet=hamlet, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận giải thể, sáp nhập. Hồ sơ cũ vẫn giữ thôn cũ."))
            return redirect("geo:hamlets")
    edit_form = HamletForm(initial={"kind": hamlet.kind, "name": hamlet.name, "version": hamlet.version})
    return render(
        request,
        "geo/hamlet_edit.html",
        {"form": edit_form, "retire_form": form, "hamlet": hamlet},
        status=400,
    )
