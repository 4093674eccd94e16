"""Drop indexes that another index already serves: each cost every import its upkeep.

Each key below is the first column of a unique constraint's or a composite index's index,
which answers the same lookups. Only the indexes are dropped, by name on both engines:
Django's own way on SQLite would rebuild each table, and with it drop the indexes and
triggers that 0003 and 0009 made by hand.

The article's date keeps its own index although article_newest_first leads with the same
column: without it SQLite's planner sorted the whole table for the home page's newest
articles (10 -> 240 ms at 100,000 articles).
"""

import django.db.models.deletion
from django.db import migrations, models

# (index, table, column), named as Django named them when it made them.
REDUNDANT_INDEXES = [
    ("articles_articletopic_article_id_ad109a30", "articles_articletopic", "article_id"),
    (
        "articles_organizationmention_article_id_6349f82f",
        "articles_organizationmention",
        "article_id",
    ),
    ("articles_personmention_article_id_e470d008", "articles_personmention", "article_id"),
    ("articles_personmention_person_id_3e0c6fbc", "articles_personmention", "person_id"),
    ("articles_quote_organization_id_57dd9943", "articles_quote", "organization_id"),
    ("articles_quote_person_id_79598ecc", "articles_quote", "person_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_person_roles_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="articletopic",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="topic_links",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="organizationmention",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organization_mentions",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="personmention",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="person_mentions",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="personmention",
                    name="person",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentions",
                        to="articles.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="quote",
                    name="organization",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quotes",
                        to="articles.organization",
                    ),
                ),
                migrations.AlterField(
                    model_name="quote",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quotes",
                        to="articles.person",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for index, table, column in REDUNDANT_INDEXES
            ],
        )
    ]
