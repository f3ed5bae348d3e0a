from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hoanhap.law import personal_data, services
from hoanhap.law.forms import CalendarDayForm, OverrideForm
from hoanhap.law.models import CalendarDay, RuleOverride
from hoanhap.law.rulebook import PERSONAL_DATA_REGIMES, REGIMES, RULES, VARIANTS
from hoanhap.law.sentences import sentence
from hoanhap.lib.dates import today
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap


@login_required
@require_safe
def rule_list(request):
    """The rules of every regime, the drug law's and the personal-data law's, for everyone who
    works with them; administrators may set the values that are not verified against the legal text."""
    can_edit = request.user.has_cap(Cap.MANAGE_USERS)
    current = (services.regime_on(today()), personal_data.regime_on(today()))
    regimes = [
        {
            "regime": regime,
            "current": regime in current,
            "rules": [
                {
                    "rule": services.rule(code, regime=regime),
                    "sentence": sentence(regime.code, code),
                    "variants": [
                        (variant, services.rule(code, regime=regime, on=variant.starts))
                        for variant in VARIANTS.get((regime.code, code), ())
                    ],
                }
                for code in sorted(RULES[regime.code])
            ],
        }
        for regime in (*reversed(REGIMES), *reversed(PERSONAL_DATA_REGIMES))
    ]
    context = {
        "regimes": regimes,
        "can_edit": can_edit,
        "history": _override_history() if can_edit else [],
    }
    return render(request, "law/rules.html", context)


def _override_history() -> list[dict[str, object]]:
    """The latest overrides, each named by its rule's description and its regime's name, never by
    the internal codes."""
    regimes = {r.code: r for r in REGIMES}
    rows = []
    for override in RuleOverride.objects.select_related("set_by")[:20]:
        regime = regimes.get(override.regime)
        rule = RULES.get(override.regime, {}).get(override.rule)
        description = _(rule.description) if rule else _("Quy định không còn trong danh mục")
        rows.append(
            {"override": override, "description": description, "regime": regime.name if regime else ""}
        )
    return rows


@login_required
@require_POST
def rule_override(request):
    if not request.user.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    form = OverrideForm(request.POST)
    regimes = {r.code: r for r in (*REGIMES, *PERSONAL_DATA_REGIMES)}
    if form.is_valid() and form.cleaned_data["regime"] in regimes:
        data = form.cleaned_data
        try:
            services.set_override(
                request.user,
                regime=regimes[data["regime"]],
                code=data["code"],
                value=data["value"],
                note=data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã cập nhật giá trị quy định."))
    else:
        messages.error(request, _("Hãy nhập giá trị mới và căn cứ."))
    return redirect("law:rules")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_days(request):
    if not request.user.has_cap(Cap.MANAGE_USERS):
        raise PermissionDenied
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_day(request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận ngày làm việc, nghỉ đặc biệt."))
            return redirect("law:calendar")
    days = CalendarDay.objects.select_related("created_by")
    return render(
        request, "law/calendar.html", {"form": form, "days": days}, status=400 if form.errors else 200
    )
