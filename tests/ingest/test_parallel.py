"""Parallel parsing: file order kept, early stop clean, a dead worker reported, not waited for."""

from __future__ import annotations

import multiprocessing

import pytest

from articles.ingest import parallel

TEXT = "China grants patents\n\nBEIJING, May 4 (Xinhua) -- China granted {n} invention patents.\n"


def _files(tmp_path, count):
    paths = []
    for n in range(count):
        path = tmp_path / f"{n:03}.txt"
        path.write_text(TEXT.format(n=n + 1000), encoding="utf-8")
        paths.append(path)
    return paths


def test_results_come_in_file_order_with_a_small_window(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MAX_AHEAD", parallel.CHUNK)  # one chunk in flight
    paths = _files(tmp_path, 3 * parallel.CHUNK + 5)
    results = list(parallel.parse_files(paths, None, 1 << 20, workers=2))
    assert [result.path for result in results] == paths
    assert all(result.articles and not result.error for result in results)


def test_stopping_early_does_not_hang(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MAX_AHEAD", parallel.CHUNK)
    results = parallel.parse_files(_files(tmp_path, 4 * parallel.CHUNK), None, 1 << 20, workers=2)
    first = next(results)
    results.close()  # the importer failed: the workers must shut down
    assert multiprocessing.active_children() == []
    assert first.articles


def test_no_worker_outlives_the_import(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MAX_AHEAD", parallel.CHUNK)
    paths = _files(tmp_path, 3 * parallel.CHUNK)
    assert len(list(parallel.parse_files(paths, None, 1 << 20, workers=2))) == len(paths)
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_stops_the_import_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MAX_AHEAD", parallel.CHUNK)  # most chunks not yet parsed
    results = parallel.parse_files(_files(tmp_path, 8 * parallel.CHUNK), None, 1 << 20, workers=2)
    next(results)
    for process in multiprocessing.active_children():
        process.kill()
    with pytest.raises(RuntimeError, match="parsing process stopped unexpectedly"):
        list(results)
    assert multiprocessing.active_children() == []
