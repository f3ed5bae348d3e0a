import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.geo.models import Hamlet
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.lib.spreadsheet import export_kind, table_response
from hoanhap.people import reviews, services
from hoanhap.people.duplicates import duplicate_pairs
from hoanhap.people.forms import MergeForm, PersonForm, ReviewDecisionForm, SearchForm, TransferForm
from hoanhap.people.models import DuplicateReview, Person, PersonMerge, ReviewOutcome
from hoanhap.people.reviews import SentForReviewError
from hoanhap.people.selectors import get_person_for_user, is_trace_for, search_people, trace_of

SEARCHED = "people_searched_for"
PAGE_SIZE = 25


def _require(user, cap: Cap) -> None:
    if not user.has_cap(cap):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def search(request):
    """Search runs on POST so that names and ID numbers never appear in URLs or access logs."""
    _require(request.user, Cap.VIEW_PEOPLE)
    hamlets = (
        Hamlet.objects.active().filter(commune=request.user.commune) if request.user.commune_id else None
    )
    form = SearchForm(request.POST or None, hamlets=hamlets)
    context = {
        "form": form,
        "can_create": _can_create(request.user),
        "can_export": request.user.has_cap(Cap.EXPORT_PEOPLE),
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        results = search_people(
            request.user, query=data["q"], birth_year=data["birth_year"], hamlet=data["hamlet"]
        )
        page = Paginator(results, PAGE_SIZE).get_page(data["page"] or 1)
        record(
            request.user,
            Action.PERSON_SEARCH,
            purpose=Purpose.SEARCH,
            extra={"results": page.paginator.count, "page": page.number},
        )
        if data["q"].strip():
            request.session[SEARCHED] = data["q"].strip()
        context.update(page=page, searched=True)
    template = "people/_results.html" if request.htmx and request.method == "POST" else "people/search.html"
    return render(request, template, context, status=400 if form.errors else 200)


def _can_create(user) -> bool:
    return user.has_cap(Cap.EDIT_PEOPLE) and bool(user.commune_id)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not _can_create(request.user):
        raise PermissionDenied
    searched = request.session.get(SEARCHED)
    if not searched:
        messages.info(request, _("Hãy tìm kiếm trước khi tạo hồ sơ mới, để tránh tạo trùng."))
        return redirect("people:search")
    commune = request.user.commune
    initial = {} if searched.isdigit() else {"full_name": searched}
    if searched.isdigit():
        initial["national_id"] = searched
    form = PersonForm(request.POST or None, commune=commune, initial=initial)
    candidates = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        aliases = data.pop("aliases")
        try:
            person = services.create_person(
                request.user,
                commune=commune,
                data=data,
                aliases=aliases,
                confirm_not_duplicate=request.POST.get("confirm") == "1",
            )
        except services.PossibleDuplicateError as exc:
            candidates = exc.candidates.similar  # the commune's own records only
        except SentForReviewError as exc:
            # One search allows one attempt: a second needs a new search (and is counted again).
            request.session.pop(SEARCHED, None)
            messages.warning(request, exc.messages[0])
            return redirect("people:review", review_uuid=exc.review.uuid)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session.pop(SEARCHED, None)
            messages.success(request, _("Đã tạo hồ sơ."))
            return redirect("people:detail", person_uuid=person.uuid)
    status = 409 if candidates else (400 if form.errors else 200)
    return render(
        request, "people/form.html", {"form": form, "candidates": candidates, "creating": True}, status=status
    )


@login_required
@require_safe
def detail(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid)
    trace = trace_of(request.user, person)
    if trace is not None:
        return render(request, "people/trace.html", {"trace": trace})
    context = {
        "person": person,
        "show_id": request.user.has_cap(Cap.VIEW_NATIONAL_ID),
        "can_edit": can_write(request.user, person),
        "can_transfer": can_write(request.user, person) and request.user.has_cap(Cap.TRANSFER_PEOPLE),
        "transfers": person.transfers.select_related("from_commune", "to_commune"),
        "merges": PersonMerge.objects.filter(survivor=person),
        "panels": [reverse(name, args=[person.uuid]) for name in settings.PERSON_PANELS],
    }
    return render(request, "people/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    initial = {
        **{name: getattr(person, name) for name in services.PROFILE_FIELDS},
        "hamlet": person.hamlet.uuid if person.hamlet else None,
        "national_id": person.national_id,
        "father_id": person.father_id,
        "mother_id": person.mother_id,
        "aliases": ", ".join(person.aliases.values_list("name", flat=True)),
        "version": person.version,
    }
    form = PersonForm(request.POST or None, commune=person.commune, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        aliases, version = data.pop("aliases"), data.pop("version")
        try:
            services.update_person(
                request.user, person=person, expected_version=version or 0, data=data, aliases=aliases
            )
        except services.StaleEditError as exc:
            current = exc.current
            form.add_error(None, exc)
        except SentForReviewError as exc:  # nothing saved; the form keeps what was typed
            form.add_error("national_id", exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("people:detail", person_uuid=person.uuid)
    status = 409 if current else (400 if form.errors else 200)
    context = {"form": form, "person": person, "current": current, "show_id": True}
    return render(request, "people/form.html", context, status=status)


@login_required
@require_safe
def history(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    records = list(person.history.select_related("history_user").order_by("-history_id")[:100])
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = newer.diff_against(older).changes if older else []
        rows.append({"record": newer, "changes": [_shown_change(person, c) for c in changes]})
    return render(request, "people/history.html", {"person": person, "rows": rows})


ENCRYPTED_LABELS = {
    "national_id_encrypted": _lazy("Số định danh"),
    "father_id_encrypted": _lazy("Số định danh của cha"),
    "mother_id_encrypted": _lazy("Số định danh của mẹ"),
}


def _shown_change(person, change):
    field = person._meta.get_field(change.field)
    if change.field in ENCRYPTED_LABELS:  # identifiers stay hidden in the history too
        return {"label": ENCRYPTED_LABELS[change.field], "old": "•••", "new": "•••"}
    return {"label": getattr(field, "verbose_name", change.field), "old": change.old, "new": change.new}


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request, person_uuid):
    person = get_person_for_user(request.user, person_uuid, write=True)
    _require(request.user, Cap.TRANSFER_PEOPLE)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_person(request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã chuyển hồ sơ. Xã cũ vẫn giữ dấu vết chỉ đọc."))
            return redirect("people:search")
    return render(
        request, "people/transfer.html", {"form": form, "person": person}, status=400 if form.errors else 200
    )


@login_required
@require_safe
def duplicates(request):
    """Pairs in the user's commune that share a birth and a similar name, or a personal ID."""
    _require(request.user, Cap.MERGE_PEOPLE)
    pairs = duplicate_pairs(
        Person.objects.visible_to(request.user).current().filter(commune=request.user.commune)
    )
    record(request.user, Action.PERSON_SEARCH, purpose=Purpose.DUPLICATE_REVIEW, extra={"pairs": len(pairs)})
    return render(request, "people/duplicates.html", {"pairs": pairs})


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, survivor_uuid, absorbed_uuid):
    _require(request.user, Cap.MERGE_PEOPLE)
    survivor = get_person_for_user(request.user, survivor_uuid, write=True, purpose=Purpose.DUPLICATE_REVIEW)
    absorbed = get_person_for_user(request.user, absorbed_uuid, write=True, purpose=Purpose.DUPLICATE_REVIEW)
    rows = _comparison(survivor, absorbed)
    conflict_fields = [r["field"] for r in rows if r["conflict"]]
    form = MergeForm(request.POST or None, conflict_fields=conflict_fields)
    if request.method == "POST" and form.is_valid():
        try:
            journal = services.merge_people(
                request.user,
                survivor=survivor,
                absorbed=absorbed,
                take_from_absorbed=set(form.cleaned_data["take_from_absorbed"]),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã hợp nhất hai hồ sơ. Mọi giá trị khác nhau được ghi lại trong nhật ký.")
            )
            return redirect("people:merge_detail", merge_uuid=journal.uuid)
    context = {"form": form, "survivor": survivor, "absorbed": absorbed, "rows": rows}
    return render(request, "people/merge.html", context, status=400 if form.errors else 200)


def _comparison(a: Person, b: Person):
    rows = []
    for name in services.MERGE_FIELDS:
        raw_a, raw_b = services._merge_value(a, name), services._merge_value(b, name)
        conflict = not services._empty(raw_a) and not services._empty(raw_b) and raw_a != raw_b
        rows.append({"field": name, "label": capfirst(_verbose_name(name)), "conflict": conflict,
                     "left": _shown(a, name), "right": _shown(b, name)})  # fmt: skip
    return rows


def _shown(person: Person, name: str) -> str:
    """A field as a reader expects it: labels for codes, dd/mm/yyyy, masked identifiers."""
    if name == "national_id":
        return person.national_id_masked
    if name == "substances":
        return ", ".join(person.substance_labels())
    value = getattr(person, name)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    display = getattr(person, f"get_{name}_display", None)
    return str(display() if display else value)


def _verbose_name(name: str) -> str:
    if name == "national_id":
        return str(_("Số định danh"))
    return str(getattr(Person._meta.get_field(name), "verbose_name", name))


@login_required
@require_safe
def merge_detail(request, merge_uuid):
    journal = get_object_or_404(
        PersonMerge.objects.filter(survivor__in=Person.objects.visible_to(request.user)).select_related(
            "survivor", "absorbed", "merged_by"
        ),
        uuid=merge_uuid,
    )
    get_person_for_user(request.user, journal.survivor.uuid, purpose=Purpose.DUPLICATE_REVIEW)
    labels = {f.name: f.verbose_name for f in Person._meta.get_fields() if hasattr(f, "verbose_name")}
    labels["national_id"] = _("Số định danh")
    conflicts = [{**c, "label": labels.get(c["field"], c["field"])} for c in journal.conflicts]
    return render(request, "people/merge_detail.html", {"journal": journal, "conflicts": conflicts})


@login_required
@require_safe
def export(request) -> HttpResponse:
    """The user's list as a spreadsheet: only current records in scope, identifiers masked unless
    the role may see them. Every export is audited with its row count."""
    _require(request.user, Cap.EXPORT_PEOPLE)
    people = search_people(request.user)
    show_id = request.user.has_cap(Cap.VIEW_NATIONAL_ID)
    header = [
        _("Họ và tên"),
        _("Năm sinh"),
        _("Giới tính"),
        _("Số định danh"),
        _("Xã"),
        pgettext("one hamlet", "Thôn, tổ dân phố"),
    ]
    rows = [
        [
            p.full_name,
            p.birth_year,
            p.get_sex_display(),
            p.national_id if show_id else p.national_id_masked,
            p.commune.name,
            str(p.hamlet or ""),
        ]
        for p in people.iterator(chunk_size=2000)
    ]
    kind = export_kind(request)
    record(
        request.user,
        Action.EXPORT,
        purpose=Purpose.CASE_WORK,
        extra={"rows": len(rows), "kind": "people", "format": kind},
    )
    return table_response(kind, "danh-sach-doi-tuong", _("Danh sách"), header, rows)


def _require_reviews(user) -> None:
    """A role that neither reviews nor sends reviews is refused before any review is looked up."""
    if not (user.has_cap(Cap.REVIEW_DUPLICATES) or _can_create(user)):
        raise PermissionDenied


@login_required
@require_safe
def review_list(request):
    """Records that matched across units: the reviewer's queue (open first), or the requests the
    commune sent and what became of them."""
    user = request.user
    _require_reviews(user)
    items = (
        DuplicateReview.objects.visible_to(user)
        .select_related("commune", "requested_by")
        .order_by(F("resolved_at").asc(nulls_first=True), "-requested_at")
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "people/reviews.html", {"page": page, "reviewer": user.has_cap(Cap.REVIEW_DUPLICATES)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, review_uuid):
    """A reviewer compares what the commune entered with the records it matched and decides; the
    commune sees only the state of its request and the reviewer's note."""
    _require_reviews(request.user)
    item = reviews.get_review_for_user(request.user, review_uuid)
    reviewer = request.user.has_cap(Cap.REVIEW_DUPLICATES)
    if request.method == "POST" and not (reviewer and item.is_open):
        raise PermissionDenied
    context = {"item": item, "reviewer": reviewer}
    if reviewer:
        matches = [
            get_person_for_user(request.user, p.uuid, purpose=Purpose.DUPLICATE_REVIEW)
            for p in item.matches.all()
        ]
        form = ReviewDecisionForm(request.POST or None, review=item, matches=matches)
        if request.method == "POST" and form.is_valid():
            try:
                reviews.resolve(
                    request.user,
                    review=item,
                    outcome=ReviewOutcome(form.cleaned_data["outcome"]),
                    note=form.cleaned_data["note"],
                    person=form.chosen_person(),
                    moved_on=form.cleaned_data["moved_on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi kết luận rà soát."))
                return redirect("people:reviews")
        context.update(form=form, matches=matches, entered=reviews.submitted(item), show_id=True)
    status = 400 if context.get("form") is not None and context["form"].errors else 200
    return render(request, "people/review.html", context, status=status)
