from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.imports import services, tasks
from hoanhap.imports.forms import MappingForm, UploadForm
from hoanhap.imports.models import BatchStatus, ImportBatch
from hoanhap.lib.roles import Cap, Level
from hoanhap.lib.spreadsheet import export_kind, table_response


def _require(user) -> None:
    if not (user.has_cap(Cap.EDIT_PEOPLE) and user.level is Level.COMMUNE and user.commune_id):
        raise PermissionDenied


def _batch(user, batch_uuid) -> ImportBatch:
    _require(user)
    batch = ImportBatch.objects.filter(uuid=batch_uuid, commune_id=user.commune_id).first()
    if batch is None:
        raise Http404
    return batch


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _require(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            if file.size > services.MAX_BYTES:
                raise ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
            batch = services.upload(request.user, file_name=file.name, content=file.read())
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if batch.status == BatchStatus.READING:
                tasks.read_batch.enqueue(batch.pk)
            return redirect("imports:batch", batch_uuid=batch.uuid)
    batches = ImportBatch.objects.filter(commune_id=request.user.commune_id)[:20]
    return render(
        request, "imports/upload.html", {"form": form, "batches": batches}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch(request, batch_uuid):
    found = _batch(request.user, batch_uuid)
    form = MappingForm(request.POST or None, headers=found.headers, mapping=found.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.set_mapping(request.user, batch=found, mapping=form.mapping())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if found.fits_request:
                services.run_check(found)
            else:
                ImportBatch.objects.filter(pk=found.pk).update(status=BatchStatus.CHECKING)
                tasks.check_batch.enqueue(found.pk)
            return redirect("imports:batch", batch_uuid=found.uuid)
    previous = (
        ImportBatch.objects.filter(
            commune_id=found.commune_id, file_sha256=found.file_sha256, status=BatchStatus.COMMITTED
        )
        .exclude(pk=found.pk)
        .first()
    )
    working = found.status in (BatchStatus.READING, BatchStatus.CHECKING, BatchStatus.COMMITTING)
    if request.htmx and request.method == "GET" and not working:
        return HttpResponseClientRefresh()  # done: the whole page changes (mapping, commit button)
    context = {
        "batch": found,
        "form": form,
        "errors": found.errors[:200],
        "previous": previous,
        "working": working,
    }
    if not request.htmx and not working:
        # The preview shows personal data from the file: the view is audited like a read.
        record(
            request.user,
            Action.IMPORT,
            purpose=Purpose.CASE_WORK,
            extra={"batch": str(found.uuid), "step": "view"},
        )
        context["preview_header"], context["preview"] = services.preview(found)
        context["created"] = found.imported.select_related("person").order_by("row")[:50]
    template = "imports/_progress.html" if request.htmx and request.method == "GET" else "imports/batch.html"
    return render(request, template, context, status=400 if form.errors else 200)


def _reviews_sent(count: int) -> str:
    return _(
        "%(n)s dòng cần được cấp trên rà soát trước khi ghi vào sổ; đã gửi yêu cầu rà soát (trang "
        "“Yêu cầu rà soát trùng lặp”)."
    ) % {"n": count}


@login_required
@require_POST
def commit(request, batch_uuid):
    found = _batch(request.user, batch_uuid)
    try:
        if found.fits_request:  # the commit checks the whole file again
            found = services.commit(request.user, batch=found)
            messages.success(request, _("Đã ghi %(n)s hồ sơ mới vào sổ.") % {"n": found.created_count})
            if found.review_rows:
                messages.warning(request, _reviews_sent(found.review_rows))
        else:
            if found.status != BatchStatus.CHECKED or found.errors:
                raise ValidationError(_("Chỉ ghi được danh sách đã kiểm tra và không còn lỗi."))
            tasks.commit_batch.enqueue(found.pk, request.user.pk)
            messages.info(request, _("Đang ghi vào sổ; trang này tự cập nhật."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("imports:batch", batch_uuid=found.uuid)


@login_required
@require_safe
def error_report(request, batch_uuid):
    found = _batch(request.user, batch_uuid)
    rows = [[e["row"], e["column"], e["message"]] for e in found.errors]
    header = [_("Dòng"), _("Cột"), _("Lỗi")]
    return table_response(export_kind(request), "loi-nhap-danh-sach", _("Lỗi"), header, rows)


@login_required
@require_safe
def panel(request, person_uuid):
    """The status the old list gave, if the person came from an import: shown as such, not as a fact."""
    from hoanhap.imports.models import ImportedRow
    from hoanhap.people.selectors import get_person_for_user, is_trace_for

    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    rows = ImportedRow.objects.filter(person=person).exclude(legacy_status="").select_related("batch")
    return render(request, "imports/_panel.html", {"rows": rows})
