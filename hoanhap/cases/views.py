import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.criminal import administrative_open, held
from hoanhap.cases.dossier import DOSSIER_STATE_LABELS, DossierState, allowed_dossier_moves
from hoanhap.cases.forms import (
    ActivityForm,
    AdmissionForm,
    AftercareEventForm,
    AftercareForm,
    AssessmentForm,
    CriminalHandoverForm,
    DossierDocumentForm,
    DossierEventForm,
    DossierForm,
    DrugTestForm,
    EventForm,
    InvestigationAnswerForm,
    ManagementForm,
    MonitoringEventForm,
    MonitoringForm,
    RehabEventForm,
    RehabRegistrationForm,
    SubstitutionEventForm,
    SubstitutionForm,
)
from hoanhap.cases.lifecycle import STATE_LABELS, allowed_moves
from hoanhap.cases.lists import LISTS, PERSON_COLUMNS, cases_of, cells_of, page_of
from hoanhap.cases.models import CompulsoryDossier, ElectronicMonitoring
from hoanhap.cases.monitoring import (
    MONITORING,
    MONITORING_STATE_LABELS,
    OPEN_MONITORING_STATES,
    MonitoringEvent,
)
from hoanhap.cases.rehab import (
    AFTERCARE_STATE_LABELS,
    EPISODE_STATE_LABELS,
    SUBSTITUTION,
    SUBSTITUTION_STATE_LABELS,
    EpisodeState,
    SubstitutionState,
    allowed_aftercare_moves,
    allowed_episode_moves,
)
from hoanhap.cases.services.aftercare import decide_aftercare, record_aftercare_event
from hoanhap.cases.services.assessment import record_assessment
from hoanhap.cases.services.criminal import hand_over_use, record_investigation_answer
from hoanhap.cases.services.dossier import admit, file_document, open_dossier, record_dossier_event
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.management import (
    decide_user_management,
    preview_user_management,
    record_management_activity,
    record_management_event,
)
from hoanhap.cases.services.monitoring import (
    apply_monitoring,
    may_decide,
    open_monitoring,
    record_monitoring_event,
    situation_on,
)
from hoanhap.cases.services.substitution import enrol_substitution, record_substitution_event
from hoanhap.cases.services.voluntary import register_voluntary_rehab
from hoanhap.cases.status import PersonStatus, Status, status_of
from hoanhap.cases.timeline import timeline
from hoanhap.documents.drafts import management_decision
from hoanhap.documents.render import preview_pdf
from hoanhap.documents.selectors import documents_of, issuable_for
from hoanhap.law import services as law
from hoanhap.law.rulebook import OTHER_DOCUMENT
from hoanhap.lib.dates import today
from hoanhap.lib.forms import add_service_errors
from hoanhap.lib.roles import Cap
from hoanhap.lib.spreadsheet import export_kind, table_response
from hoanhap.lib.steps import person_step, said
from hoanhap.people.selectors import get_person_for_user, is_trace_for


@login_required
@require_safe
def person_panel(request, person_uuid):
    """Status, next steps and timeline of one person, shown inside the person's page."""
    person = get_person_for_user(request.user, person_uuid)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    writable = can_write(request.user, person)
    managements = list(person.user_managements.prefetch_related("events"))
    status = status_of(person)
    context = {
        "person": person,
        "status": status,
        "timeline": timeline(person),
        "can_write": writable,
        "pending_tests": person.drug_tests.filter(
            result="positive", management__isnull=True, decision_due__isnull=False
        )
        if writable
        else [],
        "criminal_tests": _criminal_tests(person),
        "other_outcomes": _other_outcomes(person, status) if writable else [],
        "open": [
            (m, STATE_LABELS[m.state], allowed_moves(m.state)) for m in managements if allowed_moves(m.state)
        ],
        "awaiting_aftercare": [
            e
            for e in person.rehab_episodes.filter(aftercare__isnull=True).prefetch_related("events")
            if e.state is EpisodeState.COMPLETED
        ]
        if writable
        else [],
        "aftercares": [
            (a, AFTERCARE_STATE_LABELS[a.state])
            for a in person.aftercares.prefetch_related("events")
            if allowed_aftercare_moves(a.state)
        ],
        "treatments": [
            (t, SUBSTITUTION_STATE_LABELS[t.state])
            for t in person.substitution_treatments.prefetch_related("events")
            if SUBSTITUTION.offered(t.state)
        ],
        "treatments_awaiting_aftercare": [
            t
            for t in person.substitution_treatments.filter(aftercare__isnull=True).prefetch_related("events")
            if t.state is SubstitutionState.COMPLETED
        ]
        if writable
        else [],
        "dossiers": [
            (d, DOSSIER_STATE_LABELS[d.state])
            for d in person.dossiers.prefetch_related("events")
            if d.is_open
        ],
        "documents": documents_of(person),
        "issuable": issuable_for(person) if writable else [],
        "episodes": [
            (e, EPISODE_STATE_LABELS[e.state])
            for e in person.rehab_episodes.prefetch_related("events")
            if allowed_episode_moves(e.state, e.form)
        ],
        "monitorings": [
            (m, MONITORING_STATE_LABELS[m.state])
            for m in person.monitorings.prefetch_related("events")
            if m.state in OPEN_MONITORING_STATES
        ],
        "can_apply_monitoring": writable and _can_apply_monitoring(request.user, person, status),
    }
    return render(request, "cases/_panel.html", context)


# The statuses under which a person may be in a situation of Luật 120/2025 Điều 12.1.
_MONITORABLE = frozenset({Status.IN_REHAB, Status.ON_SUBSTITUTION, Status.AFTERCARE})


def _can_apply_monitoring(user, person, status: PersonStatus) -> bool:
    """The head of commune police is offered electronic monitoring for a person in a situation of
    Điều 12.1 today with none running (the service checks it all again)."""
    on = today()
    if status.status not in _MONITORABLE or not may_decide(user, on=on):
        return False
    return situation_on(person, on) is not None and open_monitoring(person) is None


def _other_outcomes(person, status) -> list[tuple[Any, str, law.AppliedRule]]:
    """The positive results of the person's present situation that led elsewhere than a management
    decision, with the rule that says where (``cases.positive``): (test, "assessment" | "ground" |
    "none", rule). A referral goes once an assessment has begun, a ground once a dossier is opened."""
    since = status.since or dt.date.min
    assessed = max((a.started_on for a in person.assessments.all()), default=dt.date.min)
    opened = max((d.opened_on for d in person.dossiers.all()), default=dt.date.min)
    outcomes = []
    tests = person.drug_tests.filter(
        administrative_open(), result="positive", decision_due__isnull=True
    ).exclude(assessment_rule__isnull=True, ground_rule__isnull=True, no_step_rule__isnull=True)
    for test in tests.order_by("-tested_at")[:3]:
        tested_on = law.to_local_date(test.tested_at)
        if tested_on < since:
            continue
        for kind, stored, done in (
            ("assessment", test.assessment_rule, assessed >= tested_on),
            ("ground", test.ground_rule, opened >= tested_on),
            ("none", test.no_step_rule, False),
        ):
            if stored is not None and not done:
                outcomes.append((test, kind, law.AppliedRule(**stored)))
    return outcomes


def _criminal_tests(person) -> list[Any]:
    """The results that may be a crime (Bộ luật Hình sự Điều 256a.1) whose administrative step is held
    or closed: not yet answered, or answered "khởi tố" (the latest three)."""
    tests = person.drug_tests.filter(held())
    return [
        (t, law.AppliedRule(**t.criminal_rule)) for t in tests.order_by("-tested_at")[:3] if t.criminal_rule
    ]


def _writable_person(request, person_uuid):
    return get_person_for_user(request.user, person_uuid, write=True)


@login_required
@require_http_methods(["GET", "POST"])
def test_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return person_step(
        request,
        person,
        DrugTestForm(request.POST or None),
        act=lambda data: record_drug_test(request.user, person=person, data=data),
        done=said(_("Đã ghi nhận kết quả xét nghiệm.")),
        title=_("Ghi nhận xét nghiệm chất ma túy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def criminal_handover(request, person_uuid, test_uuid):
    """The commune police hand a use that may be a crime to the investigation body (Điều 256a)."""
    person = _writable_person(request, person_uuid)
    test = get_object_or_404(person.drug_tests, uuid=test_uuid)
    return person_step(
        request,
        person,
        CriminalHandoverForm(request.POST or None),
        act=lambda data: hand_over_use(request.user, test=test, **data),
        done=said(_("Đã ghi nhận việc chuyển Cơ quan điều tra.")),
        title=_("Chuyển Cơ quan điều tra: sử dụng trái phép chất ma túy có thể là tội phạm"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def criminal_answer(request, person_uuid, test_uuid):
    person = _writable_person(request, person_uuid)
    test = get_object_or_404(person.drug_tests, uuid=test_uuid)
    return person_step(
        request,
        person,
        InvestigationAnswerForm(request.POST or None),
        act=lambda data: record_investigation_answer(request.user, test=test, **data),
        done=said(_("Đã ghi nhận trả lời của cơ quan điều tra.")),
        title=_("Trả lời của cơ quan điều tra"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def management_create(request, person_uuid, test_uuid):
    person = _writable_person(request, person_uuid)
    test = get_object_or_404(person.drug_tests, uuid=test_uuid)
    return person_step(
        request,
        person,
        ManagementForm(request.POST or None),
        act=lambda data: decide_user_management(request.user, person=person, source_test=test, **data),
        done=said(_("Đã ghi nhận quyết định quản lý.")),
        title=_("Quyết định quản lý người sử dụng trái phép chất ma túy"),
        preview=lambda data: preview_pdf(
            management_decision(
                preview_user_management(request.user, person=person, source_test=test, **data)
            )
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def management_event(request, person_uuid, management_uuid):
    person = _writable_person(request, person_uuid)
    management = get_object_or_404(person.user_managements, uuid=management_uuid)
    form = EventForm(request.POST or None, allowed=allowed_moves(management.state))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_management_event(request.user, management=management, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Tạm đình chỉ, dừng, chấm dứt quản lý"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def management_activity(request, person_uuid, management_uuid):
    person = _writable_person(request, person_uuid)
    management = get_object_or_404(person.user_managements, uuid=management_uuid)
    return person_step(
        request,
        person,
        ActivityForm(request.POST or None),
        act=lambda data: record_management_activity(request.user, management=management, **data),
        done=said(_("Đã ghi nhận hoạt động quản lý.")),
        title=_("Hoạt động quản lý, giúp đỡ"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return person_step(
        request,
        person,
        AssessmentForm(request.POST or None),
        act=lambda data: record_assessment(request.user, person=person, data=data),
        done=lambda r: _("Kết luận: nghiện ma túy.") if r.addicted else _("Kết luận: không nghiện."),
        title=_("Kết quả xác định tình trạng nghiện ma túy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rehab_register(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return person_step(
        request,
        person,
        RehabRegistrationForm(request.POST or None),
        act=lambda data: register_voluntary_rehab(request.user, person=person, **data),
        done=said(_("Đã tiếp nhận đăng ký cai nghiện tự nguyện.")),
        title=_("Tiếp nhận đăng ký cai nghiện tự nguyện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rehab_event(request, person_uuid, episode_uuid):
    person = _writable_person(request, person_uuid)
    episode = get_object_or_404(person.rehab_episodes, uuid=episode_uuid)
    form = RehabEventForm(request.POST or None, allowed=allowed_episode_moves(episode.state, episode.form))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_rehab_event(request.user, episode=episode, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Diễn biến đợt cai nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_create(request, person_uuid, episode_uuid):
    person = _writable_person(request, person_uuid)
    episode = get_object_or_404(person.rehab_episodes, uuid=episode_uuid)
    return person_step(
        request,
        person,
        AftercareForm(request.POST or None),
        act=lambda data: decide_aftercare(request.user, episode=episode, **data),
        done=said(_("Đã ghi nhận quyết định quản lý sau cai nghiện.")),
        title=_("Quyết định quản lý sau cai nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_event(request, person_uuid, aftercare_uuid):
    person = _writable_person(request, person_uuid)
    aftercare = get_object_or_404(person.aftercares, uuid=aftercare_uuid)
    form = AftercareEventForm(request.POST or None, allowed=allowed_aftercare_moves(aftercare.state))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_aftercare_event(request.user, aftercare=aftercare, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Diễn biến quản lý sau cai nghiện"),
    )


def _grounds_today() -> list[tuple[str, str]]:
    regime = law.regime_for_decision(decided_on=today())
    return [(g.code, f"{_(g.description)} ({g.citation})") for g in law.grounds(regime=regime)]


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    form = DossierForm(request.POST or None, grounds=_grounds_today())
    if request.method == "POST" and form.is_valid():
        try:
            dossier = open_dossier(request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã mở hồ sơ. Hãy đưa vào đủ tài liệu theo danh mục."))
            return redirect("cases:dossier", person_uuid=person.uuid, dossier_uuid=dossier.uuid)
    title = _("Lập hồ sơ đề nghị áp dụng biện pháp đưa đi cai nghiện bắt buộc")
    context = {"form": form, "person": person, "title": title}
    return render(request, "cases/step_form.html", context, status=400 if form.errors else 200)


def _dossier_for(request, person_uuid, dossier_uuid, *, write=False):
    person = get_person_for_user(request.user, person_uuid, write=write)
    if is_trace_for(request.user, person):
        raise PermissionDenied
    dossier = get_object_or_404(person.dossiers.prefetch_related("events", "documents"), uuid=dossier_uuid)
    return person, dossier


def _checklist_labels(dossier: CompulsoryDossier) -> list[tuple[str, str]]:
    contents = law.checklist(regime=law.regime_by_code(dossier.regime), minor=dossier.minor)
    return [(code, _(label)) for code, label in (*contents.items, OTHER_DOCUMENT)]


@login_required
@require_http_methods(["GET", "POST"])
def dossier_detail(request, person_uuid, dossier_uuid):
    """The dossier as the officer files it: checklist with page numbers, deadlines, next steps."""
    person, dossier = _dossier_for(request, person_uuid, dossier_uuid, write=request.method == "POST")
    labels = _checklist_labels(dossier)
    form = DossierDocumentForm(request.POST or None, items=labels)
    if request.method == "POST" and form.is_valid():
        try:
            file_document(request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã đưa tài liệu vào hồ sơ."))
            return redirect("cases:dossier", person_uuid=person.uuid, dossier_uuid=dossier.uuid)
    state = dossier.state
    names = dict(labels)
    ground = law.ground(dossier.ground, regime=law.regime_by_code(dossier.ground_rule["regime"]))
    context = {
        "person": person,
        "dossier": dossier,
        "ground": _(ground.description),
        "state": DOSSIER_STATE_LABELS[state],
        "documents": [(d, names.get(d.item, d.item), a, b) for d, a, b in dossier.numbered_documents()],
        "missing": [names[m] for m in dossier.missing_items()],
        "form": form if state is DossierState.PREPARING else None,
        "moves": allowed_dossier_moves(state),
        "can_admit": state is DossierState.ORDERED,
        "can_write": can_write(request.user, person),
        "events": dossier.events.all(),
    }
    return render(request, "cases/dossier.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_event(request, person_uuid, dossier_uuid):
    person, dossier = _dossier_for(request, person_uuid, dossier_uuid, write=True)
    form = DossierEventForm(request.POST or None, allowed=allowed_dossier_moves(dossier.state))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_dossier_event(request.user, dossier=dossier, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Bước tiếp theo của hồ sơ cai nghiện bắt buộc"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_admit(request, person_uuid, dossier_uuid):
    person, dossier = _dossier_for(request, person_uuid, dossier_uuid, write=True)
    return person_step(
        request,
        person,
        AdmissionForm(request.POST or None),
        act=lambda data: admit(request.user, dossier=dossier, **data),
        done=said(_("Đã ghi nhận tiếp nhận vào cơ sở cai nghiện bắt buộc.")),
        title=_("Tiếp nhận vào cơ sở cai nghiện bắt buộc"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def substitution_create(request, person_uuid):
    person = _writable_person(request, person_uuid)
    return person_step(
        request,
        person,
        SubstitutionForm(request.POST or None),
        act=lambda data: enrol_substitution(request.user, person=person, **data),
        done=said(_("Đã ghi nhận điều trị nghiện bằng thuốc thay thế.")),
        title=_("Điều trị nghiện bằng thuốc thay thế"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def substitution_event(request, person_uuid, treatment_uuid):
    person = _writable_person(request, person_uuid)
    treatment = get_object_or_404(person.substitution_treatments, uuid=treatment_uuid)
    form = SubstitutionEventForm(request.POST or None, allowed=SUBSTITUTION.offered(treatment.state))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_substitution_event(request.user, treatment=treatment, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Diễn biến điều trị thay thế"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_from_treatment(request, person_uuid, treatment_uuid):
    person = _writable_person(request, person_uuid)
    treatment = get_object_or_404(person.substitution_treatments, uuid=treatment_uuid)
    return person_step(
        request,
        person,
        AftercareForm(request.POST or None),
        act=lambda data: decide_aftercare(request.user, treatment=treatment, **data),
        done=said(_("Đã ghi nhận quyết định quản lý sau cai nghiện.")),
        title=_("Quyết định quản lý sau cai nghiện"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_create(request, person_uuid):
    """Only the head of commune police applies electronic monitoring (Luật 120/2025 Điều 12.2)."""
    person = _writable_person(request, person_uuid)
    if not may_decide(request.user, on=today()):
        raise PermissionDenied
    return person_step(
        request,
        person,
        MonitoringForm(request.POST or None),
        act=lambda data: apply_monitoring(request.user, person=person, **data),
        done=said(_("Đã ghi nhận quyết định áp dụng giám sát điện tử.")),
        title=_("Áp dụng biện pháp giám sát điện tử"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_event(request, person_uuid, monitoring_uuid):
    """Officers who edit the record note a fault, tampering or a repair; ending it is the head's."""
    person = _writable_person(request, person_uuid)
    monitoring = get_object_or_404(person.monitorings, uuid=monitoring_uuid)
    form = MonitoringEventForm(request.POST or None, allowed=_monitoring_moves(request.user, monitoring))
    return person_step(
        request,
        person,
        form,
        act=lambda data: record_monitoring_event(request.user, monitoring=monitoring, **data),
        done=said(_("Đã ghi nhận.")),
        title=_("Diễn biến giám sát điện tử"),
    )


def _monitoring_moves(user, monitoring: ElectronicMonitoring) -> list[MonitoringEvent]:
    moves = MONITORING.offered(monitoring.state)
    if may_decide(user, on=today()):
        return moves
    return [move for move in moves if move != MonitoringEvent.END]


# Rows on a screen of a list; the export holds them all.
LIST_PAGE_SIZE = 50


@login_required
@require_safe
def case_list(request, code):
    """A list by status for the user's unit, on screen or as a spreadsheet (audited, row count only)."""
    if not request.user.has_cap(Cap.VIEW_PEOPLE):
        raise PermissionDenied
    selected = LISTS.get(code)
    if selected is None:
        raise Http404
    form, q = request.GET.get("form", ""), request.GET.get("q", "")[:100]
    cases = cases_of(selected, request.user, form=form, q=q)
    header = [*PERSON_COLUMNS, *selected.columns]
    if request.GET.get("format") in ("xlsx", "csv"):
        if not request.user.has_cap(Cap.EXPORT_PEOPLE):
            raise PermissionDenied
        kind = export_kind(request)
        rows = [cells_of(selected, case) for case in cases]
        record(
            request.user,
            Action.EXPORT,
            purpose=Purpose.CASE_WORK,
            extra={"rows": len(rows), "kind": code, "format": kind},
        )
        return table_response(kind, f"danh-sach-{code}", selected.title, header, rows)
    page = page_of(cases, request.GET.get("page"), LIST_PAGE_SIZE)
    record(
        request.user,
        Action.PERSON_SEARCH,
        purpose=Purpose.CASE_WORK,
        extra={"list": code, "rows": page.paginator.count},
    )
    context = {
        "lists": LISTS.values(),
        "selected": selected,
        "header": header,
        "page": page,
        "rows": [(case.person, cells_of(selected, case)) for case in page.object_list],
        "form": form,
        "q": q,
        "can_export": request.user.has_cap(Cap.EXPORT_PEOPLE),
    }
    return render(request, "cases/lists.html", context)
