"""PostgreSQL: indexes for the two expressions Wagtail's search relies on.

A GIN index on ``title || body``, the expression Wagtail's search filters on.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``. Without an index on that
expression PostgreSQL has no statistics for it either: it guesses one matching row, and with a
``LIMIT`` it then picks a nested loop over every page for every match — over 100 seconds for a
common word on 10 000 pages (bench/search.py). The index gives rare words an index scan and,
once analysed, the planner real numbers for common ones.

An index on ``wagtailcore_page.id::varchar(50)``: Wagtail joins pages to their index entries on
``page.id::varchar(50) = object_id`` (the entry's id is text, to fit any model), which no index
served, so every search scanned every page; with it, the matched entries look their pages up.
"""

from django.db import migrations

INDEX = "cms_search_title_body_gin"
PAGE_INDEX = "cms_search_page_id_text"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = _table(apps)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} ON wagtailcore_page ((id::varchar(50)))"
        )
        schema_editor.execute(f"ANALYZE {table}")
        schema_editor.execute("ANALYZE wagtailcore_page")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {PAGE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_promotion_permissions"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
