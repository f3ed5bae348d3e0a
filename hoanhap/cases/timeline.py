"""Everything that happened to a person, in date order, for the person's page."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hoanhap.cases.dossier import DOSSIER_STATE_LABELS
from hoanhap.cases.lifecycle import STATE_LABELS
from hoanhap.law import services as law


@dataclass(frozen=True)
class Entry:
    on: dt.date
    title: str
    detail: str


def timeline(person) -> list[Entry]:
    entries = [
        *_tests(person),
        *_managements(person),
        *_assessments(person),
        *_episodes(person),
        *_aftercares(person),
        *_treatments(person),
        *_dossiers(person),
        *_monitorings(person),
        *_transfers(person),
    ]
    return sorted(entries, key=lambda e: e.on, reverse=True)


def _tests(person) -> list[Entry]:
    entries = []
    for t in person.drug_tests.all():
        entries.append(
            Entry(
                t.tested_at.date(),
                _("Xét nghiệm chất ma túy: %(r)s") % {"r": t.get_result_display()},
                f"{t.get_reason_display()} · {t.get_sample_display()} · {t.testing_body}",
            )
        )
        entries.extend(_criminal_route(t))
    return entries


def _criminal_route(test) -> list[Entry]:
    """The hand-over of a use that may be a crime (Bộ luật Hình sự Điều 256a) and the answer."""
    entries = []
    if test.handed_over_on:
        entries.append(
            Entry(
                test.handed_over_on,
                _("Chuyển %(body)s: có thể là tội sử dụng trái phép chất ma túy")
                % {"body": test.investigation_body},
                _("Văn bản số %(n)s · %(p)s")
                % {"n": test.handover_number, "p": test.get_criminal_point_display()},
            )
        )
    if test.answered_on:
        entries.append(
            Entry(
                test.answered_on,
                _("Cơ quan điều tra trả lời: %(a)s") % {"a": test.get_criminal_answer_display()},
                _("Văn bản số %(n)s") % {"n": test.answer_number},
            )
        )
    return entries


def _managements(person) -> list[Entry]:
    entries = []
    for m in person.user_managements.prefetch_related("events", "activities"):
        entries.append(
            Entry(
                m.decided_on,
                _("Quyết định quản lý số %(n)s") % {"n": m.decision_number},
                _("Thời hạn đến %(d)s · %(s)s") % {"d": f"{m.ends_on:%d/%m/%Y}", "s": STATE_LABELS[m.state]},
            )
        )
        entries.extend(Entry(e.on, e.get_kind_display(), e.get_stop_reason_display()) for e in m.events.all())
        entries.extend(
            Entry(a.on, a.get_kind_display(), f"{a.by} · {a.note}" if a.note else a.by)
            for a in m.activities.all()
        )
    return entries


def _transfers(person) -> list[Entry]:
    return [
        Entry(t.moved_on, _("Chuyển nơi cư trú"), f"{t.from_commune.name} → {t.to_commune.name}")
        for t in person.transfers.select_related("from_commune", "to_commune")
    ]


def _assessments(person) -> list[Entry]:
    return [
        Entry(
            a.result_on,
            _("Xác định tình trạng nghiện: %(r)s") % {"r": _("nghiện") if a.addicted else _("không nghiện")},
            _("%(n)s/6 tiêu chí · %(f)s") % {"n": len(a.criteria), "f": a.health_facility},
        )
        for a in person.assessments.all()
    ]


def _episodes(person) -> list[Entry]:
    entries = []
    for ep in person.rehab_episodes.prefetch_related("events"):
        title = _("Cai nghiện lần %(n)s: %(f)s") % {"n": ep.episode_number, "f": ep.get_form_display()}
        detail = _("%(m)s tháng, đến %(d)s · %(p)s") % {
            "m": ep.term_months,
            "d": f"{ep.planned_end:%d/%m/%Y}",
            "p": ep.provider,
        }
        entries.append(Entry(ep.started_on, title, detail))
        for e in ep.events.all():
            note = _("Giai đoạn %(n)s") % {"n": e.stage} if e.stage else e.get_exit_reason_display() or e.note
            entries.append(Entry(e.on, e.get_kind_display(), note))
    return entries


def _aftercares(person) -> list[Entry]:
    entries = []
    for a in person.aftercares.prefetch_related("events"):
        entries.append(
            Entry(
                a.decided_on,
                _("Quyết định quản lý sau cai nghiện số %(n)s") % {"n": a.decision_number},
                _("Từ %(a)s đến %(b)s") % {"a": f"{a.starts_on:%d/%m/%Y}", "b": f"{a.ends_on:%d/%m/%Y}"},
            )
        )
        entries.extend(Entry(e.on, e.get_kind_display(), e.get_end_reason_display()) for e in a.events.all())
    return entries


def _treatments(person) -> list[Entry]:
    entries = []
    for t in person.substitution_treatments.prefetch_related("events"):
        entries.append(
            Entry(t.enrolled_on, _("Điều trị nghiện bằng thuốc thay thế"), f"{t.medication} · {t.clinic}")
        )
        entries.extend(Entry(e.on, e.get_kind_display(), e.document_number) for e in t.events.all())
    return entries


def _dossiers(person) -> list[Entry]:
    entries = []
    for d in person.dossiers.prefetch_related("events"):
        ground = law.ground(d.ground, regime=law.regime_by_code(d.ground_rule["regime"]))
        entries.append(
            Entry(
                d.opened_on,
                _("Lập hồ sơ đề nghị cai nghiện bắt buộc"),
                f"{_(ground.description)} · {DOSSIER_STATE_LABELS[d.state]}",
            )
        )
        for e in d.events.all():
            detail = e.get_close_reason_display() or e.note
            if e.term_months:
                detail = _("%(m)s tháng · %(n)s") % {"m": e.term_months, "n": e.note}
            entries.append(Entry(e.on, e.get_kind_display(), detail))
    return entries


def _monitorings(person) -> list[Entry]:
    entries = []
    for m in person.monitorings.prefetch_related("events"):
        entries.append(
            Entry(
                m.decided_on,
                _("Quyết định áp dụng giám sát điện tử số %(n)s") % {"n": m.decision_number},
                _("%(b)s · thiết bị %(d)s · từ %(s)s đến %(e)s")
                % {
                    "b": m.get_basis_display(),
                    "d": m.device_id,
                    "s": f"{m.starts_on:%d/%m/%Y}",
                    "e": f"{m.ends_on:%d/%m/%Y}",
                },
            )
        )
        for e in m.events.all():
            detail = e.get_end_reason_display() or " · ".join(x for x in (e.device_id, e.note) if x)
            entries.append(Entry(e.on, e.get_kind_display(), detail))
    return entries
