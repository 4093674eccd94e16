"""Parse many files on several cores, in order, for large imports.

Parsing is the costly half of an import and needs no database, so worker processes parse
while the importing process writes. Workers are spawned (not forked) so they share no
database connection; this module, like the whole pipeline, imports no Django.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from articles.ingest.model import ParsedArticle, ParseError
from articles.ingest.pipeline import parse_file
from articles.ingest.topics import TopicDefinition

CHUNK = 16  # files a worker takes at a time
MAX_AHEAD = 32 * CHUNK  # files parsed or being parsed ahead of the importer: bounds memory


@dataclass
class FileResult:
    path: Path
    articles: list[ParsedArticle]
    error: str = ""


_worker_vocabulary: list[TopicDefinition] | None = None
_worker_max_bytes = 0


def _init_worker(vocabulary: list[TopicDefinition], max_bytes: int) -> None:
    global _worker_vocabulary, _worker_max_bytes
    _worker_vocabulary, _worker_max_bytes = vocabulary, max_bytes


def parse_one(path: Path, vocabulary: list[TopicDefinition] | None, max_bytes: int) -> FileResult:
    """A file's articles, or the reason it has none; never raises for a bad file."""
    try:
        return FileResult(path, parse_file(path, vocabulary, max_bytes))
    except ParseError as exc:
        return FileResult(path, [], str(exc))
    except Exception as exc:  # a parser bug on one file must not stop the import
        return FileResult(path, [], f"{type(exc).__name__}: {exc}")


def _parse_in_worker(path: Path) -> FileResult:
    return parse_one(path, _worker_vocabulary, _worker_max_bytes)


def parse_files(
    paths: Iterable[Path],
    vocabulary: list[TopicDefinition] | None,
    max_bytes: int,
    workers: int = 1,
) -> Iterator[FileResult]:
    """FileResults in the order of `paths`; with workers > 1, parsed in a process pool."""
    if workers <= 1:
        for path in paths:
            yield parse_one(path, vocabulary, max_bytes)
        return
    context = multiprocessing.get_context("spawn")
    ahead = _Throttle(MAX_AHEAD)
    with context.Pool(workers, initializer=_init_worker, initargs=(vocabulary, max_bytes)) as pool:
        try:
            # imap keeps file order (so slugs are assigned the same way every run); a chunk
            # amortises the inter-process overhead.
            for result in pool.imap(_parse_in_worker, ahead.paced(paths), chunksize=CHUNK):
                ahead.consumed()
                yield result
        finally:
            ahead.stop()  # before the pool's exit joins the thread that hands out paths


class _Throttle:
    """Keeps at most `limit` files handed to the workers and not yet taken by the importer.

    imap hands out every path at once and keeps every result until it is taken, so when
    the importer writes more slowly than the workers parse (PostgreSQL), parsed articles
    would pile up in memory in proportion to the import's size.
    """

    def __init__(self, limit: int) -> None:
        self._slots = threading.Semaphore(limit)
        self._stopped = threading.Event()

    def paced(self, paths: Iterable[Path]) -> Iterator[Path]:
        for path in paths:
            while not self._slots.acquire(timeout=0.1):
                if self._stopped.is_set():
                    return
            yield path

    def consumed(self) -> None:
        self._slots.release()

    def stop(self) -> None:
        self._stopped.set()
