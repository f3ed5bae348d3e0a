from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.documents import services, sources
from hoanhap.documents.forms import CorrectionForm, SignerForm
from hoanhap.documents.models import DocumentKind
from hoanhap.lib.steps import person_step, said
from hoanhap.people.selectors import get_person_for_user, is_trace_for

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_POST
def issue(request, person_uuid, kind, source_uuid):
    """Issue the decision a case row records (its signer's name is on the row)."""
    person = get_person_for_user(request.user, person_uuid, write=True)
    if kind not in (DocumentKind.MANAGEMENT_DECISION, DocumentKind.AFTERCARE_DECISION):
        raise PermissionDenied
    row = sources.row_of(person, kind, source_uuid)
    try:
        if kind == DocumentKind.MANAGEMENT_DECISION:
            services.issue_management_decision(request.user, management=row)
        else:
            services.issue_aftercare_decision(request.user, aftercare=row)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã phát hành văn bản."))
    return redirect("people:detail", person_uuid=person.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def issue_for_event(request, person_uuid, kind, source_uuid):
    """Issue the notice, decision or certificate an event records; the officer names the signer."""
    person = get_person_for_user(request.user, person_uuid, write=True)
    if kind not in services.EVENT_DOCUMENTS:
        raise Http404
    event = sources.row_of(person, kind, source_uuid)
    return person_step(
        request,
        person,
        SignerForm(request.POST or None),
        act=lambda data: services.issue_for_event(request.user, kind=kind, event=event, **data),
        done=said(_("Đã phát hành văn bản.")),
        title=_("Phát hành: %(k)s") % {"k": DocumentKind(kind).label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, person_uuid, document_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    original = get_object_or_404(person.documents, uuid=document_uuid)
    return person_step(
        request,
        person,
        CorrectionForm(request.POST or None),
        act=lambda data: services.issue_correction(request.user, original=original, **data),
        done=said(_("Đã phát hành quyết định đính chính.")),
        title=_("Đính chính văn bản số %(n)s") % {"n": original.number},
    )


@login_required
@require_safe
def download(request, person_uuid, document_uuid, fmt):
    """The issued file, byte for byte; every download is audited as an export."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    document = get_object_or_404(person.documents, uuid=document_uuid)
    if not document.intact():
        return render(request, "documents/tampered.html", {"document": document}, status=409)
    record(
        request.user,
        Action.EXPORT,
        purpose=Purpose.CASE_WORK,
        obj=person,
        extra={"document": str(document.uuid), "format": fmt},
    )
    response = HttpResponse(bytes(getattr(document, fmt)), content_type=CONTENT_TYPES[fmt])
    filename = f"{document.number.replace('/', '-')}.{fmt}"  # the number only: no personal data
    response["Content-Disposition"] = content_disposition_header(fmt != "pdf", filename)
    return response
