"""Drug tests: the clock a positive result starts for the management decision (Luật 120/2025 Điều
24.4.a; the old law's for a result received before 01/07/2026) and a minor's sample (Nghị định
105/2021 Điều 46.4)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hoanhap.cases.services.drug_tests import record_drug_test
from hoanhap.cases.tests.conftest import at


def test_positive_result_gives_24_hours_under_the_new_law(person_a, positive_test):
    test = positive_test(person_a, at(2026, 9, 1, 10))
    assert test.decision_due == at(2026, 9, 2, 10)
    assert test.decision_rule["regime"] == "law120" and "Điều 24.4.a" in test.decision_rule["citation"]


def test_positive_result_under_the_old_law_gives_3_working_days_even_across_the_change(
    person_a, positive_test
):
    # Received Monday 29/06/2026 under Luật 73: 3 working days end on Thursday 02/07/2026.
    test = positive_test(person_a, at(2026, 6, 29, 15))
    assert test.decision_due.astimezone(at(2026, 1, 1).tzinfo).date() == dt.date(2026, 7, 2)
    assert test.decision_rule["regime"] == "law73"


def test_negative_result_starts_no_clock_and_keeps_no_substances(person_a, positive_test):
    test = positive_test(person_a, result="negative")
    assert test.decision_due is None and test.substances == []


def test_minor_needs_guardian_consent_except_for_urine(officer_a, make_person, positive_test):
    minor = make_person(officer_a, full_name="Lê Văn Tý", birth_date=dt.date(2010, 3, 3))
    with pytest.raises(ValidationError, match=re.escape("Nghị định 105/2021 Điều 46.4")):
        positive_test(minor, sample="blood")
    assert positive_test(minor, sample="blood", guardian_consent=True).pk
    assert positive_test(minor, sample="urine").pk


def test_test_in_the_future_is_refused(person_a, positive_test):
    with pytest.raises(ValidationError):
        positive_test(person_a, at(2030, 1, 1))


def test_other_commune_cannot_record_a_test(officer_b, person_a):
    with pytest.raises(PermissionDenied):
        record_drug_test(officer_b, person=person_a, data={})
