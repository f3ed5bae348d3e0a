"""Compulsory-rehab dossier use cases: open, file documents, move through the court procedure, admit.

Each function checks the rule it applies, writes in one transaction, audits, and stores the rule
it used (Luật 120/2025 Điều 35–39; legal.md §4.4–4.5, §10.2.E).
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.cases import criminal
from hoanhap.cases.dossier import (
    DOSSIER,
    DOSSIER_STATE_LABELS,
    DossierEvent,
    DossierState,
    limitation_end,
    limitation_lapsed,
)
from hoanhap.cases.models import (
    CompulsoryDossier,
    DossierDocument,
    DossierEventRecord,
    RehabEpisode,
)
from hoanhap.cases.rehab import OPEN_EPISODE_STATES, VOLUNTARY_FORMS, RehabForm
from hoanhap.cases.services.common import audit, check_in_order, check_writer, start_of_day
from hoanhap.cases.services.episodes import rehab_term
from hoanhap.documents.services import reserve_number
from hoanhap.law import periods
from hoanhap.law import services as law
from hoanhap.law.rulebook import OTHER_DOCUMENT, Regime
from hoanhap.lib.dates import age_on, today
from hoanhap.people.models import Person


def open_dossier(
    actor: User,
    *,
    person: Person,
    ground: str,
    last_violation_on: dt.date,
    opened_on: dt.date,
    pregnant: bool = False,
    lacks_capacity: bool = False,
    youngest_child_born_on: dt.date | None = None,
) -> CompulsoryDossier:
    """Open a dossier: the ground must exist for the person's age group under the law in force, no
    exclusion may apply (Điều 35.2) and the 3-month limitation must not have run out (Điều 35.4)."""
    check_writer(actor, person)
    if not last_violation_on <= opened_on <= today():
        raise ValidationError({"opened_on": _("Ngày lập hồ sơ phải từ ngày vi phạm cuối cùng đến hôm nay.")})
    regime = law.regime_for_decision(decided_on=opened_on)
    minor = _is_minor(person, opened_on, regime)
    applied_ground = _check_ground(ground, minor, regime)
    _check_not_with_investigators(person, ground, last_violation_on)
    _check_exclusions(opened_on, pregnant, lacks_capacity, youngest_child_born_on, regime)
    limitation = law.rule("compulsory_limitation", regime=regime)
    limitation_ends = limitation_end(last_violation_on, limitation)
    if limitation_lapsed(limitation_ends, opened_on):
        raise ValidationError(
            {
                "last_violation_on": _("Đã hết thời hiệu %(v)s kể từ vi phạm cuối cùng (%(c)s).")
                % {"v": limitation.value_label, "c": limitation.citation}
            }
        )
    if any(d.is_open for d in person.dossiers.prefetch_related("events")):
        raise ValidationError(_("Người này đang có một hồ sơ đề nghị cai nghiện bắt buộc chưa kết thúc."))
    contents = law.checklist(regime=regime, minor=minor)
    preparer = law.rule("compulsory_dossier_preparer", regime=regime, on=opened_on)
    dossier = CompulsoryDossier(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        regime=regime.code,
        minor=minor,
        ground=ground,
        ground_rule={"regime": regime.code, "code": ground, "citation": applied_ground.citation},
        last_violation_on=last_violation_on,
        limitation_rule=limitation.as_json(),
        limitation_ends=limitation_ends,
        opened_on=opened_on,
        preparer_role=str(preparer.value),
        checklist={
            "regime": regime.code,
            "items": [code for code, _label in contents.items],
            "citation": contents.citation,
            "verified": contents.verified,
        },
        youngest_child_born_on=youngest_child_born_on,
        created_by=actor,
    )
    with transaction.atomic():
        dossier.save()
        audit(actor, person, {"dossier": str(dossier.uuid), "ground": ground, "regime": regime.code})
    return dossier


def _is_minor(person: Person, on: dt.date, regime: Regime) -> bool:
    if person.birth_date is None:
        raise ValidationError(
            _("Cần ngày sinh để xác định người thành niên hay người từ đủ 12 đến dưới 18 tuổi.")
        )
    age = age_on(person.birth_date, on)
    minimum, adult = law.rule("rehab_min_age", regime=regime), law.rule("adult_age", regime=regime)
    if age < int(minimum.value):
        raise ValidationError(
            _("Chỉ áp dụng cai nghiện từ đủ %(n)s tuổi (%(c)s).")
            % {"n": minimum.value, "c": minimum.citation}
        )
    return age < int(adult.value)


def _check_ground(code: str, minor: bool, regime: Regime) -> law.Ground:
    try:
        applied = law.ground(code, regime=regime)
    except LookupError:
        raise ValidationError({"ground": _("Căn cứ này không có trong luật đang áp dụng.")}) from None
    if not (applied.minors if minor else applied.adults):
        message = _("Căn cứ này không áp dụng với người từ đủ 12 đến dưới 18 tuổi (chỉ %(c)s).")
        raise ValidationError({"ground": message % {"c": applied.citation}})
    return applied


def _check_not_with_investigators(person: Person, ground: str, last_violation_on: dt.date) -> None:
    """Drug use during voluntary rehab is a ground only "nếu không thuộc trường hợp bị xử lý theo quy
    định của pháp luật về hình sự" (Luật 120/2025 Điều 35.1, 36.1): not while a positive result of the
    same episode (from its start to the violation, as the inbox reads it in ``due._ground_facts``) waits
    for the investigation body, nor after it prosecuted (``cases.criminal``)."""
    if ground != "used_in_voluntary":
        return
    episode = (
        person.rehab_episodes.filter(form__in=list(VOLUNTARY_FORMS), started_on__lte=last_violation_on)
        .order_by("-started_on")
        .first()
    )
    held = person.drug_tests.filter(
        criminal.held(),
        tested_at__date__lte=last_violation_on,
        tested_at__date__gte=episode.started_on if episode else last_violation_on,
    )
    message = _(
        "Kết quả xét nghiệm của vi phạm này đang chờ hoặc đã được Cơ quan điều tra xử lý hình sự: chỉ "
        "lập hồ sơ khi Cơ quan điều tra trả lời không xử lý hình sự (Luật 120/2025 Điều 35.1, 36.1)."
    )
    if held.exists():
        raise ValidationError({"ground": message})


def _check_exclusions(
    on: dt.date, pregnant: bool, lacks_capacity: bool, child_born_on: dt.date | None, regime: Regime
) -> None:
    child = law.rule("compulsory_exclusion_child_months", regime=regime)
    citation = child.citation
    if lacks_capacity:
        raise ValidationError(
            _("Không áp dụng với người không có năng lực trách nhiệm hành chính (%(c)s).") % {"c": citation}
        )
    if pregnant:
        raise ValidationError(_("Không áp dụng với phụ nữ mang thai có xác nhận (%(c)s).") % {"c": citation})
    if child_born_on and on < child_born_on + relativedelta(months=int(child.value)):
        raise ValidationError(
            {
                "youngest_child_born_on": _(
                    "Không áp dụng với người đang nuôi con dưới %(n)s tháng tuổi được UBND xã xác nhận "
                    "(%(c)s)."
                )
                % {"n": child.value, "c": citation}
            }
        )


def file_document(
    actor: User, *, dossier: CompulsoryDossier, item: str, title: str, pages: int
) -> DossierDocument:
    """File one document; its pages take the next numbers. Contents are fixed once notified."""
    check_writer(actor, dossier.person)
    allowed = {*dossier.checklist["items"], OTHER_DOCUMENT[0]}
    if item not in allowed:
        raise ValidationError({"item": _("Loại tài liệu không thuộc danh mục hồ sơ.")})
    if pages < 1:
        raise ValidationError({"pages": _("Số trang phải từ 1 trở lên.")})
    with transaction.atomic():
        locked = CompulsoryDossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.state is not DossierState.PREPARING:
            raise ValidationError(
                _("Hồ sơ đã thông báo cho người bị đề nghị: không bổ sung tài liệu được nữa.")
            )
        document = DossierDocument.objects.create(
            dossier=locked, item=item, title=title.strip(), pages=pages, created_by=actor
        )
        audit(actor, locked.person, {"dossier": str(locked.uuid), "document": item})
    return document


def record_dossier_event(
    actor: User,
    *,
    dossier: CompulsoryDossier,
    kind: str,
    on: dt.date,
    document_number: str = "",
    note: str = "",
    close_reason: str = "",
    term_months: int | None = None,
    received_on: dt.date | None = None,
) -> DossierEventRecord:
    """One step of the procedure, only where ``dossier.DOSSIER_TRANSITIONS`` allows it."""
    check_writer(actor, dossier.person)
    with transaction.atomic():
        locked = CompulsoryDossier.objects.select_for_update().get(pk=dossier.pk)
        events = list(locked.events.all())
        state = locked.state
        move = DossierEvent(kind)
        if not DOSSIER.allows(state, move) or move in DOSSIER.automatic:  # admission: ``admit``
            raise ValidationError(
                _("Không thể “%(move)s” khi hồ sơ “%(state)s” (Luật 120/2025 Điều 35–39).")
                % {"move": move.label, "state": DOSSIER_STATE_LABELS[state]}
            )
        check_in_order(on, events[-1].on if events else locked.opened_on)
        rule = _check_step(locked, move, on, events, note, close_reason, term_months)
        if move is DossierEvent.FORWARD and not document_number.strip() and rule is not None:
            document_number = reserve_number(commune_id=locked.commune_id, role=str(rule.value), on=on)
        event = DossierEventRecord.objects.create(
            dossier=locked,
            kind=kind,
            on=on,
            document_number=document_number.strip(),
            note=note.strip(),
            close_reason=close_reason if move is DossierEvent.CLOSE else "",
            term_months=term_months if move is DossierEvent.ORDER else None,
            signer_role=str(rule.value) if rule and rule.unit == "role" else "",
            rule=rule.as_json() if rule else None,
            created_by=actor,
        )
        if move is DossierEvent.NOTIFY:
            _start_reading_window(locked, _receipt(on, received_on))
        if move is DossierEvent.EVASION_END:
            # "thời hiệu được tính lại kể từ thời điểm chấm dứt hành vi trốn tránh, cản trở đó"
            limitation = law.AppliedRule(**locked.limitation_rule)
            locked.limitation_ends = limitation_end(on, limitation)
            locked.save(update_fields=["limitation_ends"])
        audit(actor, locked.person, {"dossier": str(locked.uuid), "event": kind})
    return event


def _check_step(
    dossier: CompulsoryDossier,
    move: DossierEvent,
    on: dt.date,
    events: list[DossierEventRecord],
    note: str,
    close_reason: str,
    term_months: int | None,
) -> law.AppliedRule | None:
    """Check what this step needs; return the rule it applies, if any."""
    regime = law.regime_for_decision(decided_on=on)
    # The limitation is that of applying the measure, which the court's order does (Điều 35.4, 35.8).
    checked = (DossierEvent.NOTIFY, DossierEvent.FORWARD, DossierEvent.ORDER)
    if move in checked and limitation_lapsed(dossier.limitation_ends, on):
        raise ValidationError(
            {
                "on": _("Đã hết thời hiệu ngày %(d)s (%(c)s): hãy đóng hồ sơ.")
                % {"d": f"{dossier.limitation_ends:%d/%m/%Y}", "c": dossier.limitation_rule["citation"]}
            }
        )
    if move is DossierEvent.INTERIM:
        if any(e.kind == DossierEvent.INTERIM for e in events):
            raise ValidationError(_("Người này đã được đưa vào cơ sở trong thời gian lập hồ sơ."))
        _require_note(note, _("Hãy ghi tên cơ sở tiếp nhận."))
        return None
    if move is DossierEvent.NOTIFY:
        missing = dossier.missing_items()
        if missing:
            labels = dict(law.checklist(regime=law.regime_by_code(dossier.regime), minor=dossier.minor).items)
            raise ValidationError(
                _("Hồ sơ còn thiếu: %(items)s (%(c)s).")
                % {"items": "; ".join(_(labels[m]) for m in missing), "c": dossier.checklist["citation"]}
            )
        return law.rule("compulsory_dossier_preparer", regime=regime, on=on)
    if move is DossierEvent.FORWARD:
        return _check_forwarding(dossier, on, note, regime)
    if move is DossierEvent.ORDER:
        return _check_order(dossier, term_months, regime)
    if move is DossierEvent.CLOSE and not close_reason:
        raise ValidationError({"close_reason": _("Hãy chọn lý do đóng hồ sơ.")})
    if move is DossierEvent.ABSCOND:
        return law.rule("absconding_search_decider", regime=regime)
    if move is DossierEvent.EVASION_END:
        _require_note(note, _("Hãy ghi việc trốn tránh, cản trở và ngày chấm dứt."))
        return law.rule("compulsory_limitation", regime=law.regime_by_code(dossier.regime))
    return None


def _require_note(note: str, message: str) -> None:
    if not note.strip():
        raise ValidationError({"note": message})


def _receipt(notified_on: dt.date, received_on: dt.date | None) -> dt.date:
    """The day the notice was received: from the notice's day to today; the notice's day if not given."""
    if received_on is None:
        return notified_on
    if not notified_on <= received_on <= today():
        raise ValidationError(
            {"received_on": _("Ngày nhận được thông báo phải từ ngày thông báo đến hôm nay.")}
        )
    return received_on


def _start_reading_window(dossier: CompulsoryDossier, on: dt.date) -> None:
    """The person has N working days to read the dossier from the day the notice is received
    ("kể từ ngày nhận được thông báo"); the forwarding decision is due within M working days after
    that (Luật 120/2025 Điều 35.3.c–đ, 36.2.c–d)."""
    dossier.notice_received_on = on
    regime = law.regime_for_decision(decided_on=on)
    reading, forwarding = (
        law.rule("dossier_reading_window", regime=regime),
        law.rule("dossier_forwarding", regime=regime),
    )
    dossier.reading_rule, dossier.forwarding_rule = reading.as_json(), forwarding.as_json()
    dossier.reading_ends = law.deadline(reading, start=start_of_day(on))
    dossier.forward_due = law.deadline(forwarding, start=dossier.reading_ends)
    dossier.save(
        update_fields=["notice_received_on", "reading_rule", "reading_ends", "forwarding_rule", "forward_due"]
    )


def _check_forwarding(dossier: CompulsoryDossier, on: dt.date, note: str, regime: Regime) -> law.AppliedRule:
    if dossier.reading_ends is None or dossier.reading_rule is None:  # set when notified
        raise ValidationError(_("Hồ sơ chưa được thông báo."))
    window_end = law.to_local_date(dossier.reading_ends)
    if on <= window_end:
        raise ValidationError(
            {
                "on": _(
                    "Người bị đề nghị được đọc hồ sơ đến hết ngày %(d)s (%(c)s); chỉ chuyển hồ sơ "
                    "sau ngày đó."
                )
                % {"d": f"{window_end:%d/%m/%Y}", "c": dossier.reading_rule["citation"]}
            }
        )
    recipient = law.rule("compulsory_dossier_recipient", regime=regime, on=on)
    _require_note(note, _("Hãy ghi tên cơ quan nhận hồ sơ: %(body)s.") % {"body": recipient.value_label})
    return law.rule("compulsory_dossier_preparer", regime=regime, on=on)


def _check_order(dossier: CompulsoryDossier, term_months: int | None, regime: Regime) -> law.AppliedRule:
    """The court's term must be one the law in force on the order date allows (Điều 56: a dossier
    prepared before 01/07/2026 and decided after it follows the new law)."""
    person = dossier.person
    number = person.prior_rehab_count + person.rehab_episodes.count() + 1
    code = "rehab_term_compulsory_minor" if dossier.minor else "rehab_term_compulsory_adult"
    if law.has_rule("rehab_term_first", regime=regime):
        term, months = rehab_term(regime, number, None)
        if term_months is not None and term_months != months:
            raise ValidationError(
                {
                    "term_months": _("Thời hạn theo luật là %(n)s tháng (%(c)s).")
                    % {"n": months, "c": term.citation}
                }
            )
        return term
    term, _months = rehab_term(regime, number, term_months, range_code=code)
    return term


def admit(
    actor: User,
    *,
    dossier: CompulsoryDossier,
    on: dt.date,
    intake_record_number: str,
    provider: str,
) -> RehabEpisode:
    """Admission to the facility named in the execution: the compulsory episode starts, with the term
    the court order gave, less the days already spent in interim placement (Điều 37)."""
    person = dossier.person
    check_writer(actor, person)
    with transaction.atomic():
        locked = CompulsoryDossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.state is not DossierState.ORDERED:
            raise ValidationError(
                _("Chỉ tiếp nhận khi có quyết định của Tòa án đang chờ thi hành (hồ sơ “%(s)s”).")
                % {"s": DOSSIER_STATE_LABELS[locked.state]}
            )
        events = list(locked.events.all())
        check_in_order(on, events[-1].on)
        if any(e.state in OPEN_EPISODE_STATES for e in person.rehab_episodes.prefetch_related("events")):
            raise ValidationError(_("Hãy ghi nhận kết thúc đợt cai nghiện đang diễn ra trước khi tiếp nhận."))
        order = locked.order_event()
        if order is None or order.rule is None:  # the machine only reaches ORDERED through an order
            raise ValidationError(_("Không tìm thấy quyết định của Tòa án."))
        months = order.term_months or int(order.rule["value"])
        credited = locked.interim_days(on)
        episode = RehabEpisode.objects.create(
            person=person,
            province_id=person.province_id,
            commune_id=person.commune_id,
            form=RehabForm.COMPULSORY_MINOR if locked.minor else RehabForm.COMPULSORY_ADULT,
            episode_number=person.prior_rehab_count + person.rehab_episodes.count() + 1,
            regime=order.rule["regime"],
            started_on=on,
            intake_record_number=intake_record_number.strip(),
            provider=provider.strip(),
            source_dossier=locked,
            term_rule=order.rule,
            term_months=months,
            credited_days=credited,
            planned_end=periods.last_day_in_months(on, months) - dt.timedelta(days=credited),
            created_by=actor,
        )
        DossierEventRecord.objects.create(
            dossier=locked,
            kind=DossierEvent.ADMIT,
            on=on,
            document_number=intake_record_number.strip(),
            note=provider.strip(),
            created_by=actor,
        )
        audit(actor, person, {"dossier": str(locked.uuid), "rehab_episode": str(episode.uuid)})
    return episode
