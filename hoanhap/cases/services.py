"""Case use cases: each checks the rule it applies, writes, audits, and stores the rule used."""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.scoping import can_write
from hoanhap.audit.models import Action, Purpose
from hoanhap.audit.services import record
from hoanhap.cases.lifecycle import OPEN_STATES, TRANSITIONS, Kind, State, StopReason
from hoanhap.cases.models import (
    CRITERIA,
    AddictionAssessment,
    DrugTest,
    ManagementEvent,
    Sample,
    UserManagement,
)
from hoanhap.law import services as law
from hoanhap.lib.dates import age_on, now, today
from hoanhap.people.models import Person

TEST_FIELDS = (
    "tested_at",
    "place",
    "reason",
    "sample",
    "testing_body",
    "tester",
    "same_sex_supervision",
    "guardian_consent",
    "result",
    "substances",
    "result_received_at",
)


def _check_writer(actor: User, person: Person) -> None:
    if not can_write(actor, person):
        raise PermissionDenied


def record_drug_test(actor: User, *, person: Person, data: dict[str, Any]) -> DrugTest:
    """A body drug test. A positive result starts the clock for the management decision."""
    _check_writer(actor, person)
    test = DrugTest(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in TEST_FIELDS if k in data},
    )
    _check_test(test, person)
    if test.is_positive:
        received = test.result_received_at or test.tested_at
        test.result_received_at = received
        applied = law.rule(
            "user_management_decision", regime=law.regime_for_decision(decided_on=received.date())
        )
        test.decision_rule, test.decision_due = applied.as_json(), law.deadline(applied, start=received)
    else:
        test.substances = []
    with transaction.atomic():
        test.save()
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=person,
            extra={"drug_test": str(test.uuid), "result": test.result},
        )
    return test


def _check_test(test: DrugTest, person: Person) -> None:
    if test.tested_at > now():
        raise ValidationError({"tested_at": _("Thời điểm xét nghiệm không thể ở tương lai.")})
    if test.result_received_at and test.result_received_at < test.tested_at:
        raise ValidationError({"result_received_at": _("Không thể nhận kết quả trước khi xét nghiệm.")})
    consent = law.rule("sample_consent_age", regime=law.regime_on(test.tested_at.date()))
    minor = person.birth_date and age_on(person.birth_date, test.tested_at.date()) < int(consent.value)
    if minor and test.sample != Sample.URINE and not test.guardian_consent:
        message = _(
            "Người dưới %(age)s tuổi: lấy mẫu không phải nước tiểu phải được cha, mẹ, người giám hộ "
            "đồng ý (%(c)s)."
        )
        raise ValidationError({"guardian_consent": message % {"age": consent.value, "c": consent.citation}})


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
) -> UserManagement:
    """The management decision after a positive test: who signs it and how long it runs follow the
    regime in force on the decision date (Luật 120/2025 Điều 56)."""
    _check_writer(actor, person)
    if source_test.person_id != person.pk or not source_test.is_positive:
        raise ValidationError(
            _("Quyết định quản lý phải dựa trên một kết quả xét nghiệm dương tính của người này.")
        )
    if hasattr(source_test, "management"):
        raise ValidationError(_("Đã có quyết định quản lý cho kết quả xét nghiệm này."))
    if not source_test.tested_at.date() <= decided_on <= today():
        raise ValidationError({"decided_on": _("Ngày quyết định phải từ ngày xét nghiệm đến hôm nay.")})
    if open_management(person) is not None:
        raise ValidationError(_("Người này đang bị quản lý theo một quyết định khác còn hiệu lực."))
    regime = law.regime_for_decision(decided_on=decided_on)
    term = law.rule("user_management_term", regime=regime)
    signer = law.rule("user_management_decider", regime=regime)
    management = UserManagement(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        source_test=source_test,
        regime=regime.code,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        signer_role=str(signer.value),
        signer_name=signer_name.strip(),
        term_rule=term.as_json(),
        ends_on=decided_on + relativedelta(months=int(term.value)),
        team_leader=team_leader.strip(),
        assigned_helper=assigned_helper.strip(),
        created_by=actor,
    )
    management.full_clean()
    with transaction.atomic():
        management.save()
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=person,
            extra={"user_management": str(management.uuid), "regime": regime.code},
        )
    return management


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
    _check_writer(actor, management.person)
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
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=locked.person,
            extra={"user_management": str(locked.uuid), "event": kind},
        )
    return event


def _check_move(
    management: UserManagement,
    state: State,
    kind: Kind,
    on: dt.date,
    events: list[ManagementEvent],
    reason: str,
) -> None:
    if (state, kind) not in TRANSITIONS:
        raise ValidationError(
            _(
                "Không thể “%(move)s” khi quản lý đang ở trạng thái “%(state)s” (Luật 120/2025 Điều 24.5–7; "
                "Nghị định 105/2021 Điều 48)."
            )
            % {"move": kind.label, "state": state.value}
        )
    earliest = events[-1].on if events else management.decided_on
    if not earliest <= on <= today():
        raise ValidationError({"on": _("Ngày phải từ %(d)s đến hôm nay.") % {"d": f"{earliest:%d/%m/%Y}"}})
    if kind == Kind.STOP and not reason:
        raise ValidationError({"stop_reason": _("Hãy chọn lý do dừng quản lý.")})
    if kind == Kind.TERMINATE and on < management.ends_on:
        raise ValidationError(
            {
                "on": _("Chỉ chấm dứt khi hết thời hạn quản lý 01 năm, từ ngày %(d)s (%(citation)s).")
                % {"d": f"{management.ends_on:%d/%m/%Y}", "citation": management.term_rule["citation"]}
            }
        )


ASSESSMENT_FIELDS = (
    "trigger",
    "requesting_unit",
    "health_facility",
    "started_on",
    "result_on",
    "substance_class",
    "criteria",
    "result_number",
)


def record_assessment(actor: User, *, person: Person, data: dict[str, Any]) -> AddictionAssessment:
    """The result of an addiction determination. Addicted when at least the threshold of the six
    criteria hold (TT 18/2021/TT-BYT Điều 3); then user management stops (Luật 120/2025 Điều 24.5.a)
    and the registration for rehab or substitution treatment falls due."""
    _check_writer(actor, person)
    assessment = AddictionAssessment(
        person=person,
        province_id=person.province_id,
        commune_id=person.commune_id,
        created_by=actor,
        **{k: data[k] for k in ASSESSMENT_FIELDS if k in data},
    )
    _check_assessment(assessment)
    regime = law.regime_for_decision(decided_on=assessment.result_on)
    threshold = law.rule("addiction_criteria_threshold", regime=regime)
    assessment.addicted = len(set(assessment.criteria)) >= int(threshold.value)
    assessment.threshold_rule = threshold.as_json()
    validity = law.rule("assessment_validity", regime=regime)
    assessment.valid_until = assessment.result_on + relativedelta(months=int(validity.value))
    if assessment.addicted:
        registration = law.rule("registration_after_addicted", regime=regime)
        start = dt.datetime.combine(assessment.result_on, dt.time(8), tzinfo=now().tzinfo)
        assessment.registration_rule = registration.as_json()
        assessment.registration_due = law.deadline(registration, start=start)
    with transaction.atomic():
        assessment.save()
        if assessment.addicted:
            _stop_management_of_addicted(actor, person, assessment.result_on)
        record(
            actor,
            Action.CASE_WRITE,
            purpose=Purpose.CASE_WORK,
            obj=person,
            extra={"assessment": str(assessment.uuid), "addicted": assessment.addicted},
        )
    return assessment


def _check_assessment(assessment: AddictionAssessment) -> None:
    if not assessment.started_on <= assessment.result_on <= today():
        raise ValidationError({"result_on": _("Ngày có kết quả phải từ ngày bắt đầu đến hôm nay.")})
    unknown = set(assessment.criteria) - {code for code, _label in CRITERIA}
    if unknown:
        raise ValidationError({"criteria": _("Tiêu chí không hợp lệ.")})


def _stop_management_of_addicted(actor: User, person: Person, on: dt.date) -> None:
    management = open_management(person)
    if management is not None and management.decided_on <= on:
        record_management_event(
            actor, management=management, kind=Kind.STOP, on=on, stop_reason=StopReason.ADDICTED
        )
