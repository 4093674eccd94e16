"""The seed import, read back through `export_articles`, against
../shared/spec/seeds-expected.json, field for field."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.conftest import SEEDS, load_seeds_expected


@pytest.fixture
def exported(db):
    call_command("import_articles", str(SEEDS), verbosity=0)
    out = io.StringIO()
    call_command("export_articles", stdout=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {record["source_file"]: record for record in records}


def expected_articles():
    return load_seeds_expected()["articles"]


def names(items, key="name"):
    return {item[key] if isinstance(item, dict) else item for item in items}


@pytest.mark.parametrize("expected", expected_articles(), ids=lambda e: e["file"])
def test_seed_matches_expected(exported, expected):
    record = exported[expected["file"]]
    if expected["title"] is None:
        assert record["title_derived"] is True  # derived, and flagged for staff to review
    else:
        assert record["title"] == expected["title"]
    assert record["published"] == expected["published"]
    if expected.get("published_time"):
        assert record["published_time"].startswith(expected["published_time"])
    assert record["outlet"] == expected["outlet"]
    if expected.get("section"):
        assert record["section"] == expected["section"]
    if expected.get("dateline"):
        assert record["dateline"] == {
            "place": expected["dateline"]["place"],
            "date": expected["dateline"]["date"],
        }

    assert names(record["persons"]) == names(expected["persons"])
    roles = {p["name"]: (p["role"] or "").lower() for p in record["persons"]}
    for person in expected["persons"]:
        assert roles[person["name"]] == person["role"].lower(), person["name"]
    assert set(record["speakers"]) == set(expected["speakers"])
    organization_speakers = {
        q["speaker"] for q in record["quotes"] if q["speaker_kind"] == "organization"
    }
    assert organization_speakers == set(expected.get("organization_speakers", []))
    assert names(record["organizations"]) == names(expected["organizations"])

    found = {(Decimal(str(s["value"])), s["unit"].lower()): s for s in record["statistics"]}
    for statistic in expected["statistics"]:
        value = Decimal(str(statistic["value"]))
        same = found.pop((value, statistic["unit"].lower()), None)
        if same is None:  # a unit the spec paraphrases ("four opinions" as proposals)
            same = next(
                (
                    found.pop(key)
                    for key in list(found)
                    if key[0] == value and key[1] in statistic["as_written"].lower()
                ),
                None,
            )
        assert same is not None, statistic
    # Anything left over must be one of the spec's allowed extras ("ranked first" as rank 1).
    assert all(unit == "rank" and value == 1 for value, unit in found), found

    body = record["body"]
    for furniture in expected["not_in_body"]:
        assert furniture not in body
    assert set(expected["topics"]) & set(record["topics"])
