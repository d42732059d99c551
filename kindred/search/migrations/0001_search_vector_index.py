"""A GIN index on the vector Wagtail's PostgreSQL search backend actually matches against.

The backend filters on ``title || body`` (the two tsvectors of the search index, joined), and
Wagtail's own GIN indexes are on ``title`` and ``body`` separately, which that expression
cannot use: every search read and joined the whole index table (docs/performance.md). This
index is on the same expression, so PostgreSQL finds the matching entries from the index.
Nothing to do on SQLite (FTS5) or other databases.
"""

from django.db import migrations

INDEX = "kindred_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
