"""Two costs of every article PostgreSQL writes, measured in a 20,000-article import.

- Compressing an article's long values (raw text, body, search vector) took about 7% of the
  server's CPU with PostgreSQL's own pglz; lz4 compresses several times faster (and
  decompresses faster for the article page) at a slightly larger size. Servers built
  without lz4 keep pglz. Values already stored keep their compression until rewritten.
- The statistic's unit had a second index for LIKE 'prefix%' lookups, which Django adds to
  every indexed text column on PostgreSQL; units are only ever compared whole and counted,
  so it was upkeep on the commonest row for nothing. Django drops indexes of this name
  with IF EXISTS, so a later change to the field is unaffected.
"""

from django.db import migrations

COMPRESSED_COLUMNS = ("raw_text", "body", "search_vector")
UNIT_PREFIX_INDEX = "articles_statistic_unit_bad6abf4_like"


def _lz4_available(cursor) -> bool:
    cursor.execute(
        "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
        " AND 'lz4' = ANY(enumvals)"
    )
    return cursor.fetchone() is not None


def _set_compression(method: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            if not _lz4_available(cursor):
                return
        columns = ", ".join(
            f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in COMPRESSED_COLUMNS
        )
        schema_editor.execute(f"ALTER TABLE articles_article {columns}")

    return run


def _drop_unit_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {UNIT_PREFIX_INDEX}")


def _restore_unit_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {UNIT_PREFIX_INDEX}"
            " ON articles_statistic (unit varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_search_index_written_by_bulk_loads")]
    operations = [
        migrations.RunPython(_set_compression("lz4"), _set_compression("default")),
        migrations.RunPython(_drop_unit_prefix_index, _restore_unit_prefix_index),
    ]
