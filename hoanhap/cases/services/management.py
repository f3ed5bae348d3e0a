"""Management of illegal drug users: the decision, its events and activities (Luật 120/2025
Điều 24; Nghị định 105/2021 Điều 43, 47, 48)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.lifecycle import MANAGEMENT, OPEN_STATES, Kind, State
from hoanhap.cases.models import DrugTest, ManagementActivity, ManagementEvent, UserManagement
from hoanhap.cases.services.common import (
    audit,
    check_in_order,
    check_writer,
    decision_with_term,
    number_and_check,
)
from hoanhap.law import services as law
from hoanhap.lib.dates import today
from hoanhap.people.models import Person


def open_management(person: Person) -> UserManagement | None:
    for management in person.user_managements.prefetch_related("events"):
        if management.state in OPEN_STATES:
            return management
    return None


def decide_user_management(
    actor: User,
    *,
    person: Person,
    source_test: DrugTest,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    team_leader: str,
    assigned_helper: str,
    late_reason: str = "",
) -> UserManagement:
    """The management decision after a positive test: who signs it and how long it runs follow the
    regime in force on the decision date (Luật 120/2025 Điều 56)."""
    management, current = _management_to_decide(
        actor,
        person=person,
        source_test=source_test,
        decided_on=decided_on,
        decision_number=decision_number,
        signer_name=signer_name,
        team_leader=team_leader,
        assigned_helper=assigned_helper,
        late_reason=late_reason,
    )
    regime = law.regime_by_code(management.regime)
    with transaction.atomic():
        number_and_check(management, on=decided_on)
        if current is not None:  # the year restarts from the new decision (NĐ 105/2021 Điều 43.2)
            record_management_event(
                actor,
                management=current,
                kind=Kind.RENEW,
                on=decided_on,
                document_number=management.decision_number,
            )
        management.save()
        audit(
            actor,
            person,
            {
                "user_management": str(management.uuid),
                "regime": regime.code,
                "late": bool(management.late_reason),
            },
        )
    return management


def preview_user_management(
    actor: User, *, person: Person, source_test: DrugTest, **data: Any
) -> UserManagement:
    """The decision as it would be made, every check applied, not saved and without a number: what
    the officer reads before the decision takes one. Reading it reads the person: audited."""
    management, _current = _management_to_decide(actor, person=person, source_test=source_test, **data)
    management.decision_number = ""
    record(
        actor,
        Action.PERSON_READ,
        purpose=Purpose.CASE_WORK,
        obj=person,
        extra={"preview": "user_management_decision"},
    )
    return management


def _management_to_decide(
    actor: User,
    *,
    person: Person,
    source_test: DrugTest,
    decided_on: dt.date,
    decision_number: str,
    signer_name: str,
    team_leader: str,
    assigned_helper: str,
    late_reason: str = "",
) -> tuple[UserManagement, UserManagement | None]:
    check_writer(actor, person)
    if source_test.person_id != person.pk or not source_test.is_positive:
        raise ValidationError(
            _("Quyết định quản lý phải dựa trên một kết quả xét nghiệm dương tính của người này.")
        )
    if hasattr(source_test, "management"):
        raise ValidationError(_("Đã có quyết định quản lý cho kết quả xét nghiệm này."))
    _check_leads_to_decision(source_test)
    if not source_test.tested_at.date() <= decided_on <= today():
        raise ValidationError({"decided_on": _("Ngày quyết định phải từ ngày xét nghiệm đến hôm nay.")})
    regime = law.regime_for_decision(decided_on=decided_on)
    current = open_management(person)
    if current is not None and (
        source_test.decision_rule is None or source_test.tested_at.date() < current.decided_on
    ):
        response = law.rule("repeated_use_response", regime=regime)
        message = _(
            "Người này đang bị quản lý theo một quyết định khác còn hiệu lực; việc tiếp tục sử dụng "
            "được xử lý theo %(c)s."
        )
        raise ValidationError(message % {"c": response.citation})
    late_reason = _check_late(source_test, decided_on, late_reason)
    term = law.rule("user_management_term", regime=regime)
    signer = law.rule("user_management_decider", regime=regime)
    management = decision_with_term(
        UserManagement,
        actor,
        person=person,
        regime=regime,
        signer=signer,
        term=term,
        term_from=decided_on,
        decision_number=decision_number,
        decided_on=decided_on,
        signer_name=signer_name,
        source_test=source_test,
        team_leader=team_leader.strip(),
        assigned_helper=assigned_helper.strip(),
        late_reason=late_reason,
    )
    return management, current


def _check_late(test: DrugTest, decided_on: dt.date, reason: str) -> str:
    """A decision after its deadline is still made (the person must be managed), but with the
    reason it came late, which the record keeps; one in time keeps none."""
    if test.decision_due is None or decided_on <= law.to_local_date(test.decision_due):
        return ""
    if not reason.strip():
        citation = test.decision_rule["citation"] if test.decision_rule else ""
        day = f"{law.to_local_date(test.decision_due):%d/%m/%Y}"
        message = _("Quyết định ra sau thời hạn %(d)s (%(c)s): hãy ghi lý do.")
        raise ValidationError({"late_reason": message % {"d": day, "c": citation}})
    return reason.strip()


def _check_leads_to_decision(test: DrugTest) -> None:
    """A result that the law sends elsewhere (an addiction determination, a ground for compulsory
    rehab, no step at the commune) is not the basis of a management decision (``cases.positive``). A
    result with the investigation body is: the decision of Luật 120/2025 Điều 24.4.a has no criminal
    exception (management "không phải là biện pháp xử lý hành chính", Điều 24.1; custody suspends it,
    Điều 24.7), unlike the steps of Điều 31.1.c–d and 35.1, which ``cases.criminal`` holds."""
    if test.decision_rule is not None:
        return
    other = test.assessment_rule or test.ground_rule or test.no_step_rule
    if other is not None:
        applied = law.AppliedRule(**other)
        message = _("Kết quả xét nghiệm này không dẫn đến quyết định quản lý: %(what)s (%(c)s).")
        raise ValidationError(message % {"what": applied.value_label, "c": applied.citation})


def record_management_event(
    actor: User,
    *,
    management: UserManagement,
    kind: str,
    on: dt.date,
    stop_reason: str = "",
    document_number: str = "",
) -> ManagementEvent:
    """Suspend, resume, stop or terminate a management: only the moves ``lifecycle.TRANSITIONS``
    allows from the current state, on a date in order."""
    check_writer(actor, management.person)
    with transaction.atomic():
        locked = UserManagement.objects.select_for_update().get(pk=management.pk)
        events = list(locked.events.all())
        state = locked.state
        _check_move(locked, state, Kind(kind), on, events, stop_reason)
        regime = law.regime_for_decision(decided_on=on)
        signer = law.rule("management_end_decider", regime=regime) if kind != Kind.RESUME else None
        event = ManagementEvent.objects.create(
            management=locked,
            kind=kind,
            on=on,
            stop_reason=stop_reason if kind == Kind.STOP else "",
            document_number=document_number.strip(),
            signer_role=str(signer.value) if signer else "",
            rule=signer.as_json() if signer else None,
            created_by=actor,
        )
        audit(actor, locked.person, {"user_management": str(locked.uuid), "event": kind})
    return event


def record_management_activity(
    actor: User, *, management: UserManagement, on: dt.date, kind: str, by: str, note: str = ""
) -> ManagementActivity:
    """An activity of the management year; a residence check resets the monthly clock (Nghị định
    105/2021 Điều 47.1)."""
    check_writer(actor, management.person)
    if management.state not in OPEN_STATES:
        raise ValidationError(_("Quyết định quản lý này đã kết thúc."))
    check_in_order(on, management.decided_on)
    activity = ManagementActivity(
        management=management, on=on, kind=kind, by=by.strip(), note=note.strip(), created_by=actor
    )
    activity.full_clean()
    with transaction.atomic():
        activity.save()
        audit(actor, management.person, {"user_management": str(management.uuid), "activity": kind})
    return activity


def _check_move(
    management: UserManagement,
    state: State,
    kind: Kind,
    on: dt.date,
    events: list[ManagementEvent],
    reason: str,
) -> None:
    if not MANAGEMENT.allows(state, kind):
        raise ValidationError(
            _(
                "Không thể “%(move)s” khi quản lý đang ở trạng thái “%(state)s” (Luật 120/2025 Điều 24.5–7; "
                "Nghị định 105/2021 Điều 48)."
            )
            % {"move": kind.label, "state": state.value}
        )
    check_in_order(on, events[-1].on if events else management.decided_on)
    if kind == Kind.STOP and not reason:
        raise ValidationError({"stop_reason": _("Hãy chọn lý do dừng quản lý.")})
    first_day_after = law.first_day_after(management.ends_on)
    if kind == Kind.TERMINATE and on < first_day_after:
        citation = f"{management.term_rule['citation']}; {law.CIVIL_CODE_PERIODS}"
        raise ValidationError(
            {
                "on": _("Chỉ chấm dứt khi hết thời hạn quản lý 01 năm, từ ngày %(d)s (%(citation)s).")
                % {"d": f"{first_day_after:%d/%m/%Y}", "citation": citation}
            }
        )
