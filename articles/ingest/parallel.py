"""Parse many files on several cores, in order, for large imports.

Parsing is the costly half of an import and needs no database, so worker processes parse
while the importing process writes. Workers are spawned (not forked) so they share no
database connection; this module, like the whole pipeline, imports no Django.

Each worker has a pipe for chunks of paths and one for their results. The importer hands
out chunks in turn and reads results back in the same turn, so file order is kept without
a task queue or a result-collecting thread. (multiprocessing.Pool has both, and its worker-
minding thread wakes whenever a result waits unread: it cost the importing process about a
seventh of its CPU in a large import.)
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path
from typing import NoReturn

from articles.ingest.model import ParsedArticle, ParseError
from articles.ingest.pipeline import parse_file
from articles.ingest.topics import TopicDefinition

CHUNK = 16  # files a worker takes at a time: amortises the inter-process overhead
MAX_AHEAD = 32 * CHUNK  # files parsed or being parsed ahead of the importer: bounds memory


@dataclass
class FileResult:
    path: Path
    articles: list[ParsedArticle]
    error: str = ""


def parse_one(path: Path, vocabulary: list[TopicDefinition] | None, max_bytes: int) -> FileResult:
    """A file's articles, or the reason it has none; never raises for a bad file."""
    try:
        return FileResult(path, parse_file(path, vocabulary, max_bytes))
    except ParseError as exc:
        return FileResult(path, [], str(exc))
    except Exception as exc:  # a parser bug on one file must not stop the import
        return FileResult(path, [], f"{type(exc).__name__}: {exc}")


def parse_files(
    paths: Iterable[Path],
    vocabulary: list[TopicDefinition] | None,
    max_bytes: int,
    workers: int = 1,
) -> Iterator[FileResult]:
    """FileResults in the order of `paths`; with workers > 1, parsed in worker processes."""
    if workers <= 1:
        for path in paths:
            yield parse_one(path, vocabulary, max_bytes)
        return
    remaining = iter(paths)
    chunks = iter(lambda: list(islice(remaining, CHUNK)), [])
    crew: list[_Worker] = []
    try:
        for _ in range(workers):
            crew.append(_Worker(vocabulary, max_bytes))
        # Which worker holds each chunk handed out and not yet taken, oldest first. Each
        # worker returns its chunks in the order it got them, so taking results from the
        # oldest chunk's worker keeps file order (and slugs are assigned the same way every run).
        in_flight: deque[_Worker] = deque()

        def hand_out(worker: _Worker) -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                worker.give(chunk)
                in_flight.append(worker)

        ahead_per_worker = max(1, MAX_AHEAD // CHUNK // workers)
        for worker in islice(cycle(crew), ahead_per_worker * workers):
            hand_out(worker)
        while in_flight:
            worker = in_flight.popleft()
            results = worker.take()
            hand_out(worker)
            yield from results
        for worker in crew:
            worker.finish()
    finally:
        for worker in crew:
            worker.stop()  # at once, if the importer stopped early: nothing of theirs is kept


class _Worker:
    """One parsing process and its two pipes, as the importer sees it."""

    def __init__(self, vocabulary: list[TopicDefinition] | None, max_bytes: int) -> None:
        context = multiprocessing.get_context("spawn")
        chunks_in, self._chunks = context.Pipe(duplex=False)  # (receiving end, sending end)
        self._results, results_out = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work, args=(chunks_in, results_out, vocabulary, max_bytes), daemon=True
        )
        self._process.start()
        chunks_in.close()  # the worker's ends now live in the worker
        results_out.close()

    def give(self, chunk: list[Path]) -> None:
        try:
            self._chunks.send(chunk)
        except BrokenPipeError:
            self._stopped_unexpectedly()

    def take(self) -> list[FileResult]:
        try:
            return self._results.recv()
        except EOFError:
            self._stopped_unexpectedly()

    def finish(self) -> None:
        # If it died after sending its last results, nothing was lost.
        with contextlib.suppress(BrokenPipeError):
            self._chunks.send(None)
        self._process.join()

    def _stopped_unexpectedly(self) -> NoReturn:
        self._process.join(timeout=1)
        code = self._process.exitcode
        raise RuntimeError(f"a parsing process stopped unexpectedly (exit code {code})")

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._chunks.close()
        self._results.close()


def _work(chunks, results, vocabulary: list[TopicDefinition] | None, max_bytes: int) -> None:
    """A worker's life: parse each chunk as it comes, until told to stop.

    Results go out through a sending thread, so parsing goes on while a result waits for the
    importer to take it (the importer is busy writing a batch for most of the time). Their
    number is bounded by the chunks the importer hands out ahead.
    """
    outbox: queue.SimpleQueue[list[FileResult] | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, results))
    sender.start()
    for chunk in iter(chunks.recv, None):
        outbox.put([parse_one(path, vocabulary, max_bytes) for path in chunk])
    outbox.put(None)
    sender.join()


def _send_all(outbox: queue.SimpleQueue, results) -> None:
    try:
        for chunk_results in iter(outbox.get, None):
            results.send(chunk_results)
    except BaseException:
        # Ending the whole worker makes the importer report it stopped; otherwise the
        # importer would wait forever for a result that will never come.
        os._exit(1)
