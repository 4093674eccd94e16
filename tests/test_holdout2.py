"""Score the importer on the second held-out set: outlets and layouts nobody has tuned on.

    .venv/bin/pytest -q -p no:cacheprovider -s tests/test_holdout2.py   # table on stdout

The set (tests/fixtures/holdout2/) was written without reading the importer, in the layouts of
outlets that neither the seeds, the dev set nor the first held-out set use. The table and the
mismatch list are written to test-results/holdout2-scores.txt. The scoring test asserts the same
floors as the dev set but is an expected failure (not strict): the numbers are a measurement to
report, never a target to tune on, and must not break CI. Fixing a miss seen here by
special-casing this set's text would make the set worthless: add the case to the dev set instead
and write new held-out articles.

Measured untouched first (title 0.82, published 0.53, persons F1 0.86, speakers 0.90,
organizations 0.86, statistics 0.89). The header, date and masthead forms it exposed were then
handled as general patterns (CJK and day-first dates, time zones, "Ends/" sign-offs, menus
without separators, headlines ending in "?", "Source: X <date>"), so its title, date and outlet
figures are no longer untouched; its people, speaker, organization and statistics figures are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.ingest.pipeline import parse_file
from tests import devset_scoring as ds

REPO = Path(__file__).resolve().parents[1]
HOLDOUT2_DIR = REPO / "tests" / "fixtures" / "holdout2"
HOLDOUT2_EXPECTED = HOLDOUT2_DIR / "expected.json"


# --------------------------------------------------------------------------- the importer


@pytest.mark.xfail(strict=False, reason="held-out measurement: reported, not tuned on")
def test_holdout2_scores():
    doc = ds.load_expected(HOLDOUT2_EXPECTED)
    ds.measure("holdout2", HOLDOUT2_DIR, doc, parse_file)


# --------------------------------------------------------------------------- the fixtures


def test_holdout2_fixture_is_consistent():
    articles = ds.load_expected(HOLDOUT2_EXPECTED)["articles"]
    assert len(articles) >= 16
    ds.check_fixtures(HOLDOUT2_DIR, articles)
    # no file shares its name with a dev-set or first held-out file
    taken = {
        p.name
        for name in ("devset", "holdout")
        for p in (REPO / "tests" / "fixtures" / name).iterdir()
        if p.name != "expected.json"
    }
    assert not taken & {e["file"] for e in articles}


def test_holdout2_encodings_are_what_they_claim():
    data = {p.name: p.read_bytes() for p in HOLDOUT2_DIR.iterdir()}
    assert data["economist_2023_briefing_patent_quality_utf16.txt"][:2] == b"\xff\xfe"
    assert "Mar 16th 2023" in data["economist_2023_briefing_patent_quality_utf16.txt"].decode(
        "utf-16"
    )
    assert data["yicai_2023_connected_car_patent_platform_bom.txt"][:3] == b"\xef\xbb\xbf"
    crlf = data["hkgov_2024_customs_counterfeit_crlf.txt"]
    assert b"\r\n" in crlf and b"\n" not in crlf.replace(b"\r\n", b"")
    cp1252 = data["taipeitimes_2023_chip_secrets_indictment_cp1252.txt"]
    for byte in (b"\x92", b"\x93", b"\x94", b"\x95", b"\x97", b"\xa9"):
        assert byte in cp1252, byte
    gb = data["thepaper_2024_ai_voice_ruling_gb18030.txt"]
    assert "2024年4月23日" in gb.decode("gb18030")
    assert "徐晶晶" in gb.decode("gb18030")
    for name in (
        "taipeitimes_2023_chip_secrets_indictment_cp1252.txt",
        "thepaper_2024_ai_voice_ruling_gb18030.txt",
        "economist_2023_briefing_patent_quality_utf16.txt",
    ):
        with pytest.raises(UnicodeDecodeError):
            data[name].decode("utf-8")
    for name, raw in data.items():
        if name.endswith((".html", ".jsonl")) or "_bom" in name or "crlf" in name:
            continue
        if name in ("expected.json",) or "cp1252" in name or "gb18030" in name or "utf16" in name:
            continue
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw, name
        raw.decode("utf-8")
    records = data["feed_dw_euronews_2023.jsonl"].decode("utf-8").splitlines()
    assert len(records) == 2 and all(json.loads(r)["text"] for r in records)
