import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Organization, Person, PersonMention, Quote, Statistic
from tests.conftest import SEEDS


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_counts():
    return [
        model.objects.count()
        for model in (Article, Person, Organization, PersonMention, Quote, Statistic)
    ]


@pytest.mark.django_db
def test_import_of_seeds_creates_five_articles_with_entities():
    out, _ = run_import(SEEDS)
    assert "imported 5, updated 0, unchanged 0, failed 0" in out
    assert Article.objects.count() == 5
    assert Person.objects.filter(slug="li-qiang").exists()
    assert Person.objects.get(slug="li-qiang").articles.count() == 2
    assert Statistic.objects.exists()


@pytest.mark.django_db
def test_reimport_changes_nothing_and_creates_no_duplicates():
    run_import(SEEDS)
    before = table_counts()
    stamps = list(Article.objects.order_by("pk").values_list("updated_at", flat=True))
    out, _ = run_import(SEEDS)
    assert "imported 0, updated 0, unchanged 5, failed 0" in out
    assert table_counts() == before
    assert list(Article.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


@pytest.mark.django_db
def test_bad_files_are_reported_and_skipped_while_the_rest_import(tmp_path):
    for seed in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "broken.jsonl").write_text('{"title": "x", "text": "ok"}\n{not json\n')
    with pytest.raises(CommandError) as raised:
        run_import(tmp_path)
    message = str(raised.value)
    # A file with one bad record is skipped whole: nothing of it is half-written.
    assert "imported 2" in message
    assert "failed 3" in message
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_failure_reasons_name_the_file(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path / "empty.txt"), stderr=err)
    assert "empty.txt: skipped: empty file" in err.getvalue()


@pytest.mark.django_db
def test_missing_path_is_a_clear_error(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="failed 1"):
        call_command("import_articles", str(tmp_path / "missing.txt"), stderr=err)
    assert "missing.txt: skipped: cannot read file" in err.getvalue()


@pytest.mark.django_db
def test_parallel_parsing_gives_the_same_result_as_serial(tmp_path):
    out, _ = run_import("--workers", "2", SEEDS)
    assert "imported 5" in out
    parallel = sorted(Article.objects.values_list("slug", "published", "title"))
    Article.objects.all().delete()
    run_import("--workers", "1", SEEDS)
    assert sorted(Article.objects.values_list("slug", "published", "title")) == parallel


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    out, _ = run_import("--dry-run", SEEDS)
    assert "would have imported 5" in out
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_changed_file_updates_its_article_but_keeps_staff_corrections(tmp_path):
    seed = sorted(SEEDS.iterdir())[0]
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)
    run_import(copy)
    article = Article.objects.get()
    article.title = "Corrected by staff"
    article.curated_fields = ["title"]
    article.save()

    copy.write_text(seed.read_text(encoding="utf-8") + "\n\nA new closing paragraph.\n")
    out, _ = run_import(copy)
    assert "updated 1" in out
    article.refresh_from_db()
    assert Article.objects.count() == 1
    assert article.title == "Corrected by staff"
    assert "A new closing paragraph." in article.body


@pytest.mark.django_db
def test_curated_rows_survive_reextraction(tmp_path):
    seed = sorted(SEEDS.iterdir())[0]
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)
    run_import(copy)
    article = Article.objects.get()
    mention = article.person_mentions.get(person__slug="li-qiang")
    mention.role = "Premier of the State Council"
    mention.curated = True
    mention.save()
    copy.write_text(seed.read_text(encoding="utf-8") + "\n\nMore text.\n")
    run_import(copy)
    mention = article.person_mentions.get(person__slug="li-qiang")
    assert mention.role == "Premier of the State Council"
    assert article.person_mentions.filter(person__slug="li-qiang").count() == 1


@pytest.mark.django_db
def test_report_file_lists_each_file(tmp_path):
    report = tmp_path / "report.json"
    run_import("--report", report, SEEDS)
    data = json.loads(report.read_text())
    assert len(data["files"]) == 5
    assert {row["status"] for row in data["files"]} == {"imported"}
    assert all(row["persons"] >= 0 for row in data["files"])


@pytest.mark.django_db
def test_a_batch_with_an_article_the_database_refuses_loses_only_that_one():
    from decimal import Decimal

    from articles.ingest.model import Statistic as FoundStatistic
    from articles.ingest.pipeline import parse_file
    from articles.loader import ArticleLoader

    good, bad, other = (parse_file(path)[0] for path in sorted(SEEDS.iterdir())[:3])
    # A year the column's check constraint refuses: the whole batch's insert fails on it.
    bad.statistics.append(FoundStatistic(value=Decimal(1), unit="yuan", as_written="x", year=-1))
    statuses = ArticleLoader().load_batch([good, bad, other])
    assert statuses[0] == "imported" and statuses[2] == "imported"
    assert isinstance(statuses[1], Exception)
    assert Article.objects.count() == 2
    assert not Article.objects.filter(source_file=bad.source_file).exists()
    assert Statistic.objects.filter(as_written="x").count() == 0


@pytest.mark.django_db
def test_batch_and_single_loading_write_the_same_rows():
    from articles.ingest.pipeline import parse_file
    from articles.loader import ArticleLoader

    parsed = [parse_file(path)[0] for path in sorted(SEEDS.iterdir())]
    ArticleLoader().load_batch(parsed)
    batch_rows = table_counts()
    Article.objects.all().delete()
    loader = ArticleLoader()
    for article in parsed:
        loader.load(article)
    assert table_counts() == batch_rows


@pytest.mark.django_db
def test_kept_counts_are_fresh_after_loading_outside_the_command():
    from articles.ingest.pipeline import parse_file
    from articles.loader import ArticleLoader

    seeds = sorted(SEEDS.iterdir())
    loader = ArticleLoader()
    loader.load(parse_file(seeds[0])[0])  # the last article loaded: its own rows must count
    li_qiang = Person.objects.get(slug="li-qiang")
    assert li_qiang.mentioned_in == li_qiang.mentions.count() == 1
    assert li_qiang.quoted_in == 1
    loader.load_batch([parse_file(seeds[1])[0]])
    li_qiang.refresh_from_db()
    assert (li_qiang.mentioned_in, li_qiang.quoted_in) == (2, 2)


def test_article_files_come_in_sorted_path_order_without_a_list(tmp_path):
    from articles.ingest.sources import SUPPORTED_SUFFIXES
    from articles.management.commands.import_articles import ArticleFiles

    for name in ("b/c.txt", "b-c.txt", "b.txt", "B/a.html", "a/z.jsonl", "a/notes.md", "c.TXT"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "a")  # rglob does not follow it either
    single = tmp_path / "a" / "notes.md"  # a file named on the command line is taken as is

    files = ArticleFiles([str(tmp_path), str(single)])

    expected = sorted(
        path
        for path in tmp_path.rglob("*")
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
    )
    assert list(files) == [*expected, single]
    assert len(files) == len(expected) + 1
    assert list(files) == list(files)  # a second pass reads the folders again


def test_a_large_import_refreshes_the_planners_statistics(db, monkeypatch):
    from articles.management.commands import import_articles

    calls = []
    monkeypatch.setattr(import_articles, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(
        import_articles, "refresh_planner_statistics", lambda: calls.append("analyze")
    )
    call_command("import_articles", str(SEEDS), verbosity=0, workers=1)
    assert calls == ["analyze"]


def test_refreshing_the_planners_statistics_runs_inside_a_transaction(db):
    from articles.management.commands.import_articles import refresh_planner_statistics

    refresh_planner_statistics()  # ANALYZE on PostgreSQL (VACUUM can't run here), else nothing


@pytest.mark.django_db
def test_new_articles_never_take_a_deleted_articles_id():
    from articles.ingest.pipeline import parse_file
    from articles.loader import ArticleLoader

    first, second, third = (parse_file(path)[0] for path in sorted(SEEDS.iterdir())[:3])
    ArticleLoader().load_batch([first, second])
    newest = Article.objects.order_by("-pk").first()
    deleted_id = newest.pk
    newest.delete()
    ArticleLoader().load_batch([third])
    article = Article.objects.get(source_file=third.source_file)
    assert article.pk > deleted_id
    # Its rows point at it, and a later article made one at a time follows on.
    assert article.person_mentions.exists()
    assert ArticleLoader().load(parse_file(sorted(SEEDS.iterdir())[3])[0]).article.pk > article.pk


@pytest.mark.django_db
def test_imported_articles_read_back_as_written():
    """Articles are written as raw rows, not through the ORM: dates, times, timestamps and
    JSON must read back as the ORM would have stored them."""
    run_import(SEEDS)
    for article in Article.objects.all():
        assert article.created_at.tzinfo is not None and article.created_at == article.updated_at
        assert article.curated_fields == []
        assert article.published is None or article.published.year >= 2000
        assert all(isinstance(m.as_written, list) for m in article.person_mentions.all())
    timed = Article.objects.exclude(published_time=None)
    assert timed.exists()
    assert Article.objects.filter(published_time=timed[0].published_time).exists()


def test_bulk_writing_settings_last_only_as_long_as_the_import(db):
    from django.db import connection

    from articles.management.commands.import_articles import BULK_WAL_PAGES, bulk_writing

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write-ahead log settings")

    def settings_now():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size")
            return pages, cursor.fetchone()[0]

    before = settings_now()
    with bulk_writing():
        assert settings_now()[0] == BULK_WAL_PAGES
    assert settings_now() == before


def test_garbage_collection_is_sparser_only_during_an_import(db):
    import gc

    from articles.management.commands.import_articles import (
        IMPORT_GC_THRESHOLD,
        sparse_garbage_collection,
    )

    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    with sparse_garbage_collection():
        assert gc.get_threshold()[0] == IMPORT_GC_THRESHOLD
        assert gc.get_freeze_count() > frozen_before
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen_before

    run_import(SEEDS)  # the command itself leaves them as they were
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen_before


def test_postgresql_compresses_article_text_with_lz4_and_skips_unread_prefix_indexes(db):
    """Migrations 0013 and 0015: cheaper writes for each imported article on PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's column compression and LIKE-prefix indexes")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
            " AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone() is None:
            pytest.skip("this PostgreSQL was built without lz4")
        article = Article.objects.create(
            title="Long", slug="long", body="Patent filings rose again. " * 2000
        )
        cursor.execute(
            "SELECT pg_column_compression(body) FROM articles_article WHERE id = %s",
            [article.pk],
        )
        assert cursor.fetchone()[0] == "lz4"
        cursor.execute(
            "SELECT indexdef FROM pg_indexes"
            " WHERE tablename IN ('articles_statistic', 'articles_article')"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    for column in ("unit", "content_hash", "slug", "source_file"):
        assert any(f"({column})" in definition for definition in definitions), column
    assert not any("pattern_ops" in definition for definition in definitions)
