"""The commune's lists by status: the rows a user may see, with the columns an officer reports.

Each list is one query: the case rows in the user's scope (``unit_filter`` on the unit they are
filed under) that no closing event has ended (``still_open``, exact: see ``Machine.closing``), in
the list's order. The screen pages it in SQL and folds the events of the rows it shows only, so a
page costs the same in a commune of fifty cases and of five thousand.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.scoping import unit_filter
from hoanhap.cases.dossier import DOSSIER, DOSSIER_STATE_LABELS, OPEN_DOSSIER_STATES
from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES, STATE_LABELS
from hoanhap.cases.machine import still_open
from hoanhap.cases.models import (
    AddictionAssessment,
    Aftercare,
    CompulsoryDossier,
    RehabEpisode,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.cases.rehab import (
    AFTERCARE,
    AFTERCARE_STATE_LABELS,
    EPISODE,
    EPISODE_STATE_LABELS,
    OPEN_AFTERCARE_STATES,
    OPEN_EPISODE_STATES,
    SUBSTITUTION,
    SubstitutionState,
)
from hoanhap.lib.dates import today
from hoanhap.lib.vntext import search_key


def _d(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


@dataclass(frozen=True)
class CaseList:
    code: str
    title: Any
    columns: tuple[Any, ...]
    cases: Callable[[Any, str], QuerySet]  # (user, form filter) → the open cases, in list order
    cells: Callable[[Any], list[Any]]  # a case → its columns (made only for the rows shown)
    filters: tuple[tuple[str, Any], ...] = ()


ON_TREATMENT = frozenset({SubstitutionState.ON_TREATMENT})


def _scoped(model, user):
    return model.objects.filter(unit_filter(user)).select_related("person", "person__hamlet", "commune")


def _managements(user, _filter: str) -> QuerySet:
    managements = still_open(_scoped(UserManagement, user), MANAGEMENT, OPEN_STATES)
    return managements.prefetch_related("events").order_by("ends_on", "pk")


def _management_cells(m) -> list[Any]:
    return [m.decision_number, _d(m.decided_on), _d(m.ends_on), STATE_LABELS[m.state], m.assigned_helper]


def _addicted(user, _filter: str):
    """People whose status is "addicted" (``cases.status``), as one SQL condition: the latest result
    says addicted, no rehab or treatment started since, and no open case that takes precedence
    (rehab, treatment, a compulsory dossier, aftercare, user management)."""
    day = today()
    later = Q(result_on__gt=OuterRef("result_on")) | Q(result_on=OuterRef("result_on"), pk__gt=OuterRef("pk"))
    excluded = [
        AddictionAssessment.objects.filter(later),
        RehabEpisode.objects.filter(started_on__gte=OuterRef("result_on")),
        SubstitutionTreatment.objects.filter(enrolled_on__gte=OuterRef("result_on")),
        still_open(RehabEpisode.objects.filter(started_on__lte=day), EPISODE, OPEN_EPISODE_STATES),
        still_open(SubstitutionTreatment.objects.filter(enrolled_on__lte=day), SUBSTITUTION, ON_TREATMENT),
        still_open(CompulsoryDossier.objects.filter(opened_on__lte=day), DOSSIER, OPEN_DOSSIER_STATES),
        still_open(Aftercare.objects.filter(starts_on__lte=day), AFTERCARE, OPEN_AFTERCARE_STATES),
        still_open(UserManagement.objects.filter(decided_on__lte=day), MANAGEMENT, OPEN_STATES),
    ]
    rows = _scoped(AddictionAssessment, user).filter(addicted=True, result_on__lte=day)
    for cases in excluded:
        rows = rows.exclude(Exists(cases.filter(person=OuterRef("person"))))
    return rows.order_by("-result_on", "-pk")


def _assessment_cells(a) -> list[Any]:
    due = f"{a.registration_due:%d/%m/%Y}" if a.registration_due else ""
    return [_d(a.result_on), a.health_facility, a.get_substance_class_display(), due]


def _rehab(user, form: str) -> QuerySet:
    episodes = still_open(_scoped(RehabEpisode, user), EPISODE, OPEN_EPISODE_STATES)
    episodes = episodes.prefetch_related("events").order_by("planned_end", "pk")
    return episodes.filter(form=form) if form else episodes


def _episode_cells(e) -> list[Any]:
    cells = [e.get_form_display(), e.episode_number, _d(e.started_on), _d(e.planned_end), e.provider]
    return [*cells, EPISODE_STATE_LABELS[e.state]]


def _substitution(user, _filter: str) -> QuerySet:
    treatments = still_open(_scoped(SubstitutionTreatment, user), SUBSTITUTION, ON_TREATMENT)
    return treatments.order_by("enrolled_on", "pk")


def _treatment_cells(t) -> list[Any]:
    return [t.clinic, t.patient_code, _d(t.enrolled_on), t.medication]


def _aftercare(user, _filter: str) -> QuerySet:
    aftercares = still_open(_scoped(Aftercare, user), AFTERCARE, OPEN_AFTERCARE_STATES)
    return aftercares.prefetch_related("events").order_by("ends_on", "pk")


def _aftercare_cells(a) -> list[Any]:
    cells = [a.decision_number, _d(a.starts_on), _d(a.ends_on), a.assigned_helper]
    return [*cells, AFTERCARE_STATE_LABELS[a.state]]


def _dossiers(user, _filter: str) -> QuerySet:
    dossiers = still_open(_scoped(CompulsoryDossier, user), DOSSIER, OPEN_DOSSIER_STATES)
    return dossiers.prefetch_related("events").order_by("limitation_ends", "pk")


def _dossier_cells(d) -> list[Any]:
    age = _("12–18 tuổi") if d.minor else _("thành niên")
    return [_d(d.opened_on), age, _d(d.limitation_ends), DOSSIER_STATE_LABELS[d.state]]


LISTS = {
    lst.code: lst
    for lst in (
        CaseList(
            "users",
            _("Người sử dụng trái phép chất ma túy đang bị quản lý"),
            (_("Số quyết định"), _("Ngày quyết định"), _("Hết hạn"), _("Tình trạng"), _("Người giúp đỡ")),
            _managements,
            _management_cells,
        ),
        CaseList(
            "addicted",
            _("Người nghiện chưa cai nghiện, điều trị"),
            (_("Ngày có kết quả"), _("Cơ sở y tế xác định"), _("Nhóm chất"), _("Hạn đăng ký")),
            _addicted,
            _assessment_cells,
        ),
        CaseList(
            "rehab",
            _("Đang cai nghiện"),
            (_("Hình thức"), _("Lần"), _("Từ ngày"), _("Hết hạn"), _("Cơ sở, tổ chức"), _("Tình trạng")),
            _rehab,
            _episode_cells,
            filters=tuple(RehabEpisode._meta.get_field("form").choices or ()),
        ),
        CaseList(
            "substitution",
            _("Đang điều trị bằng thuốc thay thế"),
            (_("Cơ sở điều trị"), _("Mã bệnh nhân"), _("Từ ngày"), _("Thuốc")),
            _substitution,
            _treatment_cells,
        ),
        CaseList(
            "aftercare",
            _("Đang quản lý sau cai nghiện"),
            (_("Số quyết định"), _("Từ ngày"), _("Đến ngày"), _("Người, tổ chức giúp đỡ"), _("Tình trạng")),
            _aftercare,
            _aftercare_cells,
        ),
        CaseList(
            "dossiers",
            _("Hồ sơ đề nghị cai nghiện bắt buộc đang xử lý"),
            (_("Ngày lập"), _("Độ tuổi"), _("Hết thời hiệu"), _("Tình trạng")),
            _dossiers,
            _dossier_cells,
        ),
    )
}


def person_cells(person) -> list[Any]:
    return [person.full_name, person.birth_year or "", person.get_sex_display(), str(person.hamlet or "")]


PERSON_COLUMNS = (_("Họ và tên"), _("Năm sinh"), _("Giới tính"), _("Thôn, tổ dân phố"))


def cases_of(case_list: CaseList, user, *, form: str = "", q: str = "") -> QuerySet:
    """The list for ``user``, narrowed by rehab form and by a name fragment (accents ignored)."""
    cases = case_list.cases(user, form)
    return cases.filter(person__search_name__contains=search_key(q)) if q.strip() else cases


def page_of(cases: QuerySet, number: Any, size: int) -> Page:
    """One screen of a list. The list's conditions (open cases, the exclusions of "addicted") run
    once, for the ids in list order; only the screen's rows are then loaded, with their people and
    events. Counting and then slicing ran them twice (benchmark, docs/performance.md)."""
    page = Paginator(list(cases.values_list("pk", flat=True)), size).get_page(number)
    rows = {row.pk: row for row in cases.filter(pk__in=page.object_list).order_by()}
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


def cells_of(case_list: CaseList, case) -> list[Any]:
    return [*person_cells(case.person), *case_list.cells(case)]
