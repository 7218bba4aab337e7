"""Make the database fold Vietnamese for full-text search (search/backends/ explains why).

PostgreSQL: the ``unaccent`` extension (a trusted extension: the database owner may create it)
and the text search configuration ``cms_vietnamese`` = ``unaccent`` then ``simple``.
SQLite: the triggers that copy Wagtail's index entries into the FTS5 table fold each column
with ``cms_fold()``, and the FTS5 table is refilled from the entries already indexed.

Entries indexed on PostgreSQL before this migration keep their old vectors until
``manage.py update_index`` runs (docs/deploy.md, upgrading); a new database needs nothing.
"""

from django.db import migrations

CONFIG = "cms_vietnamese"
COLUMNS = ("title", "body", "autocomplete")


def _tables(apps):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return table, f"{table}_fts"


def _sqlite_triggers(schema_editor, table, fts, wrap):
    """(Re)create Wagtail's insert and update triggers, each column passed through ``wrap``."""
    values = ", ".join(wrap(f"NEW.{column}") for column in COLUMNS)
    updates = ", ".join(f"{column}={wrap(f'NEW.{column}')}" for column in COLUMNS)
    execute = schema_editor.execute
    execute(f"DROP TRIGGER IF EXISTS insert_{table}_fts")
    execute(
        f"CREATE TRIGGER insert_{table}_fts AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}({', '.join(COLUMNS)}, rowid) VALUES ({values}, NEW.id); END"
    )
    execute(f"DROP TRIGGER IF EXISTS update_{table}_fts")
    execute(
        f"CREATE TRIGGER update_{table}_fts AFTER UPDATE ON {table} BEGIN "
        f"UPDATE {fts} SET {updates} WHERE rowid=NEW.id; END"
    )
    # Refill the FTS5 table so that entries indexed before match the new triggers.
    columns = ", ".join(wrap(column) for column in COLUMNS)
    execute(f"DELETE FROM {fts}")
    execute(f"INSERT INTO {fts}({', '.join(COLUMNS)}, rowid) SELECT {columns}, id FROM {table}")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN "
            f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple); "
            "END IF; END $$"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    elif vendor == "sqlite":
        table, fts = _tables(apps)
        _sqlite_triggers(schema_editor, table, fts, lambda column: f"cms_fold({column})")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # The extension stays: other configurations may use it.
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    elif vendor == "sqlite":
        table, fts = _tables(apps)
        _sqlite_triggers(schema_editor, table, fts, lambda column: column)


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
