"""Score the importer on the seeds and on the hand-written dev set; unit-test the scorer.

    .venv/bin/pytest -p no:django -s tests/test_devset.py            # tables on stdout
    .venv/bin/pytest -p no:django -q tests/test_devset.py -k scorer  # scorer only

The tables are also written to test-results/devset-scores.txt and test-results/seeds-scores.txt.
Floors (the targets for unseen outlets) are asserted on the dev set only; the seeds are reported.
"""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from pathlib import Path

import pytest

from articles.ingest.model import (
    SPEAKER_ORGANIZATION,
    Header,
    OrganizationMention,
    ParsedArticle,
    PersonMention,
    Quote,
    Statistic,
)
from tests import devset_scoring as ds

# Targets on unseen outlets: accuracy for title/published, F1 for the rest.
FLOORS = ds.TARGETS

REPO = Path(__file__).resolve().parents[1]
DEVSET_DIR = REPO / "tests" / "fixtures" / "devset"
DEVSET_EXPECTED = DEVSET_DIR / "expected.json"
SEEDS_DIR = REPO / "seeds"
SEEDS_EXPECTED = Path(__file__).resolve().parents[2] / "shared/spec/seeds-expected.json"

CORPORA = {"seeds": (SEEDS_DIR, SEEDS_EXPECTED), "devset": (DEVSET_DIR, DEVSET_EXPECTED)}


def _corpus(name: str) -> tuple[Path, dict]:
    directory, expected = CORPORA[name]
    if not expected.exists():
        pytest.skip(f"{name}: expectations not found at {expected} (shared spec not mounted?)")
    return directory, ds.load_expected(expected)


def _file_params() -> list:
    params = []
    for name, (_, expected) in CORPORA.items():
        if expected.exists():
            for file, entries in ds.group_by_file(ds.load_expected(expected)).items():
                params.append(pytest.param(name, file, len(entries), id=f"{name}/{file}"))
        else:
            params.append(pytest.param(name, None, 0, id=f"{name}/missing"))
    return params


def _pipeline():
    try:
        return importlib.import_module("articles.ingest.pipeline")
    except ModuleNotFoundError as exc:
        if exc.name in ("articles.ingest.pipeline",):
            pytest.skip("articles/ingest/pipeline.py does not exist yet")
        raise


_PARSED: dict[tuple[str, str], list] = {}


def _parse(corpus: str, path: Path) -> list:
    """parse_file once per file per session (the per-file and the scoring tests share it)."""
    key = (corpus, path.name)
    if key not in _PARSED:
        _PARSED[key] = list(_pipeline().parse_file(path))
    return _PARSED[key]


# --------------------------------------------------------------------------- the importer


@pytest.mark.devset
@pytest.mark.parametrize(("corpus", "file", "records"), _file_params())
def test_parse_file_returns_one_article_per_record(corpus, file, records):
    directory, _ = _corpus(corpus)
    parsed = _parse(corpus, directory / file)
    assert len(parsed) == records, f"{file}: {len(parsed)} articles, expected {records}"
    for article in parsed:
        assert isinstance(article, ParsedArticle)
        assert article.body.strip(), f"{file}: empty body"


@pytest.mark.devset
@pytest.mark.parametrize("corpus", ["seeds", "devset"])
def test_scores(corpus):
    directory, doc = _corpus(corpus)
    _pipeline()
    floors = FLOORS if corpus == "devset" else {}  # the seeds are checked in test_seeds_expected
    ds.measure(corpus, directory, doc, lambda path: _parse(corpus, path), floors=floors)


# --------------------------------------------------------------------------- the fixtures


def test_scorer_devset_fixture_is_consistent():
    articles = ds.load_expected(DEVSET_EXPECTED)["articles"]
    assert len(articles) >= 18
    ds.check_fixtures(DEVSET_DIR, articles)
    assert any(e["title"] is None for e in articles)


def test_scorer_devset_encodings_are_what_they_claim():
    data = {p.name: p.read_bytes() for p in DEVSET_DIR.iterdir()}
    assert data["chinadaily_2020_uk_ip_london.txt"][:2] == b"\xff\xfe"
    assert data["govcn_2021_premier_ipr_bom.txt"][:3] == b"\xef\xbb\xbf"
    assert b"\r\n" in data["chinadaily_2023_spc_ip_cases_crlf.txt"]
    cp1252 = data["globaltimes_2023_huawei_licensing_cp1252.txt"]
    assert b"\x93" in cp1252 and b"\x94" in cp1252 and b"\x97" in cp1252
    gb = data["peoplesdaily_2020_ip_satisfaction_gb18030.txt"]
    assert "申长雨" in gb.decode("gb18030")
    for name in (
        "globaltimes_2023_huawei_licensing_cp1252.txt",
        "peoplesdaily_2020_ip_satisfaction_gb18030.txt",
    ):
        with pytest.raises(UnicodeDecodeError):
            data[name].decode("utf-8")


# --------------------------------------------------------------------------- the scorer

EXPECTED = {
    "file": "x.txt",
    "title": "China to expand IPR cooperation: Foreign Ministry",
    "published": "2021-11-09",
    "published_time": "18:03",
    "outlet": "Global Times",
    "persons": [
        {
            "name": "Wang Wenbin",
            "role": "Spokesperson",
            "affiliation": "Ministry of Foreign Affairs",
        },
        {"name": "Daren Tang", "role": "Director General", "affiliation": "WIPO"},
        {"name": "Li Shimeng", "role": "Editor", "affiliation": "Xinhua News Agency"},
    ],
    "speakers": ["Wang Wenbin", "Daren Tang"],
    "organization_speakers": ["Ministry of Foreign Affairs"],
    "organizations": [
        {"name": "World Intellectual Property Organization", "acronym": "WIPO"},
        {"name": "Ministry of Foreign Affairs", "acronym": None},
        {"name": "VCG", "acronym": None},
    ],
    "statistics": [
        {"value": Decimal("2.4"), "unit": "percent", "as_written": "2.4 percent"},
        {"value": 68000, "unit": "applications", "as_written": "68,000 applications"},
        {"value": Decimal("2443000000000"), "unit": "CNY", "as_written": "2.443 trillion yuan"},
    ],
    "not_in_body": ["SOURCE / ECONOMY", "IPR Photo:VCG"],
}


def perfect_article() -> ParsedArticle:
    return ParsedArticle(
        raw_text="...",
        body="China will further promote ...\n\nWang said ...",
        header=Header(
            title="China to expand IPR cooperation:  Foreign Ministry",
            published=dt.date(2021, 11, 9),
            published_time=dt.time(18, 3),
            outlet="Global Times",
        ),
        persons=[
            PersonMention("Wang Wenbin", role="spokesperson"),
            PersonMention("Daren Tang", role="Director General"),
            PersonMention("Li Shimeng", role="Editor"),
        ],
        organizations=[
            OrganizationMention("World Intellectual Property Organization", acronym="WIPO"),
            OrganizationMention("Ministry of Foreign Affairs"),
            OrganizationMention("VCG"),
        ],
        quotes=[
            Quote("Ministry of Foreign Affairs", "...", speaker_kind=SPEAKER_ORGANIZATION),
            Quote("Wang Wenbin", "..."),
            Quote("Daren Tang", "...", direct=False),
            Quote("Wang Wenbin", "..."),
        ],
        statistics=[
            Statistic(Decimal("2.40"), "Percent", "2.4 percent"),
            Statistic(Decimal("68000"), "application", "68,000"),
            Statistic(Decimal("2.443E12"), "yuan", "2.443 trillion yuan"),
        ],
    )


def score(article, expected=EXPECTED) -> ds.Scores:
    scores = ds.Scores()
    ds.score_article(article, expected, scores)
    return scores


def test_scorer_perfect_article_scores_one_everywhere():
    s = score(perfect_article())
    for name in ds.ACCURACY_FIELDS:
        assert s.accuracy[name].value == 1.0, name
    for name in ds.PRF_FIELDS:
        p = s.prf[name]
        assert (p.precision, p.recall, p.f1) == (1.0, 1.0, 1.0), name
    assert s.details == []
    assert s.prf["persons"].tp == 3
    assert s.prf["statistics"].tp == 3
    assert s.accuracy["furniture_removed"].total == 2


def test_scorer_equivalent_dict_scores_the_same():
    article = {
        "header": {"title": EXPECTED["title"], "published": "2021-11-09", "outlet": "global times"},
        "published_time": "18:03:00",
        "body": "clean body",
        "persons": [{"name": "Wang Wenbin", "role": "Spokesperson"}, "Daren Tang", "Li Shimeng"],
        "speakers": ["Wang Wenbin", "Daren Tang"],
        "organization_speakers": ["MOFA"],
        "organizations": ["WIPO", {"name": "Ministry of Foreign Affairs"}, "VCG"],
        "statistics": [
            {"value": "2.4", "unit": "%"},
            {"value": 68000, "unit": "applications"},
            {"value": "2,443,000,000,000", "unit": "RMB"},
        ],
    }
    s = score(article)
    assert s.accuracy["title"].value == 1.0
    assert s.accuracy["published_time"].value == 1.0
    assert s.accuracy["outlet"].value == 1.0
    assert s.prf["persons"].f1 == 1.0
    assert s.prf["person_roles"].tp == 1 and s.prf["person_roles"].fn == 2
    assert s.prf["organizations"].f1 == 1.0
    assert s.prf["statistics"].f1 == 1.0
    # 'MOFA' is neither the name nor a known acronym of the ministry
    assert (s.prf["organization_speakers"].tp, s.prf["organization_speakers"].fp) == (0, 1)


def test_scorer_title_normalization_and_mismatch():
    a = perfect_article()
    a.header.title = "CHINA TO EXPAND IPR COOPERATION: FOREIGN MINISTRY\n"
    assert score(a).accuracy["title"].value == 1.0
    a.header.title = "China to expand IPR cooperation"
    s = score(a)
    assert s.accuracy["title"].value == 0.0
    assert any("title" in d for d in s.details)
    curly = dict(EXPECTED, title="Huawei\u2019s patent revenue \u2014 record")
    a.header.title = "Huawei's patent revenue - record"
    assert score(a, curly).accuracy["title"].value == 1.0


def test_scorer_null_title_needs_review_flag():
    expected = dict(EXPECTED, title=None)
    a = perfect_article()
    a.header.title, a.header.title_derived = "Derived from the lead", True
    assert score(a, expected).accuracy["title"].value == 0.0  # derived but not flagged
    a.review_notes.append("title derived from the lead sentence")
    assert score(a, expected).accuracy["title"].value == 1.0


def test_scorer_dates_and_times():
    a = perfect_article()
    a.header.published = dt.date(2021, 11, 10)
    a.header.published_time = dt.time(18, 3, 5)
    s = score(a)
    assert s.accuracy["published"].value == 0.0
    assert s.accuracy["published_time"].value == 0.0
    a.header.published = None
    assert score(a).accuracy["published"].value == 0.0
    # no expected time: the field is not counted at all
    s = score(perfect_article(), {k: v for k, v in EXPECTED.items() if k != "published_time"})
    assert s.accuracy["published_time"].total == 0


def test_scorer_outlet_null_and_aliases():
    a = perfect_article()
    assert score(a, dict(EXPECTED, outlet=None)).accuracy["outlet"].value == 0.0
    a.header.outlet = ""
    assert score(a, dict(EXPECTED, outlet=None)).accuracy["outlet"].value == 1.0
    a.header.outlet = "The Associated Press"
    ap = dict(EXPECTED, outlet="Associated Press", outlet_aliases=["AP"])
    assert score(a, ap).accuracy["outlet"].value == 1.0
    a.header.outlet = "AP"
    assert score(a, ap).accuracy["outlet"].value == 1.0


def test_scorer_persons_precision_recall():
    a = perfect_article()
    a.persons = [
        PersonMention("wang  wenbin", role="Spokesperson"),
        PersonMention("Daren Tang", role="WIPO chief"),
        PersonMention("Wang", role=""),  # a surname left unresolved: a false positive
    ]
    s = score(a)
    p = s.prf["persons"]
    assert (p.tp, p.fp, p.fn) == (2, 1, 1)
    assert p.precision == pytest.approx(2 / 3) and p.recall == pytest.approx(2 / 3)
    r = s.prf["person_roles"]
    assert (r.tp, r.fp, r.fn) == (1, 1, 2)


def test_scorer_duplicates_are_false_positives():
    a = perfect_article()
    a.persons.append(PersonMention("Wang Wenbin"))
    a.statistics.append(Statistic(Decimal("2.4"), "percent", "2.4%"))
    s = score(a)
    assert (s.prf["persons"].tp, s.prf["persons"].fp) == (3, 1)
    assert (s.prf["statistics"].tp, s.prf["statistics"].fp) == (3, 1)


def test_scorer_speakers_come_from_person_quotes_only():
    a = perfect_article()
    assert a.speakers == ["Wang Wenbin", "Daren Tang"]
    a.quotes = [Quote("Wang Wenbin", "..."), Quote("Xi Jinping", "...")]
    s = score(a)
    sp = s.prf["speakers"]
    assert (sp.tp, sp.fp, sp.fn) == (1, 1, 1)
    os_ = s.prf["organization_speakers"]
    assert (os_.tp, os_.fp, os_.fn) == (0, 0, 1)


def test_scorer_organizations_match_by_name_or_acronym():
    a = perfect_article()
    a.organizations = [
        OrganizationMention("WIPO"),  # the expected acronym, given as the name
        OrganizationMention("Visual China Group", acronym="VCG"),  # acronym = expected name
        OrganizationMention("ministry of foreign affairs."),
        OrganizationMention("Xinhua News Agency"),  # not expected
    ]
    o = score(a).prf["organizations"]
    assert (o.tp, o.fp, o.fn) == (3, 1, 0)


def test_scorer_exact_org_names_are_matched_before_acronyms():
    expected = dict(
        EXPECTED,
        organizations=[
            {"name": "China National Intellectual Property Administration", "acronym": "CNIPA"},
            {"name": "CNIPA Patent Office", "acronym": None, "aliases": ["CNIPA"]},
        ],
    )
    a = perfect_article()
    a.organizations = [
        OrganizationMention("CNIPA"),
        OrganizationMention("China National Intellectual Property Administration"),
    ]
    o = score(a, expected).prf["organizations"]
    assert (o.tp, o.fp, o.fn) == (2, 0, 0)


def test_scorer_statistics_units_and_values():
    a = perfect_article()
    a.statistics = [
        Statistic(Decimal("2.4"), "percentage points", "2.4 points"),  # wrong unit
        Statistic(Decimal("68000"), "Applications", "68,000"),
        Statistic(Decimal("2443000000"), "CNY", "2.443 billion"),  # wrong value
        Statistic(Decimal("2035"), "", "2035"),  # a year is not a statistic
    ]
    s = score(a)
    st, vo = s.prf["statistics"], s.prf["statistics_value_only"]
    assert (st.tp, st.fp, st.fn) == (1, 3, 2)
    assert (vo.tp, vo.fp, vo.fn) == (2, 2, 1)
    assert st.f1 == pytest.approx(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("percent", "%"),
        ("per cent", "Percent"),
        ("yuan", "CNY"),
        ("U.S. dollars", "USD"),
        ("$", "usd"),
        ("HK$", "HKD"),
        ("countries and regions", "country and region"),
        ("centers", "center"),
        ("sub-centers", "Sub-center"),
        ("years", "year"),
        ("cases", "case"),
        ("patent holders", "patent holder"),
        ("companies", "company"),
        ("times", "time"),
        ("percentage points", "percentage point"),
    ],
)
def test_scorer_unit_normalization(a, b):
    assert ds.norm_unit(a) == ds.norm_unit(b)


def test_scorer_unit_normalization_keeps_different_units_apart():
    assert ds.norm_unit("percent") != ds.norm_unit("percentage points")
    assert ds.norm_unit("CNY") != ds.norm_unit("USD")
    assert ds.norm_unit("applications") != ds.norm_unit("patents")


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("patent holders", "holders", True),
        ("online stores", "store", True),
        ("provincial-level regions", "regions", True),
        ("Patent Applications", "applications", True),
        ("yuan", "CNY", True),
        ("percent", "percentage points", False),
        ("sub-centers", "centers", False),
        ("applications", "", False),
        ("", "", True),
        ("provinces, autonomous regions and municipalities", "provinces", False),
    ],
)
def test_scorer_units_agree_on_head_noun(a, b, agree):
    assert ds.units_agree(a, b) is agree
    assert ds.units_agree(b, a) is agree


def test_scorer_furniture_fraction():
    a = perfect_article()
    a.body = "SOURCE /  ECONOMY\nChina will ..."
    f = score(a).accuracy["furniture_removed"]
    assert (f.correct, f.total) == (1, 2)


def test_scorer_score_file_pairs_records_and_counts_missing_ones():
    first = dict(EXPECTED, file="feed.jsonl", record=0)
    second = dict(EXPECTED, file="feed.jsonl", record=1, title="Second record")
    scores = ds.Scores()
    ds.score_file([perfect_article()], [first, second], scores)
    assert scores.articles == 2
    assert scores.accuracy["title"].correct == 1
    assert scores.prf["persons"].fn == 3
    assert scores.accuracy["furniture_removed"].correct == 2  # a missing article removes nothing
    assert any("feed.jsonl[1]: no article parsed" in d for d in scores.details)


def test_scorer_score_corpus_counts_parse_errors_as_misses(tmp_path):
    doc = {"articles": [dict(EXPECTED, file="a.txt"), dict(EXPECTED, file="b.txt")]}

    def parse(path):
        if path.name == "b.txt":
            raise ValueError("unreadable")
        return [perfect_article()]

    scores = ds.score_corpus(parse, tmp_path, doc)
    assert scores.articles == 2
    assert scores.value("title") == 0.5
    assert scores.value("persons") == pytest.approx(2 * 0.5 / 1.5)  # P=1, R=0.5
    assert any("b.txt: parse failed: ValueError: unreadable" in d for d in scores.details)


def test_scorer_empty_lists_are_perfect_and_missing_finds_are_zero():
    expected = dict(EXPECTED, persons=[], speakers=[], organizations=[], statistics=[])
    expected.pop("organization_speakers")
    a = perfect_article()
    a.persons, a.quotes, a.organizations, a.statistics = [], [], [], []
    s = score(a, expected)
    assert s.prf["persons"].f1 == 1.0 and s.prf["statistics"].f1 == 1.0
    s = score(a)
    assert s.prf["persons"].f1 == 0.0 and s.prf["persons"].precision == 1.0


def test_scorer_render_table_shows_every_field_and_floor_misses():
    s = score(perfect_article())
    s.accuracy["title"].add(False)
    text = ds.render_table(s, title="unit", floors={"title": 0.95, "persons": 0.9})
    for name in ds.ACCURACY_FIELDS + ds.PRF_FIELDS:
        assert name in text
    title_row = next(line for line in text.splitlines() if line.startswith("title "))
    assert "0.500" in title_row and "0.95" in title_row and title_row.endswith("<")
    persons_row = next(line for line in text.splitlines() if line.startswith("persons "))
    assert "1.000" in persons_row and not persons_row.endswith("<")


def test_scorer_load_expected_keeps_decimals(tmp_path):
    path = tmp_path / "e.json"
    path.write_text('{"articles": [{"statistics": [{"value": 2.443}]}]}', encoding="utf-8")
    value = ds.load_expected(path)["articles"][0]["statistics"][0]["value"]
    assert value == Decimal("2.443") and isinstance(value, Decimal)
