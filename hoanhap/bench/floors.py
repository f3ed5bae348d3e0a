"""The SQL floor for indicators: each population written by hand as SQL, each indicator one
aggregate over them through a raw cursor. The benchmark times these beside the ORM engine
(reports.indicators) and checks that both give the same numbers.

Dates are passed as parameters; a drug test's day is bounded by local midnights computed here, so
the same text runs on SQLite and PostgreSQL.
"""

from collections import Counter

from django.db import connection

from hoanhap.reports.facts import Period, day_starts
from hoanhap.reports.indicators import _previous

COUNSELLING_SERVICE = "'counselling'"
OVERLAPS = "s.starts_on <= %(end)s AND (s.ends_on IS NULL OR s.ends_on >= %(start)s)"

POPULATIONS: dict[str, str] = {
    "addicted": "SELECT person_id FROM cases_addictionassessment WHERE addicted AND result_on <= %(end)s",
    "managed_users": """
        SELECT m.person_id FROM cases_usermanagement m
        WHERE m.decided_on <= %(end)s AND m.ends_on >= %(end)s AND NOT EXISTS (
            SELECT 1 FROM cases_managementevent e WHERE e.management_id = m.id
            AND e.kind IN ('stop', 'terminate', 'renew') AND e."on" <= %(end)s)""",
    "aftercare": """
        SELECT a.person_id FROM cases_aftercare a
        WHERE a.starts_on <= %(end)s AND a.ends_on >= %(end)s AND NOT EXISTS (
            SELECT 1 FROM cases_aftercareeventrecord e WHERE e.aftercare_id = a.id
            AND e.kind IN ('complete', 'end') AND e."on" <= %(end)s)""",
    "in_rehab": """
        SELECT r.person_id FROM cases_rehabepisode r WHERE r.started_on <= %(end)s AND NOT EXISTS (
            SELECT 1 FROM cases_rehabeventrecord e WHERE e.episode_id = r.id
            AND e.kind IN ('complete', 'exit') AND e."on" <= %(end)s)""",
    "in_facility_rehab": """
        SELECT r.person_id FROM cases_rehabepisode r WHERE r.started_on <= %(end)s
        AND (r.form LIKE 'compulsory%%' OR r.form IN ('voluntary_public', 'voluntary_private'))
        AND NOT EXISTS (
            SELECT 1 FROM cases_rehabeventrecord e WHERE e.episode_id = r.id
            AND e.kind IN ('complete', 'exit') AND e."on" <= %(end)s)""",
    "in_home_rehab": """
        SELECT r.person_id FROM cases_rehabepisode r WHERE r.started_on <= %(end)s
        AND r.form = 'voluntary_community' AND NOT EXISTS (
            SELECT 1 FROM cases_rehabeventrecord e WHERE e.episode_id = r.id
            AND e.kind IN ('complete', 'exit') AND e."on" <= %(end)s)""",
    "on_substitution": """
        SELECT t.person_id FROM cases_substitutiontreatment t WHERE t.enrolled_on <= %(end)s
        AND NOT EXISTS (
            SELECT 1 FROM cases_substitutioneventrecord e WHERE e.treatment_id = t.id
            AND e.kind IN ('complete', 'quit', 'expel') AND e."on" <= %(end)s)""",
    "treated": """
        SELECT person_id FROM cases_rehabepisode WHERE started_on <= %(end)s
        UNION SELECT person_id FROM cases_substitutiontreatment WHERE enrolled_on <= %(end)s""",
    "completed": """
        SELECT r.person_id FROM cases_rehabeventrecord e JOIN cases_rehabepisode r ON r.id = e.episode_id
        WHERE e.kind = 'complete' AND e."on" BETWEEN %(start)s AND %(end)s
        UNION SELECT t.person_id FROM cases_substitutioneventrecord e
        JOIN cases_substitutiontreatment t ON t.id = e.treatment_id
        WHERE e.kind = 'complete' AND e."on" BETWEEN %(start)s AND %(end)s""",
    "aftercare_decided": """SELECT person_id FROM cases_aftercare
        WHERE decided_on BETWEEN %(start)s AND %(end)s""",
    "counselled": f"""
        SELECT m.person_id FROM cases_managementactivity a
        JOIN cases_usermanagement m ON m.id = a.management_id
        WHERE a.kind = 'counselling' AND a."on" BETWEEN %(start)s AND %(end)s
        UNION SELECT person_id FROM prevention_intervention
        WHERE kind IN ('counselling', 'brief') AND given_on BETWEEN %(start)s AND %(end)s
        UNION SELECT s.person_id FROM support_supportservice s
        WHERE s.kind = {COUNSELLING_SERVICE} AND {OVERLAPS}""",
    "informed": f"""
        SELECT m.person_id FROM cases_managementactivity a
        JOIN cases_usermanagement m ON m.id = a.management_id
        WHERE a.kind = 'counselling' AND a."on" BETWEEN %(start)s AND %(end)s
        UNION SELECT person_id FROM prevention_intervention
        WHERE kind IN ('counselling', 'brief', 'advice') AND given_on BETWEEN %(start)s AND %(end)s
        UNION SELECT s.person_id FROM support_supportservice s
        WHERE s.kind = {COUNSELLING_SERVICE} AND {OVERLAPS}""",
    "supported": f"SELECT s.person_id FROM support_supportservice s WHERE {OVERLAPS}",
    "vocational": f"""SELECT s.person_id FROM support_supportservice s
        WHERE s.kind = 'vocational' AND {OVERLAPS}""",
    "medical_psych": f"""SELECT s.person_id FROM support_supportservice s
        WHERE s.kind IN ('medical', 'psychological') AND {OVERLAPS}""",
    "positive_test": """SELECT person_id FROM cases_drugtest
        WHERE result = 'positive' AND tested_at >= %(from_time)s AND tested_at < %(to_time)s""",
    "screened": """SELECT person_id FROM prevention_screening
        WHERE screened_on BETWEEN %(start)s AND %(end)s""",
}


def _params(period: Period) -> dict:
    since, until = day_starts(period)
    return {"start": period.start, "end": period.end, "from_time": since, "to_time": until}


def _count_sql(spec: dict, scope: str) -> str:
    conditions = ["p.merged_into_id IS NULL", scope]
    conditions += [f"p.id IN ({POPULATIONS[code]})" for code in spec.get("all", [])]
    if spec.get("any"):
        conditions.append("(" + " OR ".join(f"p.id IN ({POPULATIONS[c]})" for c in spec["any"]) + ")")
    where = " AND ".join(c for c in conditions if c)
    return f"SELECT p.commune_id, COUNT(*) FROM people_person p WHERE {where} GROUP BY p.commune_id"


def scope_sql(*, commune_id: str | None = None, province_id: str | None = None) -> tuple[str, dict]:
    if commune_id:
        return "p.commune_id = %(unit)s", {"unit": commune_id}
    if province_id:
        return "p.province_id = %(unit)s", {"unit": province_id}
    return "", {}


def count(
    spec: dict, period: Period, *, commune_id: str | None = None, province_id: str | None = None
) -> Counter:
    scope, unit = scope_sql(commune_id=commune_id, province_id=province_id)
    with connection.cursor() as cursor:
        cursor.execute(_count_sql(spec, scope), {**_params(period), **unit})
        return Counter(dict(cursor.fetchall()))


def indicator(definition, period: Period, **unit) -> tuple[int, int | None]:
    """(numerator, denominator) summed over the unit's communes, as the engine reports them."""
    numerator = sum(count(definition.numerator, period, **unit).values())
    if definition.kind == "growth":
        before = sum(count(definition.numerator, _previous(period), **unit).values())
        return numerator - before, before
    if definition.kind == "count":
        return numerator, None
    return numerator, sum(count(definition.denominator, period, **unit).values())
