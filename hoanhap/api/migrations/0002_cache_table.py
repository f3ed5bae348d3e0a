"""The table of Django's database cache (``settings.CACHES``), where every web worker counts the
API's requests per account. Made by a migration so that every machine that migrates has it: the
install, ``scripts/start``, the deploy and upgrade steps, the tests' database. Nothing is made when
the cache is memcached or Redis; an operator who moves to the database cache later runs
``manage.py createcachetable``."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for cache in settings.CACHES.values():
            if cache["BACKEND"] == DATABASE_CACHE:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(cache['LOCATION'])}")


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
