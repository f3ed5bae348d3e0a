"""Every rule, table-driven, with the article it comes from; regimes and the Điều 56 transition."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hoanhap.audit.models import Action, AuditEntry
from hoanhap.law import services
from hoanhap.law.rulebook import LAW_73, LAW_120, RULES, Unit


@pytest.mark.parametrize(
    ("regime", "code", "value", "unit", "article"),
    [
        # Decision on managing an illegal drug user: 3 working days by the commune chairman, then 24 h by
        # the head of commune police.
        (LAW_73, "user_management_decision", 3, Unit.WORKING_DAYS, "Luật 73/2021 Điều 23.4"),
        (LAW_73, "user_management_decider", "commune_chairman", Unit.ROLE, "Luật 73/2021 Điều 23.4"),
        (LAW_120, "user_management_decision", 24, Unit.HOURS, "Luật 120/2025 Điều 24.4.a"),
        (LAW_120, "user_management_decider", "commune_police_head", Unit.ROLE, "Luật 120/2025 Điều 24.4.a"),
        (LAW_73, "user_management_term", 12, Unit.MONTHS, "Luật 73/2021 Điều 23.2"),
        (LAW_120, "user_management_term", 12, Unit.MONTHS, "Luật 120/2025 Điều 24.2"),
        (LAW_73, "residence_move_notice", 5, Unit.WORKING_DAYS, "Luật 73/2021 Điều 26.2"),
        (LAW_120, "residence_move_notice", 24, Unit.HOURS, "Luật 120/2025 Điều 27.2"),
        (LAW_120, "provider_notice", 24, Unit.HOURS, "Luật 120/2025 Điều 32.8.c"),
        (LAW_73, "provider_notice", 5, Unit.WORKING_DAYS, "Luật 73/2021 Điều 30.7.c"),
        (LAW_120, "community_rehab_registrar", "commune_police_head", Unit.ROLE, "Luật 120/2025 Điều 32.5"),
        (LAW_73, "community_rehab_registrar", "commune_chairman", Unit.ROLE, "Luật 73/2021 Điều 30.5"),
        (LAW_120, "rehab_term_first", 24, Unit.MONTHS, "Luật 120/2025 Điều 29.1"),
        (LAW_120, "rehab_term_repeat", 36, Unit.MONTHS, "Luật 120/2025 Điều 29.1"),
        (LAW_73, "rehab_term_voluntary", 6, Unit.MONTHS, "Luật 73/2021 Điều 30.2"),
        (LAW_73, "rehab_term_compulsory_adult", 12, Unit.MONTHS, "Điều 95"),
        (LAW_120, "dossier_reading_window", 3, Unit.WORKING_DAYS, "Luật 120/2025 Điều 35.3"),
        (LAW_120, "dossier_forwarding", 1, Unit.WORKING_DAYS, "Luật 120/2025 Điều 35.3"),
        (LAW_73, "dossier_forwarding", 1, Unit.WORKING_DAYS, "Luật 73/2021 Điều 34.3"),
        (LAW_120, "compulsory_limitation", 3, Unit.MONTHS, "Luật 120/2025 Điều 35.4"),
        (LAW_120, "compulsory_exclusion_child_months", 36, Unit.MONTHS, "Luật 120/2025 Điều 35.2"),
        (LAW_120, "minor_transfer_remaining", 3, Unit.MONTHS, "Luật 120/2025 Điều 36.4"),
        (LAW_120, "aftercare_term", 12, Unit.MONTHS, "Luật 120/2025 Điều 42.1"),
        (LAW_120, "aftercare_term_adult_compulsory", 24, Unit.MONTHS, "Luật 120/2025 Điều 42.2"),
        (LAW_120, "aftercare_decider", "commune_chairman", Unit.ROLE, "Luật 120/2025 Điều 42.6"),
        (LAW_120, "assessment_validity", 6, Unit.MONTHS, "Luật 120/2025 Điều 31.1.b"),
        (LAW_120, "violations_to_compulsory", 3, Unit.COUNT, "Luật 120/2025 Điều 47.4"),
        (LAW_120, "private_completion_report", 2, Unit.CALENDAR_DAYS, "Luật 120/2025 Điều 33"),
        (LAW_73, "residence_verification", 3, Unit.WORKING_DAYS, "Nghị định 105/2021 Điều 41"),
        (LAW_73, "residence_verification_remote", 10, Unit.WORKING_DAYS, "Nghị định 105/2021 Điều 41"),
        # What a positive result leads to, by the case the person is in (cases/positive.py).
        (LAW_120, "repeated_use_response", "assessment", Unit.CHOICE, "Luật 120/2025 Điều 31.1.c"),
        (LAW_73, "repeated_use_response", "assessment", Unit.CHOICE, "Luật 73/2021 Điều 27.1.a"),
        (LAW_120, "positive_in_aftercare", "assessment", Unit.CHOICE, "Luật 120/2025 Điều 31.1.d"),
        (LAW_73, "positive_in_aftercare", "assessment", Unit.CHOICE, "Luật 73/2021 Điều 27.1.d"),
        (LAW_120, "positive_in_voluntary_rehab", "used_in_voluntary", Unit.CHOICE, "Điều 35.1.b"),
        (LAW_73, "positive_in_voluntary_rehab", "used_in_voluntary", Unit.CHOICE, "Luật 73/2021 Điều 32.2"),
        (LAW_120, "positive_of_addicted", "none", Unit.CHOICE, "Luật 120/2025 Điều 24.5.a"),
        (LAW_73, "positive_of_addicted", "none", Unit.CHOICE, "Luật 73/2021 Điều 23.5.a"),
        (LAW_120, "positive_result_not_sent", "public_facility", Unit.CHOICE, "Luật 120/2025 Điều 23.2"),
        (LAW_73, "positive_result_not_sent", "compulsory", Unit.CHOICE, "Luật 73/2021 Điều 22.2"),
        (LAW_73, "not_addicted_under_management", "new_decision", Unit.CHOICE, "105/2021 Điều 43.2"),
        (LAW_120, "not_addicted_under_management", "new_decision", Unit.CHOICE, "áp dụng tiếp theo Luật 120"),
        (LAW_73, "assessment_referrer", "commune_police", Unit.ROLE, "Luật 73/2021 Điều 27.2"),
        (LAW_120, "positive_without_residence", "assessment", Unit.CHOICE, "Luật 120/2025 Điều 31.1.đ"),
        (LAW_73, "positive_without_residence", "assessment", Unit.CHOICE, "Luật 73/2021 Điều 27.1.b"),
        (LAW_73, "registration_after_aftercare_relapse", "not_required", Unit.CHOICE, "Điều 27.5.c"),
        (LAW_120, "registration_after_aftercare_relapse", "voluntary_public", Unit.CHOICE, "Điều 31.6"),
        (LAW_120, "aftercare_removal", "commune_police", Unit.ROLE, "Luật 120/2025 Điều 48.4"),
        (LAW_120, "residence_verification", "within_decision", Unit.CHOICE, "Điều 57.2"),
        # Electronic monitoring (Luật 120/2025 Điều 12; cases/services/monitoring.py).
        (
            LAW_120,
            "monitoring_subjects",
            "home_substitution_aftercare",
            Unit.CHOICE,
            "Luật 120/2025 Điều 12.1",
        ),
        (LAW_120, "monitoring_decider", "commune_police_head", Unit.ROLE, "Luật 120/2025 Điều 12.2"),
        (LAW_120, "monitoring_fault_report", "report_at_once", Unit.CHOICE, "Luật 120/2025 Điều 12.3.c"),
        (LAW_120, "monitoring_tampering", "per_government", Unit.CHOICE, "Luật 120/2025 Điều 12.3.b"),
        (LAW_120, "monitoring_term", "per_decision", Unit.CHOICE, "Luật 120/2025 Điều 12.4"),
    ],
)
def test_rule_values_and_citations(db, regime, code, value, unit, article):
    applied = services.rule(code, regime=regime)
    assert (applied.value, applied.unit) == (value, unit)
    assert article in applied.citation


def test_old_terms_are_ranges_a_decision_chooses_within(db):
    term = services.rule("rehab_term_compulsory_adult", regime=LAW_73)
    assert (term.value, term.max_value) == (12, 24)


def test_every_rule_has_a_citation_description_and_known_unit():
    for rules in RULES.values():
        for r in rules.values():
            assert r.citation and r.description and r.unit in Unit


def test_electronic_monitoring_term_is_unverified_until_the_government_details_it():
    """Luật 120/2025 Điều 12.4 leaves the term to a decree not yet issued; who applies it and to whom
    were read in the text (Điều 12.1–2)."""
    assert not RULES["law120"]["monitoring_term"].verified
    assert RULES["law120"]["monitoring_decider"].verified and RULES["law120"]["monitoring_subjects"].verified
    assert "monitoring_decider" not in RULES["law73"]


def test_decree_105_rules_are_unverified_under_the_new_law():
    assert RULES["law73"]["residence_verification"].verified
    assert not RULES["law120"]["residence_verification"].verified


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2022, 1, 1), LAW_73),
        (dt.date(2026, 6, 30), LAW_73),
        (dt.date(2026, 7, 1), LAW_120),
        (dt.date(2030, 1, 1), LAW_120),
    ],
)
def test_regime_in_force(day, regime):
    assert services.regime_on(day) == regime


def test_no_regime_before_2022_is_a_validation_error_that_names_the_first_day():
    """A fact dated before every regime is bad input (a 400 with its reason), not a server error."""
    with pytest.raises(services.NoRegimeError, match="01/01/2022"):
        services.regime_on(dt.date(2021, 12, 31))


def test_article_56_episode_started_before_keeps_the_old_term():
    # In rehab on 01/07/2026: finish under the old durations.
    assert services.regime_for_rehab_term(started_on=dt.date(2026, 5, 4)) == LAW_73
    assert services.regime_for_rehab_term(started_on=dt.date(2026, 7, 1)) == LAW_120


def test_article_56_dossier_prepared_before_but_decided_after_follows_the_new_law():
    assert services.regime_for_decision(decided_on=dt.date(2026, 7, 2)) == LAW_120
    assert services.regime_for_decision(decided_on=dt.date(2026, 6, 30)) == LAW_73


def test_administrator_may_override_only_unverified_rules(sysadmin):
    services.set_override(
        sysadmin, regime=LAW_120, code="addiction_criteria_threshold", value="3", note="Giữ nguyên"
    )
    with pytest.raises(ValidationError, match="kiểm chứng"):
        services.set_override(sysadmin, regime=LAW_120, code="user_management_term", value="6", note="x")
    assert AuditEntry.objects.filter(action=Action.RULE_CHANGE, actor=sysadmin).count() == 1


def test_override_takes_effect_without_changing_rules_already_applied(sysadmin):
    applied_before = services.rule("aftercare_decision_deadline", regime=LAW_120)
    services.set_override(
        sysadmin, regime=LAW_120, code="aftercare_decision_deadline", value="7", note="Nghị định mới, Điều X"
    )
    applied_after = services.rule("aftercare_decision_deadline", regime=LAW_120)
    assert (applied_before.value, applied_before.overridden) == (5, False)
    assert (applied_after.value, applied_after.overridden) == (7, True)
    assert applied_before.as_json()["value"] == 5  # what a case stored stays as it was


@pytest.mark.parametrize(("value", "note"), [("abc", "x"), ("0", "x"), ("-3", "x"), ("5", "  ")])
def test_override_values_are_checked(sysadmin, value, note):
    with pytest.raises(ValidationError):
        services.set_override(
            sysadmin, regime=LAW_120, code="aftercare_decision_deadline", value=value, note=note
        )


def test_only_administrators_override(officer_a):
    with pytest.raises(PermissionDenied):
        services.set_override(officer_a, regime=LAW_120, code="rehab_term_first", value="24", note="x")


def test_within_a_reading_the_latest_overrides_are_read_once(sysadmin, django_assert_num_queries):
    for value in ("6", "7"):
        services.set_override(
            sysadmin, regime=LAW_120, code="aftercare_decision_deadline", value=value, note="Văn bản mới"
        )
    with services.reading():
        with django_assert_num_queries(1):
            rules = [
                services.rule(code, regime=LAW_120)
                for code in ("aftercare_decision_deadline", "rehab_term_first", "aftercare_decision_deadline")
            ]
        assert [(r.value, r.overridden) for r in rules] == [(7, True), (24, False), (7, True)]
        # A change within the same reading is seen by the rules read after it.
        services.set_override(
            sysadmin, regime=LAW_120, code="aftercare_decision_deadline", value="8", note="Văn bản mới hơn"
        )
        assert services.rule("aftercare_decision_deadline", regime=LAW_120).value == 8


# Words of a drafting note, not of a citation (issue 23: "never as a drafting note"). Whether a value
# is confirmed is the rule's ``verified``, which the pages show in plain words.
DRAFTING = (
    "OCR",
    "khoảng Điều",
    "chưa lấy được",
    "cần đối chiếu",
    "chưa đối chiếu",
    "theo trang",
    "nguồn thứ cấp",
)


def test_citations_and_pages_carry_no_drafting_notes():
    from pathlib import Path

    from hoanhap.law.rulebook import CHECKLISTS, GROUNDS

    citations = [r.citation for rules in RULES.values() for r in rules.values()]
    citations += [g.citation for grounds in GROUNDS.values() for g in grounds]
    citations += [c.citation for lists in CHECKLISTS.values() for c in lists.values()]
    assert [c for c in citations if any(w in c for w in DRAFTING)] == []
    templates = Path(__file__).resolve().parents[2].glob("*/templates/**/*.html")
    noted = [str(t) for t in templates if any(w in t.read_text(encoding="utf-8") for w in DRAFTING)]
    assert noted == []


def test_dated_variants_split_their_regime_without_gap_or_overlap():
    """Issue 23 item 3: the sub-periods of a rule of Luật 73 (bodies removed on 01/03/2025 and
    01/07/2025) run from the regime's first day to its last, one after the other."""
    import itertools

    from hoanhap.law.rulebook import REGIMES, VARIANTS

    regimes = {r.code: r for r in REGIMES}
    for (regime_code, code), variants in VARIANTS.items():
        regime = regimes[regime_code]
        assert code in RULES[regime_code]
        assert variants[0].starts == regime.starts
        for before, after in itertools.pairwise(variants):
            assert before.ends is not None and after.starts == before.ends + dt.timedelta(days=1)
        assert variants[-1].ends in (None, regime.ends)


def test_a_rule_read_on_a_day_takes_that_days_variant(db):
    """Luật 73/2021 Điều 34.3 named the district labour office; from 01/03/2025 the district court
    (Thông tư liên tịch 03/2025), from 01/07/2025 the regional court; without a day, the law as adopted."""

    def recipient(day):
        return services.rule("compulsory_dossier_recipient", regime=LAW_73, on=day).value

    assert services.rule("compulsory_dossier_recipient", regime=LAW_73).value == "district_labour_office"
    assert recipient(dt.date(2025, 2, 28)) == "district_labour_office"
    assert recipient(dt.date(2025, 3, 1)) == "district_court"
    assert recipient(dt.date(2025, 6, 30)) == "district_court"
    assert recipient(dt.date(2025, 7, 1)) == "regional_court"
    applied = services.rule("compulsory_dossier_recipient", regime=LAW_73, on=dt.date(2025, 3, 1))
    assert not applied.verified and "03/2025" in applied.citation
