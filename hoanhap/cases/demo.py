"""Demo cases, recorded through the real services so that deadlines, states and audit rows are the
ones the law gives: decisions in force, suspended, ended; a positive test due, one overdue; a term
about to end. Dates are relative to today so that the due items stay due."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from hoanhap.accounts.models import User
from hoanhap.cases import services
from hoanhap.cases.models import DrugTest
from hoanhap.lib.dates import now, today
from hoanhap.people.models import Person


def seed_cases(*, commune_id: str, actor: User) -> int:
    if DrugTest.objects.filter(commune_id=commune_id).exists():
        return 0
    people = list(Person.objects.filter(commune_id=commune_id).current().order_by("pk")[:15])
    if len(people) < 15:
        return 0
    d, n = today(), now()
    for i, person in enumerate(people[:4]):
        _decided(actor, person, d - relativedelta(months=2 + i), number=f"{20 + i}/QĐ-CAX")
    suspended = _decided(actor, people[4], d - relativedelta(months=5), number="31/QĐ-CAX")
    services.record_management_event(
        actor,
        management=suspended,
        kind="suspend",
        on=d - relativedelta(days=20),
        document_number="35/QĐ-CAX",
    )
    ending = _decided(
        actor, people[5], d - relativedelta(months=12) + relativedelta(days=10), number="5/QĐ-CAX"
    )
    del ending  # its term ends in ten days: a due item
    old = _decided(actor, people[6], dt.date(2025, 5, 20), number="12/QĐ-UBND", signer="Nguyễn Đình Thắng")
    services.record_management_event(
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
    services.record_rehab_event(
        actor, episode=done, kind="complete", on=dt.date(2026, 6, 10), document_number="14/GCN-UBND"
    )
    after = _in_rehab(actor, people[14], dt.date(2025, 11, 3), term_months=6)
    services.record_rehab_event(
        actor, episode=after, kind="complete", on=dt.date(2026, 5, 11), document_number="9/GCN"
    )
    services.decide_aftercare(
        actor,
        episode=after,
        decided_on=dt.date(2026, 5, 15),
        decision_number="18/QĐ-UBND",
        signer_name="Nguyễn Đình Thắng",
        assigned_helper="Hội Liên hiệp Phụ nữ xã",
    )
    return 15


def _in_rehab(actor: User, person: Person, start: dt.date, term_months: int | None = None):
    _assess(actor, person, start - dt.timedelta(days=3), ["craving", "loss_of_control", "withdrawal"])
    episode = services.register_voluntary_rehab(
        actor,
        person=person,
        form="voluntary_community",
        started_on=start,
        intake_record_number="2/BB-CAX",
        provider="Tổ công tác cai nghiện ma túy xã Diễn Châu",
        term_months=term_months,
    )
    for stage in (1, 2, 3):
        services.record_rehab_event(
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
    services.record_assessment(actor, person=person, data=data)


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
    return services.record_drug_test(actor, person=person, data=data)


def _decided(actor: User, person: Person, decided_on: dt.date, *, number: str, signer: str = "Trần Văn Hùng"):
    tested = dt.datetime.combine(decided_on - dt.timedelta(days=1), dt.time(9), tzinfo=now().tzinfo)
    test = _test(actor, person, tested)
    return services.decide_user_management(
        actor,
        person=person,
        source_test=test,
        decided_on=decided_on,
        decision_number=number,
        signer_name=signer,
        team_leader="Lê Thị Hoa",
        assigned_helper="Võ Thị Mai",
    )
