"""Trigram indexes for the accent-insensitive search on PostgreSQL (``search_text LIKE '%…%'``).

The folded text is searched with ``contains``; on PostgreSQL a GIN trigram index serves that query without a
scan. SQLite has no such index and needs none at a council's volume, so the operations run only on PostgreSQL.
"""

from django.db import migrations

TABLES = ("voters_petition", "voters_voteropinion", "voters_letter")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("voters", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
