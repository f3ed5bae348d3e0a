"""Substitution treatment: Luật 120/2025 Điều 31.6 (in place of registering for voluntary rehab),
35.1.c (quitting or expulsion is a ground for compulsory rehab), 42.1 (post-rehab management after
completion)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hoanhap.cases.services.aftercare import decide_aftercare
from hoanhap.cases.services.substitution import enrol_substitution, record_substitution_event
from hoanhap.cases.status import Status, status_of
from hoanhap.cases.tests.test_voluntary import assess
from hoanhap.inbox.registry import due_items_for_commune


def test_substitution_treatment_closes_registration_and_quitting_is_a_ground(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 10, 10))
    treatment = enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở điều trị Methadone Diễn Châu",
        patient_code="MT-01",
        enrolled_on=dt.date(2026, 10, 12),
    )
    assert status_of(person_a).status == Status.ON_SUBSTITUTION
    kinds = {i.kind for i in due_items_for_commune(officer_a.commune_id)}
    assert "register_rehab" not in kinds
    record_substitution_event(officer_a, treatment=treatment, kind="expel", on=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError, match="Không thể"):
        record_substitution_event(officer_a, treatment=treatment, kind="complete", on=dt.date(2026, 11, 3))
    items = [i for i in due_items_for_commune(officer_a.commune_id) if i.kind == "open_dossier"]
    assert [i.due_at.date() for i in items] == [dt.date(2027, 2, 2)]


def test_completed_substitution_treatment_gives_one_year_of_aftercare(officer_a, person_a):
    assess(officer_a, person_a, dt.date(2026, 8, 10))
    treatment = enrol_substitution(
        officer_a,
        person=person_a,
        clinic="Cơ sở Methadone",
        patient_code="MT-02",
        enrolled_on=dt.date(2026, 8, 12),
    )
    record_substitution_event(officer_a, treatment=treatment, kind="complete", on=dt.date(2026, 11, 1))
    assert status_of(person_a).status == Status.REHAB_COMPLETED
    assert [i.kind for i in due_items_for_commune(officer_a.commune_id)] == ["decide_aftercare"]
    aftercare = decide_aftercare(
        officer_a,
        treatment=treatment,
        decided_on=dt.date(2026, 11, 3),
        decision_number="40/QĐ-UBND",
        signer_name="Nguyễn Đình Thắng",
        assigned_helper="Hội Cựu chiến binh xã",
    )
    assert (aftercare.starts_on, aftercare.ends_on, aftercare.term_rule["code"]) == (
        dt.date(2026, 11, 1),
        dt.date(2027, 11, 1),
        "aftercare_term",
    )
    assert status_of(person_a).status == Status.AFTERCARE
