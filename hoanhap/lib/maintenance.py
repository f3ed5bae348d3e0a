"""Database upkeep the daily scheduler runs."""

from django.db import connection


def refresh_statistics() -> str:
    """Keep the query planner's statistics current. Without them SQLite scans the whole person table
    for a commune officer's name search (its OR of the unit and people moved away is planned from
    guesses); PostgreSQL's autovacuum analyses by itself. Returns what ran."""
    if connection.vendor != "sqlite":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "PRAGMA optimize"


def analyse() -> None:
    """Full statistics now (after a bulk load)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
