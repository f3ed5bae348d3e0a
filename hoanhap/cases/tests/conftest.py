import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hoanhap.cases.services.criminal import hand_over_use, record_investigation_answer
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.cases.services.management import decide_user_management

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, h=9, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=VN)


@pytest.fixture
def person_a(officer_a, make_person):
    return make_person(officer_a, stable_residence="permanent")


@pytest.fixture
def addicted_person(officer_a, person_a):
    """``person_a`` found addicted on 10/10/2026 (``test_voluntary.assess``)."""
    from hoanhap.cases.tests.test_voluntary import assess

    assess(officer_a, person_a, dt.date(2026, 10, 10))
    return person_a


@pytest.fixture
def positive_test(officer_a):
    def make(person, when=None, **extra):
        data = {
            "tested_at": when or at(2026, 9, 1),
            "place": "Trụ sở Công an xã",
            "reason": "caught_using",
            "sample": "urine",
            "testing_body": "Công an xã Diễn Châu",
            "tester": "Lê Thị Hoa",
            "result": "positive",
            "substances": ["ats"],
            **extra,
        }
        return record_drug_test(officer_a, person=person, data=data)

    return make


@pytest.fixture
def decide(officer_a):
    def make(person, test, decided_on=dt.date(2026, 9, 2), number="12/QĐ-CAX", **extra):
        return decide_user_management(
            officer_a,
            person=person,
            source_test=test,
            decided_on=decided_on,
            decision_number=number,
            signer_name="Trần Văn Hùng",
            team_leader="Lê Thị Hoa",
            assigned_helper="Võ Thị Mai",
            **extra,
        )

    return make


@pytest.fixture
def not_prosecuted(officer_a):
    """Hand a result that may be a crime (Bộ luật Hình sự Điều 256a) to the investigation body and
    record its answer "không xử lý hình sự": the administrative step then applies (Luật 120/2025 Điều
    31.1.c–d). ``on`` is the day of both."""

    def make(test, on=None, answer="not_prosecuted"):
        on = on or test.tested_at.date()
        hand_over_use(
            officer_a,
            test=test,
            handed_over_on=on,
            investigation_body="Cơ quan Cảnh sát điều tra Công an tỉnh Nghệ An",
            handover_number="15/CV-CAX",
        )
        return record_investigation_answer(
            officer_a, test=test, answer=answer, answered_on=on, answer_number="88/CSĐT"
        )

    return make
