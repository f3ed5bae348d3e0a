"""Personal-data law by date (issue 23, item 9): each regime's rules with the article they come from,
the regime chosen by the date of the request or breach, and the grounds of refusal by kind."""

import datetime as dt

import pytest

from hoanhap.law import personal_data
from hoanhap.law import services as law
from hoanhap.law.rulebook import PD_DECREE_13, PD_LAW_91, Unit


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2022, 1, 1), None),  # no personal-data text set a deadline before Nghị định 13/2023
        (dt.date(2023, 6, 30), None),
        (dt.date(2023, 7, 1), PD_DECREE_13),
        (dt.date(2025, 12, 31), PD_DECREE_13),
        (dt.date(2026, 1, 1), PD_LAW_91),  # Luật 91/2025 Điều 38.1; Nghị định 356/2025 Điều 42
    ],
)
def test_the_personal_data_regime_follows_the_date(day, regime):
    assert personal_data.regime_on(day) == regime


@pytest.mark.parametrize(
    ("regime", "code", "value", "unit", "article", "verified"),
    [
        (
            PD_LAW_91,
            "data_request_response",
            2,
            Unit.WORKING_DAYS,
            "Nghị định 356/2025/NĐ-CP Điều 5.2–5.5",
            True,
        ),
        (PD_LAW_91, "data_request_fulfil_access", 10, Unit.CALENDAR_DAYS, "Điều 5.3", True),
        (PD_LAW_91, "data_request_fulfil_correction", 10, Unit.CALENDAR_DAYS, "Điều 5.3", True),
        (PD_LAW_91, "data_request_extension_correction", 10, Unit.CALENDAR_DAYS, "Điều 5.3", True),
        (PD_LAW_91, "data_request_fulfil_withdrawal", 15, Unit.CALENDAR_DAYS, "Điều 5.2", True),
        (PD_LAW_91, "data_request_fulfil_restriction", 15, Unit.CALENDAR_DAYS, "Điều 5.2", True),
        (PD_LAW_91, "data_request_fulfil_objection", 15, Unit.CALENDAR_DAYS, "Điều 5.2", True),
        (PD_LAW_91, "data_request_extension_objection", 15, Unit.CALENDAR_DAYS, "Điều 5.2", True),
        (PD_LAW_91, "data_request_fulfil_deletion", 20, Unit.CALENDAR_DAYS, "Điều 5.4", True),
        (PD_LAW_91, "data_request_extension_deletion", 20, Unit.CALENDAR_DAYS, "Điều 5.4", True),
        (PD_LAW_91, "data_request_fulfil_protection", 15, Unit.CALENDAR_DAYS, "Điều 5.5", True),
        (PD_LAW_91, "data_request_extension_protection", 15, Unit.CALENDAR_DAYS, "Điều 5.5", True),
        (PD_LAW_91, "data_request_fulfil_information", 10, Unit.CALENDAR_DAYS, "Điều 5.3", False),
        (PD_LAW_91, "breach_notification", 72, Unit.HOURS, "Luật 91/2025/QH15 Điều 23.1", True),
        (PD_LAW_91, "breach_notification_start", "from_detection", Unit.CHOICE, "Điều 23.1", True),
        (PD_LAW_91, "breach_notification_scope", "may_harm", Unit.CHOICE, "Điều 23.1", True),
        (
            PD_DECREE_13,
            "data_request_fulfil_access",
            72,
            Unit.HOURS,
            "Nghị định 13/2023/NĐ-CP Điều 14.3",
            True,
        ),
        (PD_DECREE_13, "data_request_fulfil_correction", 72, Unit.HOURS, "Điều 15.2", False),
        (PD_DECREE_13, "data_request_fulfil_deletion", 72, Unit.HOURS, "Điều 16.5", True),
        (PD_DECREE_13, "data_request_fulfil_restriction", 72, Unit.HOURS, "Điều 9.6.b", True),
        (PD_DECREE_13, "data_request_fulfil_objection", 72, Unit.HOURS, "Điều 9.8.b", True),
        (PD_DECREE_13, "breach_notification", 72, Unit.HOURS, "Nghị định 13/2023/NĐ-CP Điều 23.1", True),
        (PD_DECREE_13, "breach_notification_start", "from_occurrence", Unit.CHOICE, "Điều 23.1", True),
        (PD_DECREE_13, "breach_notification_scope", "every_breach", Unit.CHOICE, "Điều 23.1", True),
        (PD_DECREE_13, "breach_late_notice", "reason_required", Unit.CHOICE, "Điều 23.1", True),
    ],
)
def test_personal_data_rules_and_their_articles(db, regime, code, value, unit, article, verified):
    applied = law.rule(code, regime=regime)
    assert (applied.value, applied.unit, applied.verified) == (value, unit, verified)
    assert article in applied.citation


@pytest.mark.parametrize(
    "code",
    [
        "data_request_response",  # Nghị định 13/2023 set no time to acknowledge
        "data_request_fulfil_withdrawal",  # Điều 12: no period
        "data_request_fulfil_information",  # Điều 9.1: no period
        "data_request_fulfil_protection",
        "data_request_extension_deletion",  # no extension in Nghị định 13/2023
    ],
)
def test_decree_13_sets_no_such_period(db, code):
    assert personal_data.applied(code, regime=PD_DECREE_13) is None


def test_the_drug_law_regimes_no_longer_carry_personal_data_rules(db):
    from hoanhap.law.rulebook import LAW_73, LAW_120

    for regime in (LAW_73, LAW_120):
        assert not law.has_rule("breach_notification", regime=regime)
        assert not law.has_rule("data_request_response", regime=regime)


@pytest.mark.parametrize(
    ("regime", "kind", "codes"),
    [
        # Luật 91 Điều 10.1 (withdrawal, restriction): Điều 19, or other law; Điều 14.2 (deletion):
        # Điều 19 or Điều 4.3; Điều 15.2.a (provision): harm; NĐ 356 Điều 5.2 (objection): Điều 19.
        (PD_LAW_91, "withdrawal", {"article_19_state", "article_19_crime", "article_19_urgent", "other_law"}),
        (PD_LAW_91, "deletion", {"article_19_state", "article_19_crime", "article_19_urgent", "article_4_3"}),
        (PD_LAW_91, "objection", {"article_19_state", "article_19_crime", "article_19_urgent"}),
        (PD_LAW_91, "access", {"provision_harm"}),
        (PD_LAW_91, "protection", set()),
        # Nghị định 13/2023 Điều 16.2 (deletion), 14.4 (provision), Điều 9 ("luật có quy định khác").
        (PD_DECREE_13, "deletion", {"deletion_forbidden", "deletion_state", "deletion_crime", "other_law"}),
        (PD_DECREE_13, "access", {"provision_harm", "other_law"}),
    ],
)
def test_grounds_of_refusal_by_kind(regime, kind, codes):
    assert {g.code for g in personal_data.refusal_grounds(kind, regime=regime)} == codes
    assert personal_data.refusal_grounds(kind, regime=None) == ()
