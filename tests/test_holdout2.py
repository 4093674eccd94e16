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

import datetime as dt
import html
import importlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests import devset_scoring as ds

# The same targets as the dev set (see tests/test_devset.py).
FLOORS = {
    "title": 0.95,
    "published": 0.95,
    "persons": 0.9,
    "speakers": 0.9,
    "organizations": 0.9,
    "statistics": 0.8,
}

REPO = Path(__file__).resolve().parents[1]
HOLDOUT2_DIR = REPO / "tests" / "fixtures" / "holdout2"
HOLDOUT2_EXPECTED = HOLDOUT2_DIR / "expected.json"
RESULTS_DIR = REPO / "test-results"


def _pipeline():
    try:
        return importlib.import_module("articles.ingest.pipeline")
    except ModuleNotFoundError as exc:
        if exc.name in ("articles.ingest.pipeline",):
            pytest.skip("articles/ingest/pipeline.py does not exist yet")
        raise


# --------------------------------------------------------------------------- the importer


@pytest.mark.xfail(strict=False, reason="held-out measurement: reported, not tuned on")
def test_holdout2_scores():
    doc = ds.load_expected(HOLDOUT2_EXPECTED)
    pipeline = _pipeline()
    scores = ds.score_corpus(lambda path: list(pipeline.parse_file(path)), HOLDOUT2_DIR, doc)
    table = ds.render_table(scores, title=f"holdout2: {HOLDOUT2_DIR}", floors=FLOORS)
    report = f"{table}\n\nMismatches:\n{ds.render_details(scores) or '(none)'}\n"
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "holdout2-scores.txt").write_text(report, encoding="utf-8")
    print(f"\n{report}")
    below = {
        name: round(scores.value(name) or 0.0, 3)
        for name, floor in FLOORS.items()
        if (scores.value(name) or 0.0) < floor
    }
    assert not below, f"below floor: {below}\n{table}\n{ds.render_details(scores, limit=40)}"


# --------------------------------------------------------------------------- the fixtures

_ENCODINGS = {
    "utf-16": "utf-16",
    "gb18030": "gb18030",
    "windows-1252": "cp1252",
    "utf-8 with bom": "utf-8-sig",
}


def _raw_text(entry: dict) -> str:
    path = HOLDOUT2_DIR / entry["file"]
    encoding = next(
        (codec for k, codec in _ENCODINGS.items() if entry["encoding"].lower().startswith(k)),
        "utf-8",
    )
    text = path.read_bytes().decode(encoding)
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        record = records[entry["record"]]
        text = "\n".join(str(v) for v in record.values())
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return ds.norm_text(text)


def test_holdout2_fixture_is_consistent():
    doc = ds.load_expected(HOLDOUT2_EXPECTED)
    articles = doc["articles"]
    assert len(articles) >= 16
    for entry in articles:
        where = ds.label(entry)
        raw = _raw_text(entry)
        dt.date.fromisoformat(entry["published"])
        words = len(raw.split())
        assert 150 <= words <= 700, f"{where}: {words} words"
        if entry["title"]:
            assert ds.norm_text(entry["title"]) in raw, where
        names = {p["name"] for p in entry["persons"]}
        assert set(entry["speakers"]) <= names, where
        org_names = {o["name"] for o in entry["organizations"]}
        assert set(entry.get("organization_speakers", [])) <= org_names, where
        if entry["outlet"]:  # the outlet is one of the organizations
            assert any(ds.org_matches(o, entry["outlet"]) for o in entry["organizations"]), where
        for line in entry["not_in_body"]:
            assert ds.norm_text(line) in raw, f"{where}: furniture {line!r} not in the file"
        for stat in entry["statistics"]:
            assert isinstance(stat["value"], (int, Decimal)), where
            assert ds.norm_text(stat["as_written"]) in raw, f"{where}: {stat['as_written']!r}"
        for person in entry["persons"]:
            assert ds.norm_text(person["name"]) in raw, f"{where}: {person['name']}"
    assert any(e["file"].endswith(".html") for e in articles)
    assert sum(e["file"].endswith(".jsonl") for e in articles) == 2
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
