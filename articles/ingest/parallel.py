"""Parse many files on several cores, in order, for large imports.

Parsing is the costly half of an import and needs no database, so worker processes parse
while the importing process writes. Workers are spawned (not forked) so they share no
database connection; this module, like the whole pipeline, imports no Django.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from articles.ingest.model import ParsedArticle, ParseError
from articles.ingest.pipeline import parse_file
from articles.ingest.topics import TopicDefinition


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
    with context.Pool(workers, initializer=_init_worker, initargs=(vocabulary, max_bytes)) as pool:
        # imap keeps file order (so slugs are assigned the same way every run) and a small
        # chunk keeps memory flat while amortising the inter-process overhead.
        yield from pool.imap(_parse_in_worker, paths, chunksize=16)
