"""One form per step on a person's record, shared by every app: validate, let the service apply the
rule, say what was done and go back to the person's page; on a refusal, the form again with a 400."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hoanhap.lib.forms import add_service_errors

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def person_step(
    request: HttpRequest,
    person: Any,
    form: forms.BaseForm,
    *,
    act: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    title: "StrOrPromise",
    preview: Callable[[dict[str, Any]], bytes] | None = None,
) -> HttpResponse:
    """``act`` takes the cleaned data and calls the service; ``done`` gives the success message from
    what the service returned. ``preview``, when given, answers the form's "preview" button with the
    document the step would issue (a PDF), nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            if preview is not None and PREVIEW in request.POST:
                return _pdf_inline(preview(form.cleaned_data))
            result = act(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done(result))
            return redirect("people:detail", person_uuid=person.uuid)
    context = {"form": form, "person": person, "title": title, "can_preview": preview is not None}
    return render(request, "cases/step_form.html", context, status=400 if form.errors else 200)


PREVIEW = "preview"


def _pdf_inline(pdf: bytes) -> HttpResponse:
    """Shown in the browser, never cached, named without anything personal."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="du-thao.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def said(message: "StrOrPromise") -> Callable[[Any], str]:
    """A ``done`` that says the same whatever the service returned."""
    return lambda _result: str(message)
