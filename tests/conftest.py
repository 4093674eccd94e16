import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.browser import chromium  # noqa: F401  (the session's one browser, for every file)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEEDS_EXPECTED = REPO.parent / "shared" / "spec" / "seeds-expected.json"


def load_seeds_expected() -> dict:
    if not SEEDS_EXPECTED.exists():
        pytest.skip(f"{SEEDS_EXPECTED} is absent: clone the repo with ../shared beside it")
    return json.loads(SEEDS_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture
def seeded(db):
    """The five seed articles, imported as `make run` imports them."""
    call_command("import_articles", str(SEEDS), verbosity=0)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Pages are cached by URL (articles/freshness.py); tests change what a URL answers (e.g.
    the page size) and count queries, so each starts and ends with an empty cache."""
    cache.clear()
    yield
    cache.clear()
