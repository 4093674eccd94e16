"""Parse-rate benchmark of the pipeline alone (no database):

    python -m articles.ingest.bench [PATH ...] [--seconds 5]

Reads the files once, then parses them round after round until the time is up, and prints
articles per second. Defaults to seeds/ and the dev set.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from articles.ingest.pipeline import parse_document
from articles.ingest.sources import SUPPORTED_SUFFIXES, read_documents
from articles.ingest.topics import load_default_vocabulary

DEFAULT_PATHS = ["seeds", "tests/fixtures/devset"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)

    documents = []
    for name in args.paths:
        path = Path(name)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix.lower() in SUPPORTED_SUFFIXES:
                documents.extend(read_documents(file))
    if not documents:
        raise SystemExit("no article files found")
    vocabulary = load_default_vocabulary()
    parse_document(documents[0], vocabulary)  # warm the caches (regexes, gazetteers)

    parsed, characters = 0, 0
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for document in documents:
            parse_document(document, vocabulary)
            parsed += 1
            characters += len(document.text)
    elapsed = time.perf_counter() - started
    print(f"documents: {len(documents)} distinct, {parsed} parsed in {elapsed:.1f} s")
    print(f"parse rate: {parsed / elapsed:,.0f} articles/s ({characters / elapsed / 1e6:.2f} MB/s)")


if __name__ == "__main__":
    main()
