from django.db import migrations, models

COPY_DATES = """
UPDATE articles_quote SET published = (
    SELECT published FROM articles_article WHERE articles_article.id = articles_quote.article_id
)
"""

# A speaker's quotes, and all quotes, newest first. SQLite has no NULLS LAST in an index and
# its DESC order already puts NULLs last; PostgreSQL's DESC puts them first unless told.
INDEXES = {
    "quote_person_newest": "person_id, published DESC{nulls}, article_id DESC, position",
    "quote_organization_newest": "organization_id, published DESC{nulls}, article_id DESC, position",
    "quote_newest": "published DESC{nulls}, article_id DESC, position",
}


def create_indexes(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON articles_quote ({columns.format(nulls=nulls)})"
        )


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_statistic_published"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalquote",
            name="published",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="quote",
            name="published",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(COPY_DATES, migrations.RunSQL.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
