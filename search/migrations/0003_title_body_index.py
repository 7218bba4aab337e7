"""PostgreSQL: a GIN index on the expression Wagtail's search filters on, ``title || body``.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``. Without an index on that
expression PostgreSQL has no statistics for it either: it guesses one matching row, and with a
``LIMIT`` it then picks a nested loop over every page for every match — over 100 seconds for a
common word on 10 000 pages (bench/search.py). The index gives rare words an index scan and,
once analysed, the planner real numbers for common ones.
"""

from django.db import migrations

INDEX = "cms_search_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = _table(apps)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))"
        )
        schema_editor.execute(f"ANALYZE {table}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_promotion_permissions")]

    operations = [migrations.RunPython(forwards, backwards)]
