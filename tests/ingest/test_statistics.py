"""The statistics extractor on the seed bodies and on other outlets' styles."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from articles.ingest.statistics import extract_statistics

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EXPECTED = Path("/work/shared/spec/seeds-expected.json")
PUBLISHED_YEARS = {"000": 2023, "001": 2023, "002": 2021, "003": 2017, "004": 2020}

# Page furniture around the seed stories; the real cleaner removes it before extraction.
FURNITURE = re.compile(
    r"^(?:Updated:|Published:|Source:|SOURCE\s*/|fontLarger|Editor:|SITEMAP|Copyright|"
    r"By continuing|Disinformation|IPR Photo:VCG|\d{4}-\d{2}-\d{2} \d{2}:)"
)


def seed_body(path: Path) -> str:
    """The story's paragraphs without the title and the header/footer lines."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    title = lines[0]
    kept = [line for line in lines if line and line != title and not FURNITURE.match(line)]
    body = "\n\n".join(dict.fromkeys(kept))  # the pages repeat some blocks
    return body.replace("[Photo/VCG] ", "")


def units(stats) -> list[tuple[Decimal, str]]:
    return [(s.value, s.unit) for s in stats]


def only(body: str, published_year: int | None = None):
    stats = extract_statistics(body, published_year)
    assert len(stats) == 1, [(s.as_written, s.unit) for s in stats]
    return stats[0]


# --- Seeds ------------------------------------------------------------------------------


def _seed_cases():
    if not EXPECTED.exists():
        return []
    articles = json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"]
    return [pytest.param(a["file"], a["statistics"], id=a["file"][:3]) for a in articles]


# "ranked first" may be kept as a rank of 1 (seeds-expected note on 004).
OPTIONAL = {"004": {(Decimal(1), "rank")}}
# A counted noun is the unit; the expected file names one figure by its meaning.
UNIT_SYNONYMS = {"proposals": {"proposals", "opinions"}}


@pytest.mark.parametrize(("filename", "expected"), _seed_cases())
def test_seed_statistics_match_the_expected_list(filename, expected):
    found = extract_statistics(seed_body(SEEDS / filename), PUBLISHED_YEARS[filename[:3]])
    optional = OPTIONAL.get(filename[:3], set())
    found = [s for s in found if (s.value, s.unit) not in optional]
    assert len(found) == len(expected), [(s.as_written, s.unit) for s in found]
    for stat, want in zip(found, expected, strict=True):
        assert stat.value == Decimal(str(want["value"]))
        assert stat.unit in UNIT_SYNONYMS.get(want["unit"], {want["unit"]})
        assert stat.as_written in want["as_written"] or want["as_written"] in stat.as_written
        assert stat.qualifier == (want.get("qualifier") or "")
        assert stat.year == want.get("year")


def test_seed_positions_point_at_the_figure():
    body = seed_body(SEEDS / "002_d02bb879e47e7af2.txt")
    for stat in extract_statistics(body, 2021):
        assert body[stat.position :].startswith(stat.as_written)
        assert stat.as_written in stat.sentence


def test_raw_seed_pages_yield_no_figures_from_furniture():
    """Phone numbers, ICP numbers, dates and times in the page furniture are not figures."""
    raw = (SEEDS / "001_e6b2fd43824966bb.txt").read_text(encoding="utf-8")
    assert extract_statistics(raw, 2023) == []
    header = "Published: Nov 09, 2021 06:03 PM\n\n2020-12-16 12:10:05\n\nUpdated: April 28, 2023"
    assert extract_statistics(header) == []


# --- Seed-like sentences ----------------------------------------------------------------


def test_money_with_a_converted_amount_gives_two_figures():
    stats = extract_statistics(
        "In 2020, China's spending on research and development reached 2.443 trillion yuan "
        "($381.95 billion), accounting for 2.4 percent of the country's GDP."
    )
    assert units(stats) == [
        (Decimal("2443000000000"), "CNY"),
        (Decimal("381950000000"), "USD"),
        (Decimal("2.4"), "percent"),
    ]
    assert [s.year for s in stats] == [2020, 2020, 2020]
    assert "research and development" in stats[0].what
    assert "GDP" in stats[2].what


def test_counted_noun_is_the_plural_head():
    stats = extract_statistics(
        "China has established 54 IPR protection centers and 22 sub-centers for overseas IPR "
        "dispute guidance."
    )
    assert units(stats) == [(Decimal(54), "centers"), (Decimal(22), "sub-centers")]
    assert stats[0].as_written == "54 IPR protection centers"


def test_coordinated_nouns_and_qualifier():
    stat = only("It has cooperation mechanisms with more than 80 countries and regions.")
    assert (stat.value, stat.unit, stat.qualifier) == (80, "countries and regions", "more than")
    assert stat.as_written == "more than 80 countries and regions"


def test_listed_nouns_and_partitives():
    stats = extract_statistics(
        "The survey polled 13,000 respondents across 31 provinces, autonomous regions and "
        "municipalities. Among them, 2,408 were criminal cases. More than 4,000 of the cases "
        "involved foreign parties, and 11 of its engineers left within 24 hours."
    )
    assert units(stats) == [
        (13000, "respondents"),
        (31, "provinces, autonomous regions and municipalities"),
        (2408, "cases"),
        (4000, "cases"),
        (11, "engineers"),
        (24, "hours"),
    ]


def test_bare_numbers_take_the_unit_counted_earlier_in_the_sentence():
    stats = extract_statistics(
        "China-based applicants filed 70,015 PCT applications in 2022, followed by the United "
        "States with 59,056 and Japan with 50,345."
    )
    assert units(stats) == [
        (70015, "applications"),
        (59056, "applications"),
        (50345, "applications"),
    ]


def test_a_headline_figure_restated_with_its_year_is_listed_once():
    stats = extract_statistics(
        "Commercialization rate rises to 48.1%\n\nThe rate rose to 48.1 percent in 2021."
    )
    assert [(s.value, s.unit, s.year) for s in stats] == [(Decimal("48.1"), "percent", 2021)]


def test_spelled_numbers_counting_a_noun():
    stats = extract_statistics(
        "There are six sub-forums waiting for guests. The event will last for two days. "
        "More than 70 guests from home and abroad will share their views."
    )
    assert units(stats) == [(6, "sub-forums"), (2, "days"), (70, "guests")]
    assert stats[2].qualifier == "more than"


def test_ranks():
    stats = extract_statistics(
        "China's ranking rose to 12th, the only middle-income economy in the top 30. "
        "Japan ranked 14th and Switzerland came first."
    )
    assert units(stats) == [(12, "rank"), (30, "rank"), (14, "rank"), (1, "rank")]
    assert [s.as_written for s in stats[:2]] == ["rose to 12th", "the top 30"]


def test_streaks_anniversaries_and_plan_lengths():
    stats = extract_statistics(
        "It led the world for the ninth year in a row and for two consecutive years in PCT "
        "filings. The State Council released a 5-year plan. This year marks the 50th "
        "anniversary of the cooperation."
    )
    assert units(stats) == [(9, "years"), (2, "years"), (5, "years"), (50, "years")]
    assert stats[0].as_written == "for the ninth year in a row"
    assert stats[2].as_written == "a 5-year plan"
    assert stats[3].year is None


def test_relative_year_uses_the_publication_year():
    stat = only("The office received 1.4 million patent applications last year.", 2020)
    assert (stat.value, stat.unit, stat.year) == (1400000, "applications", 2019)
    assert only("The office received 1.4 million patent applications last year.").year is None


# --- Not statistics ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Its first patent law came into force in 1985.",
        "It is drafting a guideline to build a strong IP country by 2035.",
        "Tang said so in an interview on October 27 and again on 28 October.",
        "Disinformation report hotline: 010-85061466",
        "Copyright © 2024 CGTN. 京ICP备20000184号",
        "The G20 summit discussed COVID-19 and Article 9 of the Patent Law.",
        "The targets are set in the 14th Five-Year Plan (2021-2025).",
        "The 20th CPC National Congress opened after the 2nd session of the 14th NPC.",
        "One of the delegates said one country cannot do it alone.",
        "China made the list for the first time, and it is the second-highest globally.",
        "The World Intellectual Property Indicators 2020 report shows progress.",
        "Zhang Wei, 45, said the meeting began at 10:30 am on Nov. 9.",
        "The two sides agreed to deepen cooperation during the two sessions.",
        "Tang praised the progress made over the past 50 years.",
        "It is drafting its plan for the next five years, and five years ago it had none.",
        "The 40-year-old engineer drives a 5G-enabled car on Route 66.",
        "Published: Nov 09, 2021 06:03 PM",
    ],
)
def test_not_statistics(text):
    assert extract_statistics(text, 2021) == []


# --- Other outlets ----------------------------------------------------------------------


def test_reuters_percent_change_to_an_amount():
    stats = extract_statistics("China's exports rose 5.2% to $1.3 billion in October.")
    assert units(stats) == [(Decimal("5.2"), "percent"), (Decimal(1300000000), "USD")]
    assert stats[1].as_written == "$1.3 billion"


def test_gov_cn_year_on_year_increase():
    stats = extract_statistics(
        "Total retail sales reached 47.1 trillion yuan in 2023, a year-on-year increase of "
        "7.2 percent."
    )
    assert units(stats) == [(Decimal("47100000000000"), "CNY"), (Decimal("7.2"), "percent")]
    assert [s.year for s in stats] == [2023, 2023]


def test_wipo_bare_total_takes_the_subject_noun():
    stats = extract_statistics("PCT applications grew by 0.6% to 278,100 in 2022, WIPO said.")
    assert units(stats) == [(Decimal("0.6"), "percent"), (Decimal(278100), "applications")]
    assert stats[1].year == 2022


def test_pct_the_treaty_is_not_percent():
    stats = extract_statistics("Chinese applicants filed 70,015 PCT applications, up 0.6 percent.")
    assert units(stats) == [(Decimal(70015), "applications"), (Decimal("0.6"), "percent")]


def test_half_year_reference():
    stat = only("In the first half of 2023, China granted 445,000 invention patents.")
    assert (stat.value, stat.unit, stat.year) == (445000, "patents", 2023)


def test_other_currencies():
    stats = extract_statistics(
        "HK$2.5 billion was invested, along with €300 million, £45m and RMB 10 billion. "
        "Huawei paid about 1.2 billion US dollars and 50 million Swiss francs."
    )
    assert units(stats) == [
        (Decimal(2500000000), "HKD"),
        (Decimal(300000000), "EUR"),
        (Decimal(45000000), "GBP"),
        (Decimal(10000000000), "CNY"),
        (Decimal(1200000000), "USD"),
        (Decimal(50000000), "CHF"),
    ]
    assert stats[4].qualifier == "about"
    assert stats[4].as_written == "about 1.2 billion US dollars"


def test_gii_ranks_and_place():
    stats = extract_statistics(
        "China ranked 11th in the Global Innovation Index 2023, while India is 40th globally "
        "and Singapore took fifth place."
    )
    assert units(stats) == [(11, "rank"), (40, "rank"), (5, "rank")]


def test_number_one_and_consecutive_ordinal_year():
    stats = extract_statistics(
        "China remained No. 1 in PCT filings for the fourth consecutive year."
    )
    assert units(stats) == [(1, "rank"), (4, "years")]


def test_number_of_subject_and_end_of_year():
    stat = only("The number of valid invention patents reached 4.015 million by the end of 2022.")
    assert (stat.value, stat.unit, stat.year) == (4015000, "patents", 2022)


def test_comparison_base_keeps_its_own_year_and_unit():
    stats = extract_statistics(
        "A total of 798,000 invention patents were granted, compared with 695,000 in 2021."
    )
    assert units(stats) == [(798000, "patents"), (695000, "patents")]
    assert [s.year for s in stats] == [None, 2021]


def test_founding_year_is_not_the_figures_year():
    stats = extract_statistics(
        "The company, founded in 1987, has about 207,000 employees in more than 170 countries "
        "and regions."
    )
    assert units(stats) == [(207000, "employees"), (170, "countries and regions")]
    assert [s.year for s in stats] == [None, None]
    assert [s.qualifier for s in stats] == ["about", "more than"]


def test_dateline_and_running_streak():
    stats = extract_statistics(
        "GENEVA, Sept 27 (Reuters) - Switzerland topped the index for the 13th year running. "
        "The 2023 edition, now in its 16th year, tracks 132 economies."
    )
    assert units(stats) == [(13, "years"), (132, "economies")]


def test_last_year_versus_named_base_year():
    stats = extract_statistics(
        "It exported goods worth $3.59 trillion last year, up from $3.36 trillion in 2021.", 2023
    )
    assert [(s.value, s.year) for s in stats] == [
        (Decimal("3590000000000"), 2022),
        (Decimal("3360000000000"), 2021),
    ]


def test_percentage_points_and_qualifiers():
    stats = extract_statistics(
        "The share fell 3.4 percentage points to nearly 12.5%, and roughly 4,500 firms left."
    )
    assert units(stats) == [
        (Decimal("3.4"), "percentage points"),
        (Decimal("12.5"), "percent"),
        (Decimal(4500), "firms"),
    ]
    assert [s.qualifier for s in stats] == ["", "nearly", "roughly"]


def test_scmp_style_glued_billions():
    stats = extract_statistics("The chipmaker raised US$2.1bn, or HK$16.4bn, from investors.")
    assert units(stats) == [(Decimal(2100000000), "USD"), (Decimal(16400000000), "HKD")]


def test_people_and_millions_alone():
    stats = extract_statistics(
        "Over 100 million people use the platform, which has 20 million daily users."
    )
    assert units(stats) == [(100000000, "people"), (20000000, "users")]
    assert stats[0].qualifier == "over"


def test_xinhua_durations_and_participants():
    stats = extract_statistics(
        "The three-day expo drew over 1,000 participants from 50 countries, and the ministry "
        "launched a three-year action plan."
    )
    assert units(stats) == [(3, "days"), (1000, "participants"), (50, "countries"), (3, "years")]


def test_a_figure_restated_later_is_listed_once():
    stats = extract_statistics(
        "This year marks the 50th anniversary. A letter was sent to the event marking the 50th "
        "anniversary."
    )
    assert units(stats) == [(50, "years")]


def test_values_are_normalized_decimals():
    stats = extract_statistics("Revenue reached 2.50 billion yuan, up 3.0 percent.")
    assert [str(s.value) for s in stats] == ["2500000000", "3"]


def test_sentence_split_keeps_abbreviations_together():
    stats = extract_statistics(
        "U.S. firms filed 59,000 applications. Dr. Li said Chinese firms filed 70,000 more."
    )
    assert [s.sentence for s in stats][0] == "U.S. firms filed 59,000 applications."
    assert stats[1].sentence.startswith("Dr. Li said")


# --- holdout-style figures (invented sentences) ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Last year the office received 31 204 design applications.",
            [(Decimal(31204), "applications")],
        ),
        ("That was 7.4 % of the total.", [(Decimal("7.4"), "percent")]),
        (
            "Firms faced 52 patent suits in 2023, up from 31 a year earlier.",
            [(Decimal(52), "suits"), (Decimal(31), "suits")],
        ),
        (
            "Courts heard 12,000 cases and awarded punitive damages in 410 of them.",
            [(Decimal(12000), "cases"), (Decimal(410), "cases")],
        ),
        ("The plan aims for 15 per 10,000 people by 2030.", []),
        (
            'The target for "valuable patents" is 15 per 10,000 people by 2030, up from 8.2.',
            [(Decimal(15), "patents"), (Decimal("8.2"), "patents")],
        ),
        ("There were 3.1 patents per 10,000 people.", [(Decimal("3.1"), "patents")]),
        ("Key facts: Six Chinese battery makers joined the pool.", [(Decimal(6), "makers")]),
        ("The court fined the firm and three of its managers.", [(Decimal(3), "managers")]),
        ("It is now the third-largest market for the brand.", [(Decimal(3), "rank")]),
        ("Fakes appeared three weeks after the launch.", [(Decimal(3), "weeks")]),
        ("He copied the files in the two weeks before he left.", [(Decimal(2), "weeks")]),
        (
            "The review covers more than 90 trading partners and places 20 of them on a list.",
            [(Decimal(90), "partners"), (Decimal(20), "partners")],
        ),
        (
            "It protects 50 French GIs in China and 50 Chinese GIs in France.",
            [(Decimal(50), "GIs"), (Decimal(50), "GIs")],
        ),
        (
            "Suits involving designs, trademarks and software reached 14,500 last year.",
            [(Decimal(14500), "suits")],
        ),
        ("Lawsuits are still rare, with only 42 filed last year.", [(Decimal(42), "lawsuits")]),
        (
            "It filed 0.8 million PCT and other overseas patent applications.",
            [(Decimal(800000), "applications")],
        ),
        ("Call +44 207 946 000 for details.", []),
    ],
)
def test_holdout_style_figures(body, expected):
    assert units(extract_statistics(body)) == expected


def test_bare_dollar_in_a_hong_kong_release_is_hkd():
    body = (
        "Hong Kong officers seized fake watches worth about $3 million. The Hong Kong court "
        "can impose a fine of $200,000."
    )
    assert {s.unit for s in extract_statistics(body)} == {"HKD"}


def test_bare_dollar_stays_usd_when_us_dollars_are_written():
    body = "Hong Kong firms paid US$5 million; a Hong Kong fund raised $2 million."
    assert {s.unit for s in extract_statistics(body)} == {"USD"}


def test_yen_symbol_in_a_japanese_story():
    body = (
        "Japanese publishers lost about ¥30 billion to piracy, a Tokyo group said. Police "
        "froze 2 million yuan in income."
    )
    units = [s.unit for s in extract_statistics(body)]
    assert units[0] == "JPY" and "CNY" in units


def test_yen_symbol_elsewhere_is_the_yuan():
    assert extract_statistics("Sales reached ¥5 billion in Shenzhen.")[0].unit == "CNY"
