"""Demo reintegration support and prevention work in one commune, through the real services: a
helper with two people (one contact overdue), the directory, referrals waiting and answered, a
loan and a course, a relapse-prevention plan, screenings in two bands, tags and a school session."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from hoanhap.accounts.models import User
from hoanhap.cases.models import Aftercare
from hoanhap.lib.dates import today
from hoanhap.people.models import Person
from hoanhap.prevention import services as prevention
from hoanhap.prevention.models import RiskGroup
from hoanhap.support import services
from hoanhap.support.models import Assignment


def seed_support(*, commune_id: str, officer: User, helper: User, facility: User) -> int:
    if Assignment.objects.filter(commune_id=commune_id).exists():
        return 0
    aftercare = Aftercare.objects.filter(commune_id=commune_id).select_related("person").first()
    # Not the newest: that is the deliberate near-duplicate left for the duplicates review.
    people = list(Person.objects.filter(commune_id=commune_id).current().order_by("-pk")[1:7])
    if aftercare is None or len(people) < 6:
        return 0
    d = today()
    supported, other = aftercare.person, people[0]
    first = services.assign_helper(
        officer,
        person=supported,
        helper=helper,
        organisation="women_union",
        starts_on=d - relativedelta(months=3),
    )
    services.record_contact(
        helper, assignment=first, on=d - dt.timedelta(days=5), kind="home_visit", concerns=[]
    )
    second = services.assign_helper(
        officer,
        person=other,
        helper=helper,
        organisation="women_union",
        starts_on=d - relativedelta(months=2),
    )
    services.record_contact(
        helper, assignment=second, on=d - dt.timedelta(days=30), kind="phone", concerns=["no_work"]
    )  # the next contact is overdue
    methadone = services.add_provider(
        officer,
        data={
            "name": "Cơ sở điều trị Methadone Diễn Châu",
            "kind": "methadone",
            "in_commune": True,
            "phone": "02383862111",
        },
    )
    methadone.members.add(facility)
    school = services.add_provider(
        officer, data={"name": "Trường Cao đẳng nghề Kỹ thuật Việt – Đức Nghệ An", "kind": "vocational"}
    )
    services.add_provider(
        officer, data={"name": "Công ty May Diễn Châu", "kind": "employer", "in_commune": True}
    )
    services.send_referral(
        officer,
        person=people[1],
        provider=methadone,
        service="medical",
        reason="Đề nghị điều trị Methadone",
        sent_on=d - dt.timedelta(days=2),
    )
    answered = services.send_referral(
        officer,
        person=supported,
        provider=school,
        service="vocational",
        reason="Học nghề sửa chữa xe máy",
        sent_on=d - relativedelta(months=1),
    )
    services.answer_referral(
        officer,
        referral=answered,
        status="accepted",
        on=d - dt.timedelta(days=25),
        note="Khai giảng tháng sau",
    )
    services.record_service(
        officer,
        person=supported,
        data={
            "kind": "vocational",
            "title": "Sửa chữa xe máy (3 tháng)",
            "provider": school.name,
            "starts_on": d - dt.timedelta(days=20),
            "status": "ongoing",
        },
    )
    services.record_service(
        officer,
        person=supported,
        data={
            "kind": "loan",
            "title": "Vay vốn giải quyết việc làm",
            "provider": "Ngân hàng Chính sách xã hội huyện Diễn Châu",
            "starts_on": d - dt.timedelta(days=10),
            "amount": 50_000_000,
            "status": "approved",
        },
    )
    if aftercare.ends_on > d:
        plan = services.make_plan(
            officer,
            aftercare=aftercare,
            starts_on=max(aftercare.starts_on, d - relativedelta(months=2)),
            goals="Không tái sử dụng ma túy; hoàn thành khóa học nghề; tham gia sinh hoạt chi hội",
            checkin_days=30,
            test_days=90,
        )
        services.record_checkin(
            officer, plan=plan, kind="checkin", on=d - dt.timedelta(days=35), done_by="Võ Thị Mai"
        )
    _prevention(officer, people[2:6], d)
    return 2


def _prevention(officer: User, people: list[Person], d: dt.date) -> None:
    moderate = {
        "b": {"q2": "weekly", "q3": "monthly", "q4": "once_twice", "q5": "never", "q6": "past", "q7": "no"}
    }
    high = {
        "e": {"q2": "daily", "q3": "daily", "q4": "weekly", "q5": "weekly", "q6": "recent", "q7": "recent"}
    }
    for person, used in zip(people[:2], (moderate, high), strict=True):
        answers: dict = {"q1": {s: s in used for s in "abcdefghij"}, "q8": "no"}
        for q in ("q2", "q3", "q4", "q5", "q6", "q7"):
            answers[q] = {s: a[q] for s, a in used.items()}
        prevention.record_screening(
            officer,
            person=person,
            screened_on=d - dt.timedelta(days=12),
            screened_by="Trạm Y tế xã",
            answers=answers,
        )
    workers = RiskGroup.objects.get(code="young_workers")
    for person in people[2:]:
        prevention.tag_person(officer, person=person, group=workers, since=d - relativedelta(months=1))
    prevention.record_session(
        officer,
        data={
            "held_on": d - dt.timedelta(days=9),
            "setting": "school",
            "place": "Trường THCS Diễn Châu",
            "topic": "Tác hại của ma túy tổng hợp",
            "run_by": "Công an xã, Đoàn Thanh niên xã",
            "audience": RiskGroup.objects.get(code="pupils"),
            "attendees": 320,
        },
    )
