"""A covering index for counting a council's search results on PostgreSQL.

A common word matches a tenth of the petitions, where the trigram index does not pay; counting them then
reads every petition of the council. With ``search_text`` included in the council index, the count is an
index-only scan. PostgreSQL only (SQLite has no INCLUDE and needs none at a council's volume).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS petition_council_search ON voters_petition (council_id) INCLUDE (search_text)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS petition_council_search")


class Migration(migrations.Migration):
    dependencies = [("voters", "0005_petition_received_index")]

    operations = [migrations.RunPython(create, drop)]
