"""Score the importer on the held-out set: outlets and layouts it was never tuned on.

    .venv/bin/pytest -q -p no:cacheprovider -s tests/test_holdout.py   # table on stdout

The table and the mismatch list are written to test-results/holdout-scores.txt. The scoring test
asserts the same floors as the dev set but is an expected failure (not strict): the held-out
numbers are a measurement to report, never a target to tune on, and must not break CI.
Fixing a miss seen here by special-casing this set's text would make the set worthless: add the
case to the dev set instead and write new held-out articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest.pipeline import parse_file
from tests import devset_scoring as ds

REPO = Path(__file__).resolve().parents[1]
HOLDOUT_DIR = REPO / "tests" / "fixtures" / "holdout"
HOLDOUT_EXPECTED = HOLDOUT_DIR / "expected.json"


# --------------------------------------------------------------------------- the importer


@pytest.mark.xfail(strict=False, reason="held-out measurement: reported, not tuned on")
def test_holdout_scores():
    doc = ds.load_expected(HOLDOUT_EXPECTED)
    ds.measure("holdout", HOLDOUT_DIR, doc, parse_file)


# --------------------------------------------------------------------------- the fixtures


def test_holdout_fixture_is_consistent():
    articles = ds.load_expected(HOLDOUT_EXPECTED)["articles"]
    assert len(articles) >= 16
    ds.check_fixtures(HOLDOUT_DIR, articles)
    # no file shares its name with a dev-set file
    devset = {p.name for p in (REPO / "tests" / "fixtures" / "devset").iterdir()}
    assert not devset & {e["file"] for e in articles}


def test_holdout_encodings_are_what_they_claim():
    data = {p.name: p.read_bytes() for p in HOLDOUT_DIR.iterdir()}
    assert data["euipo_2022_cnipa_work_plan_utf16be.txt"][:2] == b"\xfe\xff"
    assert data["nikkei_2022_japan_brands_trademarks_bom.txt"][:3] == b"\xef\xbb\xbf"
    assert b"\r\n" in data["xinhua_feature_2022_dunhuang_designs_crlf.txt"]
    cp1252 = data["iam_2023_chongqing_frand_blog_cp1252.txt"]
    for byte in (b"\x80", b"\x92", b"\x93", b"\x94", b"\x95", b"\x96"):
        assert byte in cp1252, byte
    gb = data["bjipcourt_2023_seed_trade_secret_gb18030.txt"]
    assert "李雪梅" in gb.decode("gb18030")
    for name in (
        "iam_2023_chongqing_frand_blog_cp1252.txt",
        "bjipcourt_2023_seed_trade_secret_gb18030.txt",
    ):
        with pytest.raises(UnicodeDecodeError):
            data[name].decode("utf-8")
