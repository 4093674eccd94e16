import io
import json

from django.core.management import call_command

from articles.models import Article

SCHEMA_KEYS = {
    "slug",
    "title",
    "title_derived",
    "published",
    "published_time",
    "date_basis",
    "dateline",
    "outlet",
    "section",
    "byline",
    "body",
    "source_file",
    "content_hash",
    "persons",
    "speakers",
    "organizations",
    "quotes",
    "statistics",
    "topics",
}


def export_lines(*args):
    out = io.StringIO()
    call_command("export_articles", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_follows_the_documented_schema(seeded):
    records = export_lines()
    assert len(records) == 5
    for record in records:
        assert set(record) == SCHEMA_KEYS
        assert set(record["dateline"]) == {"place", "date"}
        for person in record["persons"]:
            assert set(person) == {"name", "slug", "role", "affiliation"}
        for organization in record["organizations"]:
            assert set(organization) == {"name", "slug", "acronym"}
        for quote in record["quotes"]:
            assert set(quote) == {"speaker", "speaker_kind", "text", "direct"}
        for statistic in record["statistics"]:
            assert set(statistic) == {"value", "unit", "what", "qualifier", "year", "as_written"}
            assert isinstance(statistic["value"], (int, float))
    dates = [record["published"] for record in records]
    assert dates == sorted(dates)


def test_export_reflects_staff_corrections(seeded, tmp_path):
    article = Article.objects.get(published="2017-04-20")
    article.title = "A corrected headline"
    article.curated_fields = ["title"]
    article.save()
    target = tmp_path / "out.jsonl"
    call_command("export_articles", "--output", str(target), stderr=io.StringIO())
    titles = [json.loads(line)["title"] for line in target.read_text().splitlines()]
    assert "A corrected headline" in titles
