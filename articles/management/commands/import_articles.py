"""Import raw article files: `python manage.py import_articles PATH [PATH ...]`."""

from __future__ import annotations

import gc
import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from articles import facet_index, freshness
from articles.ingest.parallel import parse_files
from articles.ingest.sources import SUPPORTED_SUFFIXES
from articles.loader import (
    IMPORTED,
    UNCHANGED,
    UPDATED,
    ArticleLoader,
    content_hash,
    vocabulary_from_database,
)
from articles.models import Article

FAILED = "failed"
BATCH_SIZE = 200  # new articles written together (see ArticleLoader.load_batch)
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves
BULK_WAL_PAGES = 65_536  # SQLite's write-ahead log before a checkpoint, in pages (bulk_writing)
BULK_CACHE_KB = 65_536  # SQLite's page cache during an import
IMPORT_GC_THRESHOLD = 10_000  # allocations between young-generation collections (default 700)


def refresh_planner_statistics() -> None:
    """After a large import PostgreSQL still believes the tables are small (autovacuum comes
    later): it guessed 252 mentions for a person in 12,521 and sorted all of them for a page
    of 20, and with no visibility map it counts a person's quotes from the table rather than
    the index. VACUUM (ANALYZE) fixes both in seconds; inside a transaction (as in tests)
    only ANALYZE can run."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


@contextmanager
def bulk_writing():
    """SQLite settings for the length of an import (they matter for a large one).

    At every commit SQLite copies the write-ahead log into the database once the log passes
    1,000 pages (4 MB); a batch of 200 articles dirties some 9,000 pages scattered over a
    dozen indexes, so each commit was followed by a checkpoint rewriting them all, and at
    100,000 articles the checkpoints wrote ten times the data inserted. A 256 MB log is
    copied every few batches instead, each page once however often it changed, and a larger
    page cache keeps the indexes' upper levels from being read again. The log is emptied at
    the end, so readers don't carry a long one.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        autocheckpoint = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_PAGES}")
        cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            if not connection.in_atomic_block:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextmanager
def sparse_garbage_collection():
    """Fewer passes of the cycle collector for the length of an import.

    The importer allocates millions of small objects (parsed articles arriving from the
    workers, row tuples) and almost none of them form cycles, so the collector's passes find
    next to nothing; yet each older-generation pass also walked every object Django and the
    gazetteers had loaded. Freezing what exists at the start takes those out of its view,
    and a higher threshold makes the young passes rarer: about a tenth less CPU in the
    importing process. Both are undone at the end.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(IMPORT_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class ArticleFiles:
    """Files named, plus the article files under each folder named, in a stable order (each
    folder's as `sorted(folder.rglob("*"))` gives them).

    Folders are read again on each pass instead of holding every path: for a 100,000-file
    import the list of Paths alone took some 50 MB for the whole run.
    """

    def __init__(self, paths: list[str]) -> None:
        self._roots = [Path(name) for name in paths]
        self.count = sum(1 for _ in self)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Path]:
        for root in self._roots:
            if root.is_dir():
                yield from _article_files_under(root)
            else:
                yield root


def _article_files_under(folder: Path) -> Iterator[Path]:
    """Depth first, each folder's entries by name, which is the order of sorted paths. Like
    rglob, it skips unreadable folders and does not follow symlinked ones."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except PermissionError:
        return
    for entry in entries:
        path = folder / entry.name
        if entry.is_dir() and not entry.is_symlink():
            yield from _article_files_under(path)
        elif entry.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


class Command(BaseCommand):
    help = "Import raw article files (.txt, .html, .jsonl) or folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )
        parser.add_argument("--report", help="write each file's status and counts to this JSON")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="parsing processes (default: the number of cores, for 200 files or more)",
        )

    def handle(self, *args, paths, dry_run=False, report=None, workers=None, **options):
        files = ArticleFiles(paths)
        if not files:
            raise CommandError("No article files found in: " + ", ".join(paths))
        vocabulary = vocabulary_from_database()
        loader = None if dry_run else ArticleLoader()
        report_writer = ReportWriter(Path(report)) if report else None
        if workers is None:
            workers = (os.cpu_count() or 1) if len(files) >= PARALLEL_THRESHOLD else 1
        # One change stamp for the whole import, not one per article (articles/freshness.py).
        with sparse_garbage_collection(), bulk_writing(), freshness.batch():
            totals = self._import(files, vocabulary, loader, workers, report_writer)
        if loader is not None:
            if totals[IMPORTED] >= PARALLEL_THRESHOLD:
                refresh_planner_statistics()
            facet_index.current()  # built now and shared, so no reader waits for it
        if report_writer:
            report_writer.close(totals)
        summary = (
            f"{'Dry run: would have ' if dry_run else ''}"
            f"imported {totals[IMPORTED]}, updated {totals[UPDATED]}, "
            f"unchanged {totals[UNCHANGED]}, failed {totals[FAILED]} ({len(files)} files)"
        )
        if totals[FAILED]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _import(self, files, vocabulary, loader, workers, report_writer) -> Counter[str]:
        totals: Counter[str] = Counter()
        pending: list[tuple[Path, object]] = []  # parsed articles waiting for their batch

        def flush() -> None:
            if loader is None:
                statuses = [self._dry_run_status(parsed) for _, parsed in pending]
            else:
                statuses = loader.load_batch([parsed for _, parsed in pending])
            for (path, parsed), status in zip(pending, statuses, strict=True):
                if isinstance(status, Exception):
                    source = parsed.source_file or path
                    self._fail(source, f"{type(status).__name__}: {status}", totals, report_writer)
                    continue
                totals[status] += 1
                if report_writer:
                    report_writer.write(_report_row(path, status, parsed=parsed))
            pending.clear()

        results = parse_files(files, vocabulary, settings.IMPORT_MAX_FILE_BYTES, workers)
        progress = tqdm(results, total=len(files), unit="file", disable=len(files) < 200 or None)
        for result in progress:
            if result.error:
                self._fail(result.path, result.error, totals, report_writer)
                continue
            pending.extend((result.path, parsed) for parsed in result.articles)
            if len(pending) >= BATCH_SIZE:
                flush()
        if pending:
            flush()
        progress.close()
        return totals

    def _fail(self, path: Path, reason: str, totals: Counter, report_writer) -> None:
        totals[FAILED] += 1
        if report_writer:
            report_writer.write(_report_row(path, FAILED, error=reason))
        self.stderr.write(f"{path}: skipped: {reason}")

    def _dry_run_status(self, parsed) -> str:
        if Article.objects.filter(content_hash=content_hash(parsed.raw_text)).exists():
            return UNCHANGED
        if Article.objects.filter(source_file=parsed.source_file).exists():
            return UPDATED
        return IMPORTED


class ReportWriter:
    """Streams the per-file report as it goes, so a 100,000-file import keeps memory flat."""

    def __init__(self, path: Path) -> None:
        self._stream = path.open("w", encoding="utf-8")
        self._stream.write('{"files": [\n')
        self._first = True

    def write(self, row: dict) -> None:
        self._stream.write(("" if self._first else ",\n") + json.dumps(row, ensure_ascii=False))
        self._first = False

    def close(self, totals: Counter) -> None:
        self._stream.write(f'\n], "totals": {json.dumps(dict(totals))}}}\n')
        self._stream.close()


def _report_row(path: Path, status: str, parsed=None, error: str = "") -> dict:
    row = {"file": str(path), "status": status, "error": error}
    if parsed is not None:
        row.update(
            source=parsed.source_file,
            title=parsed.header.title,
            persons=len(parsed.persons),
            organizations=len(parsed.organizations),
            quotes=len(parsed.quotes),
            statistics=len(parsed.statistics),
            topics=len(parsed.topics),
        )
    return row
