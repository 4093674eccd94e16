from django.db import migrations, models

COPY_DATES = """
UPDATE articles_statistic SET published = (
    SELECT published FROM articles_article WHERE articles_article.id = articles_statistic.article_id
)
"""

# SQLite has no NULLS LAST in an index, and its DESC order already puts NULLs last;
# PostgreSQL's DESC puts them first unless told.
NEWEST_FIRST = {
    "sqlite": "CREATE INDEX statistic_newest_first ON articles_statistic "
    "(published DESC, article_id DESC, position)",
    "postgresql": "CREATE INDEX statistic_newest_first ON articles_statistic "
    "(published DESC NULLS LAST, article_id DESC, position)",
}


def create_index(apps, schema_editor):
    schema_editor.execute(NEWEST_FIRST[schema_editor.connection.vendor])


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX statistic_newest_first")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_entity_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalstatistic",
            name="published",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="statistic",
            name="published",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(COPY_DATES, migrations.RunSQL.noop),
        migrations.RunPython(create_index, drop_index),
    ]
