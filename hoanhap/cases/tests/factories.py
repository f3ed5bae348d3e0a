"""Case facts made the way production makes them: every helper calls the service that records the
fact, with a plausible paper trail (place, tester, numbers, signers), so that a test names only the
dates and choices it is about and gets the rule, the deadline and the audit row the service stores.

No factory_boy: a service takes the actor first and checks the order of events (an assessment
before the registration, the stages before completion), which a chain of plain functions says
directly; a factory's ``build()`` would make rows no service ever made.
"""

import datetime as dt
from typing import Any

from hoanhap.accounts.models import User
from hoanhap.cases.models import (
    AddictionAssessment,
    Aftercare,
    CompulsoryDossier,
    DrugTest,
    RehabEpisode,
    RehabEventRecord,
    SubstitutionTreatment,
    UserManagement,
)
from hoanhap.cases.rehab import COMPULSORY_FORMS
from hoanhap.cases.services.aftercare import decide_aftercare
from hoanhap.cases.services.assessment import record_assessment
from hoanhap.cases.services.dossier import admit, open_dossier
from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.cases.services.episodes import record_rehab_event
from hoanhap.cases.services.management import decide_user_management
from hoanhap.cases.services.substitution import enrol_substitution
from hoanhap.cases.services.voluntary import register_voluntary_rehab
from hoanhap.cases.tests.conftest import at
from hoanhap.law import services as law
from hoanhap.people.models import Person

# Three of the six criteria of TT 18/2021/TT-BYT Điều 3: addicted under either law; one is not.
ADDICTED = ["craving", "loss_of_control", "withdrawal"]
NOT_ADDICTED = ["craving"]


def drug_test(actor: User, person: Person, on: dt.date, *, result: str = "positive", **data: Any) -> DrugTest:
    """A urine test at the commune police office at 9:00 on ``on``."""
    data = {
        "tested_at": at(on.year, on.month, on.day),
        "place": "Trụ sở Công an xã",
        "reason": "caught_using",
        "sample": "urine",
        "testing_body": "Công an xã",
        "tester": "Lê Thị Hoa",
        "result": result,
        "substances": ["ats"] if result == "positive" else [],
        **data,
    }
    return record_drug_test(actor, person=person, data=data)


def management(actor: User, person: Person, test: DrugTest, decided_on: dt.date) -> UserManagement:
    """The management decision on ``test``, numbered from the commune's register."""
    return decide_user_management(
        actor,
        person=person,
        source_test=test,
        decided_on=decided_on,
        decision_number="",
        signer_name="Trần Văn Hùng",
        team_leader="Lê Thị Hoa",
        assigned_helper="Võ Thị Mai",
    )


def managed(actor: User, person: Person, *, decided_on: dt.date) -> UserManagement:
    """Tested positive the day before ``decided_on``, with no open case, and put under user
    management on that test."""
    return management(actor, person, drug_test(actor, person, decided_on - dt.timedelta(days=1)), decided_on)


def assessment(
    actor: User, person: Person, result_on: dt.date, *, addicted: bool = True
) -> AddictionAssessment:
    """An addiction determination started two days before its result."""
    data = {
        "trigger": "volunteer",
        "requesting_unit": "Công an xã",
        "health_facility": "Trung tâm Y tế",
        "started_on": result_on - dt.timedelta(days=2),
        "result_on": result_on,
        "substance_class": "opioids",
        "criteria": ADDICTED if addicted else NOT_ADDICTED,
        "result_number": "1/PKQ",
    }
    return record_assessment(actor, person=person, data=data)


def voluntary_rehab(
    actor: User, person: Person, started_on: dt.date, *, form: str = "voluntary_community"
) -> RehabEpisode:
    """Registration for voluntary rehab; where the law in force leaves the term to the decision
    (Luật 73/2021), its shortest term."""
    regime = law.regime_for_rehab_term(started_on=started_on)
    shortest = None
    if not law.has_rule("rehab_term_first", regime=regime):
        shortest = int(law.rule("rehab_term_voluntary", regime=regime).value)
    return register_voluntary_rehab(
        actor,
        person=person,
        form=form,
        started_on=started_on,
        intake_record_number="3/BB-CAX",
        provider="Tổ công tác cai nghiện",
        term_months=shortest,
    )


def complete_rehab(actor: User, episode: RehabEpisode, on: dt.date) -> RehabEventRecord:
    """Every stage the episode's law requires, one a day from the start, then completion on ``on``."""
    regime = law.regime_by_code(episode.regime)
    code = "compulsory_required_stages" if episode.form in COMPULSORY_FORMS else "voluntary_required_stages"
    for stage in range(1, int(law.rule(code, regime=regime).value) + 1):
        record_rehab_event(
            actor,
            episode=episode,
            kind="stage_done",
            on=episode.started_on + dt.timedelta(days=stage),
            stage=stage,
        )
    return record_rehab_event(actor, episode=episode, kind="complete", on=on, document_number="8/GCN")


def in_voluntary_rehab(
    actor: User, person: Person, *, started_on: dt.date, form: str = "voluntary_community"
) -> RehabEpisode:
    """Found addicted three days before, registered for voluntary rehab in ``form`` on ``started_on``."""
    assessment(actor, person, started_on - dt.timedelta(days=3))
    return voluntary_rehab(actor, person, started_on, form=form)


def completed_rehab(
    actor: User, person: Person, *, started_on: dt.date, completed_on: dt.date
) -> RehabEpisode:
    """Found addicted three days before, registered for home rehab, completed on ``completed_on``."""
    episode = in_voluntary_rehab(actor, person, started_on=started_on)
    complete_rehab(actor, episode, completed_on)
    return episode


def aftercare(
    actor: User,
    *,
    decided_on: dt.date,
    episode: RehabEpisode | None = None,
    treatment: SubstitutionTreatment | None = None,
) -> Aftercare:
    """The post-rehab management decision after ``episode`` or ``treatment``."""
    return decide_aftercare(
        actor,
        episode=episode,
        treatment=treatment,
        decided_on=decided_on,
        decision_number="",
        signer_name="Nguyễn Đình Thắng",
        assigned_helper="Hội Phụ nữ xã",
    )


def substitution(actor: User, person: Person, enrolled_on: dt.date) -> SubstitutionTreatment:
    return enrol_substitution(
        actor,
        person=person,
        clinic="Cơ sở điều trị Methadone Diễn Châu",
        patient_code=f"MT-{person.pk}",
        enrolled_on=enrolled_on,
    )


def dossier(
    actor: User, person: Person, opened_on: dt.date, *, ground: str = "voluntary_not_done"
) -> CompulsoryDossier:
    """A compulsory-rehab dossier opened five days after the last violation."""
    return open_dossier(
        actor,
        person=person,
        ground=ground,
        last_violation_on=opened_on - dt.timedelta(days=5),
        opened_on=opened_on,
    )


def court_ordered_rehab(
    actor: User,
    person: Person,
    *,
    opened_on: dt.date,
    admitted_on: dt.date,
    term_months: int | None = None,
) -> RehabEpisode:
    """A dossier opened on ``opened_on``, notified the next day, forwarded when the reading window
    closes, accepted and ordered by the court, and the admission to the facility on ``admitted_on``.
    ``term_months`` is the court's choice where the law on the order's day leaves one (Luật 73/2021:
    12 to 24 months for an adult); Luật 120/2025 fixes it, and then it stays None."""
    from hoanhap.cases.tests.test_dossier import to_order

    ordered = to_order(
        actor, dossier(actor, person, opened_on), opened_on + dt.timedelta(days=1), term_months=term_months
    )
    return admit(
        actor,
        dossier=ordered,
        on=admitted_on,
        intake_record_number="7/BB",
        provider="Cơ sở cai nghiện ma túy tỉnh Nghệ An",
    )
