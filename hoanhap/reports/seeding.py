"""The indicator definitions the migrations seed, put back where a test flushed the database
(transactional tests do, taking migration-seeded rows with them)."""

from importlib import import_module

from django.apps import apps

SEEDING_MIGRATIONS = ("0002_first_indicators", "0003_information_access")


def ensure_indicator_definitions() -> None:
    if apps.get_model("reports", "IndicatorDefinition").objects.exists():
        return
    for name in SEEDING_MIGRATIONS:
        import_module(f"hoanhap.reports.migrations.{name}").forward(apps, None)
