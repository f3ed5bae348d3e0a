"""The public portal: no log-in, Vietnamese first, light pages. Submissions are rate-limited per
address, carry a honeypot, and are stored before anything else happens."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Commune, Province
from hoanhap.hotline import services as hotline
from hoanhap.hotline.models import Channel
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.portal import services, throttle
from hoanhap.portal.forms import InfoPageForm, RegistrationForm, StatusForm, TipForm
from hoanhap.portal.models import InfoPage, Registration, RegistrationStatus
from hoanhap.support.models import Provider, ProviderKind


@require_safe
def home(request):
    return render(request, "portal/home.html", {"pages": InfoPage.objects.filter(published=True)})


@require_safe
def page(request, slug):
    found = get_object_or_404(InfoPage, slug=slug, published=True)
    return render(request, "portal/page.html", {"page": found})


@login_required
@require_http_methods(["GET", "POST"])
def edit_page(request, slug=None):
    """Administrators write the information pages (plain text, blank lines between paragraphs)."""
    if not request.user.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    instance = get_object_or_404(InfoPage, slug=slug) if slug else None
    form = InfoPageForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        record(
            request.user, Action.RULE_CHANGE, purpose=Purpose.ADMINISTRATION, extra={"info_page": saved.slug}
        )
        return redirect("portal:page", slug=saved.slug)
    pages = InfoPage.objects.all()
    return render(
        request, "portal/edit_page.html", {"form": form, "pages": pages}, status=400 if form.errors else 200
    )


def _province(request):
    code = request.POST.get("tinh") or request.GET.get("tinh") or ""
    return Province.objects.filter(pk=code).first()


def _communes(province) -> list[tuple[str, str]]:
    return list(
        Commune.objects.filter(province=province, replaced_by__isnull=True).values_list("code", "name")
    )


def _too_many(request, scope: str):
    if request.method == "POST" and not throttle.allow(request, scope):
        context = {"message": _("Bạn đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau.")}
        return render(request, "portal/message.html", context, status=429)
    return None


@require_http_methods(["GET", "POST"])
def register(request):
    """Online registration for voluntary rehab at home or in the community (TTHC 1.010941)."""
    province = _province(request)
    if province is None:
        return render(
            request,
            "portal/pick_province.html",
            {"provinces": Province.objects.all(), "next": "portal:register"},
        )
    limited = _too_many(request, "register")
    if limited:
        return limited
    form = RegistrationForm(request.POST or None, communes=_communes(province))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.submit_registration(
                commune=Commune.objects.get(pk=data["commune"]), data=data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(
                request, "portal/received.html", {"reference": registration.reference, "registration": True}
            )
    context = {"form": form, "province": province, "title": _("Đăng ký cai nghiện ma túy tự nguyện")}
    return render(request, "portal/form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def tip(request):
    """An anonymous tip: no identity asked, a reference code to follow it."""
    province = _province(request)
    if province is None:
        return render(
            request, "portal/pick_province.html", {"provinces": Province.objects.all(), "next": "portal:tip"}
        )
    limited = _too_many(request, "tip")
    if limited:
        return limited
    form = TipForm(request.POST or None, communes=_communes(province))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = hotline.receive_tip(
            None,
            channel=Channel.WEB,
            category=data["category"],
            summary=data["summary"],
            location=data["location"],
            commune=Commune.objects.get(pk=data["commune"]),
        )
        return render(request, "portal/received.html", {"reference": received.reference})
    context = {"form": form, "province": province, "title": _("Gửi tin báo (không cần ghi tên)")}
    return render(request, "portal/form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def status(request):
    """Status by reference code, asked by POST so that codes stay out of addresses and logs."""
    limited = _too_many(request, "status")
    if limited:
        return limited
    form = StatusForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["reference"]
        finder = services.public_status if code.upper().startswith("DK-") else hotline.public_status
        result = finder(code) or {"missing": True}
    return render(request, "portal/status.html", {"form": form, "result": result})


@require_safe
def directory(request):
    province = _province(request)
    kinds = [
        ProviderKind.REHAB_FACILITY,
        ProviderKind.METHADONE,
        ProviderKind.COUNSELLING,
        ProviderKind.HEALTH_STATION,
    ]
    providers = Provider.objects.filter(active=True, kind__in=kinds).select_related("commune", "province")
    if province is not None:
        providers = providers.filter(province=province)
    context = {"providers": providers[:300], "provinces": Province.objects.all(), "province": province}
    return render(request, "portal/directory.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def registration(request, registration_uuid):
    """A registration received online, for the commune police to answer."""
    if not (request.user.has_cap(Cap.EDIT_PEOPLE) and request.user.commune_id):
        raise PermissionDenied
    item = get_object_or_404(Registration, uuid=registration_uuid, commune_id=request.user.commune_id)
    record(
        request.user, Action.PERSON_READ, purpose=Purpose.CASE_WORK, extra={"registration": str(item.uuid)}
    )
    error = ""
    if request.method == "POST":
        try:
            services.answer_registration(
                request.user,
                registration=item,
                status=request.POST.get("status", ""),
                answer=request.POST.get("answer", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("inbox:list")
    context = {
        "item": item,
        "error": error,
        "choices": [RegistrationStatus.ACCEPTED, RegistrationStatus.REFUSED],
    }
    return render(request, "portal/registration.html", context, status=400 if error else 200)
