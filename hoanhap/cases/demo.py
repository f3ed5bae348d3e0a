"""Demo cases, recorded through the real services so that deadlines, states and audit rows are the
ones the law gives: decisions in force, suspended, ended; a positive test due, one overdue; a term
about to end. Dates are relative to today so that the due items stay due."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from hoanhap.accounts.models import User
from hoanhap.cases.models import CompulsoryDossier, DrugTest, UserManagement
from hoanhap.cases.services.aftercare import decide_aftercare
from hoanhap.cases.services.assessment import record_assessment
from hoanhap.cases.services.dossier import admit, file_document, open_dossier, record_dossier_event
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.management import (
    decide_user_management,
    record_management_activity,
    record_management_event,
)
from hoanhap.cases.services.substitution import enrol_substitution, record_substitution_event
from hoanhap.cases.services.voluntary import register_voluntary_rehab
from hoanhap.documents.services import issue_management_decision
from hoanhap.law import services as law
from hoanhap.lib.dates import now, today
from hoanhap.people.models import Person


def seed_cases(*, commune_id: str, actor: User) -> int:
    if DrugTest.objects.filter(commune_id=commune_id).exists():
        return 0
    people = list(Person.objects.filter(commune_id=commune_id).current().order_by("pk")[:21])
    if len(people) < 21:
        return 0
    d, n = today(), now()
    for i, person in enumerate(people[:4]):
        management = _decided(actor, person, d - relativedelta(months=2 + i), number=f"{20 + i}/QĐ-CAX")
        if i < 3:  # the fourth one's monthly residence check is left overdue
            record_management_activity(
                actor,
                management=management,
                on=d - relativedelta(days=10 + 8 * i),
                kind="residence_check",
                by="Lê Thị Hoa",
                note="Vẫn cư trú tại địa chỉ đăng ký",
            )
    suspended = _decided(actor, people[4], d - relativedelta(months=5), number="31/QĐ-CAX")
    record_management_event(
        actor,
        management=suspended,
        kind="suspend",
        on=d - relativedelta(days=20),
        document_number="35/QĐ-CAX",
    )
    ending = _decided(
        actor, people[5], d - relativedelta(months=12) + relativedelta(days=10), number="5/QĐ-CAX"
    )
    record_management_activity(  # its term ends in ten days: a due item
        actor, management=ending, on=d - relativedelta(days=3), kind="residence_check", by="Lê Thị Hoa"
    )
    old = _decided(actor, people[6], dt.date(2025, 5, 20), number="12/QĐ-UBND", signer="Nguyễn Đình Thắng")
    record_management_event(
        actor, management=old, kind="terminate", on=dt.date(2026, 5, 25), document_number="40/QĐ-UBND"
    )
    _test(actor, people[7], n - dt.timedelta(hours=3))  # due within the day
    _test(actor, people[8], n - dt.timedelta(days=3))  # overdue
    _test(actor, people[9], n - dt.timedelta(days=40), result="negative")
    relapsed = _decided(actor, people[10], d - relativedelta(months=4), number="27/QĐ-CAX")
    _assess(
        actor,
        people[10],
        relapsed.decided_on + relativedelta(months=2),
        ["craving", "tolerance", "withdrawal"],
    )
    _assess(actor, people[11], d - relativedelta(days=15), ["craving"])
    _in_rehab(actor, people[12], d - relativedelta(months=3))
    done = _in_rehab(actor, people[13], dt.date(2025, 12, 1), term_months=6)
    record_rehab_event(
        actor, episode=done, kind="complete", on=dt.date(2026, 6, 10), document_number="14/GCN-UBND"
    )
    after = _in_rehab(actor, people[14], dt.date(2025, 11, 3), term_months=6)
    record_rehab_event(
        actor, episode=after, kind="complete", on=dt.date(2026, 5, 11), document_number="9/GCN"
    )
    decide_aftercare(
        actor,
        episode=after,
        decided_on=dt.date(2026, 5, 15),
        decision_number="18/QĐ-UBND",
        signer_name="Nguyễn Đình Thắng",
        assigned_helper="Hội Liên hiệp Phụ nữ xã",
    )
    _later_steps(actor, people[15:21], d)
    first = UserManagement.objects.filter(person=people[0]).get()
    issue_management_decision(actor, management=first)
    return 21


def _later_steps(actor: User, people: list[Person], d: dt.date) -> None:
    """Substitution treatment, a quit voluntary rehab awaiting its dossier, dossiers at each stage."""
    on_methadone, methadone_done, quitter, notified, ordered, admitted = people
    _assess(actor, on_methadone, d - relativedelta(months=2), ["craving", "tolerance", "withdrawal"])
    enrol_substitution(
        actor,
        person=on_methadone,
        clinic=METHADONE,
        patient_code="MT-0142",
        enrolled_on=d - relativedelta(months=2),
    )
    _assess(actor, methadone_done, d - relativedelta(months=14), ["craving", "tolerance", "withdrawal"])
    treatment = enrol_substitution(
        actor,
        person=methadone_done,
        clinic=METHADONE,
        patient_code="MT-0057",
        enrolled_on=d - relativedelta(months=14),
    )
    record_substitution_event(actor, treatment=treatment, kind="complete", on=d - relativedelta(days=4))
    episode = _in_rehab(actor, quitter, d - relativedelta(months=5), term_months=12)
    record_rehab_event(actor, episode=episode, kind="exit", exit_reason="quit", on=d - relativedelta(days=20))
    dossier = _dossier(actor, notified, d - relativedelta(days=12))
    record_dossier_event(actor, dossier=dossier, kind="notify", on=d - relativedelta(days=6))
    for person, opened in ((ordered, d - relativedelta(days=75)), (admitted, d - relativedelta(days=80))):
        dossier = _dossier(actor, person, opened)
        record_dossier_event(
            actor, dossier=dossier, kind="interim", on=opened + dt.timedelta(days=1), note=COMPULSORY_FACILITY
        )
        record_dossier_event(actor, dossier=dossier, kind="notify", on=opened + dt.timedelta(days=3))
        dossier.refresh_from_db()
        forwarded = law.to_local_date(dossier.forward_due) if dossier.forward_due else opened
        record_dossier_event(
            actor, dossier=dossier, kind="forward", on=forwarded, note="Tòa án nhân dân khu vực 4 – Nghệ An"
        )
        record_dossier_event(actor, dossier=dossier, kind="accept", on=forwarded + dt.timedelta(days=3))
        record_dossier_event(
            actor,
            dossier=dossier,
            kind="order",
            on=forwarded + dt.timedelta(days=20),
            document_number="21/QĐ-TA",
        )
    admit(
        actor,
        dossier=dossier,
        on=d - relativedelta(days=10),
        intake_record_number="45/BB",
        provider=COMPULSORY_FACILITY,
    )


METHADONE = "Cơ sở điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế Diễn Châu"
COMPULSORY_FACILITY = "Cơ sở cai nghiện ma túy số 1 tỉnh Nghệ An"


def _dossier(actor: User, person: Person, opened: dt.date) -> CompulsoryDossier:
    dossier = open_dossier(
        actor,
        person=person,
        ground="voluntary_not_done",
        last_violation_on=opened - dt.timedelta(days=7),
        opened_on=opened,
    )
    for item, pages in (
        ("profile", 2),
        ("violation_record", 3),
        ("addiction_confirmation", 1),
        ("proposal", 2),
    ):
        file_document(actor, dossier=dossier, item=item, title=_ITEM_TITLES[item], pages=pages)
    return dossier


_ITEM_TITLES = {
    "profile": "Bản tóm tắt lý lịch",
    "violation_record": "Biên bản vi phạm",
    "addiction_confirmation": "Phiếu kết quả xác định tình trạng nghiện số 7/PKQ",
    "proposal": "Văn bản đề nghị của Trưởng Công an xã",
}


def _in_rehab(actor: User, person: Person, start: dt.date, term_months: int | None = None):
    _assess(actor, person, start - dt.timedelta(days=3), ["craving", "loss_of_control", "withdrawal"])
    episode = register_voluntary_rehab(
        actor,
        person=person,
        form="voluntary_community",
        started_on=start,
        intake_record_number="2/BB-CAX",
        provider="Tổ công tác cai nghiện ma túy xã Diễn Châu",
        term_months=term_months,
    )
    for stage in (1, 2, 3):
        record_rehab_event(
            actor, episode=episode, kind="stage_done", stage=stage, on=start + relativedelta(months=stage)
        )
    return episode


def _assess(actor: User, person: Person, on: dt.date, criteria: list[str]) -> None:
    data = {
        "trigger": "repeated_use",
        "requesting_unit": "Công an xã Diễn Châu",
        "health_facility": "Trung tâm Y tế khu vực Diễn Châu",
        "started_on": on - dt.timedelta(days=2),
        "result_on": on,
        "substance_class": "stimulants",
        "criteria": criteria,
        "result_number": "7/PKQ",
    }
    record_assessment(actor, person=person, data=data)


def _test(actor: User, person: Person, when: dt.datetime, result: str = "positive") -> DrugTest:
    data = {
        "tested_at": when,
        "place": "Trụ sở Công an xã",
        "reason": "grounds",
        "sample": "urine",
        "testing_body": "Công an xã",
        "tester": "Lê Thị Hoa",
        "result": result,
        "substances": ["ats"],
    }
    return record_drug_test(actor, person=person, data=data)


def _decided(actor: User, person: Person, decided_on: dt.date, *, number: str, signer: str = "Trần Văn Hùng"):
    tested = dt.datetime.combine(decided_on - dt.timedelta(days=1), dt.time(9), tzinfo=now().tzinfo)
    test = _test(actor, person, tested)
    return decide_user_management(
        actor,
        person=person,
        source_test=test,
        decided_on=decided_on,
        decision_number=number,
        signer_name=signer,
        team_leader="Lê Thị Hoa",
        assigned_helper="Võ Thị Mai",
    )
