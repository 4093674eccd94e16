"""Organization extraction: the seed articles, then sentences in other outlets' styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from articles.ingest.model import (
    ORG_COMPANY,
    ORG_COURT,
    ORG_GOVERNMENT,
    ORG_INTERNATIONAL,
    ORG_MEDIA,
    ORG_PARTY,
)
from articles.ingest.organizations import (
    _CONTEXT_BEFORE_RE,
    _context_before_ends,
    extract_organizations,
    lookup_organization,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Header and furniture lines of the seeds; the pipeline removes these before extraction.
_FURNITURE_RE = re.compile(
    r"^(?:Updated:|Source:|SOURCE\s/|Published:|Editor:|fontLarger|SITEMAP|Copyright|"
    r"Disinformation|By continuing|IPR Photo:|\d{4}-\d\d-\d\d \d\d:)"
)
_CREDIT_RE = re.compile(r"\[Photo/VCG\]\s*|\s*\(Xinhua/[^)]*\)")


def seed_body(prefix: str) -> str:
    """The seed's story paragraphs, as the pipeline hands them over (headline dropped)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    story = [_CREDIT_RE.sub("", line) for line in lines if line and not _FURNITURE_RE.match(line)]
    return "\n\n".join(story[1:] if prefix != "001" else story)


def names(body: str) -> list[str]:
    return [organization.name for organization in extract_organizations(body)]


def by_name(body: str) -> dict:
    return {organization.name: organization for organization in extract_organizations(body)}


WIPO = "World Intellectual Property Organization"
SIPO = "State Intellectual Property Office"
MFA = "Ministry of Foreign Affairs"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", [WIPO, "Xinhua News Agency"]),
        ("001", ["State Council", "Xinhua News Agency"]),
        ("002", [WIPO, MFA, "China Media Group", "State Council"]),
        (
            "003",
            [
                SIPO,
                WIPO,
                "Ministry of Justice of the Republic of Kazakhstan",
                "CPC Central Committee",
                "State Council",
            ],
        ),
        ("004", [SIPO, WIPO]),
    ],
)
def test_seed_bodies(prefix: str, expected: list[str]) -> None:
    assert names(seed_body(prefix)) == expected


def test_seed_002_foreign_ministry_and_its_short_form() -> None:
    ministry = by_name(seed_body("002"))[MFA]
    assert ministry.as_written == ["the Chinese Foreign Ministry", "the ministry"]
    assert ministry.kind == ORG_GOVERNMENT


def test_seed_000_acronym_definition_is_one_written_form() -> None:
    wipo = by_name(seed_body("000"))[WIPO]
    assert wipo.acronym == "WIPO"
    assert wipo.kind == ORG_INTERNATIONAL
    assert wipo.as_written[:2] == [
        "the World Intellectual Property Organization (WIPO)",
        "the WIPO",
    ]


def test_seed_004_country_qualified_name_is_canonicalised() -> None:
    sipo = by_name(seed_body("004"))[SIPO]
    assert sipo.as_written == ["The State Intellectual Property Office of China"]
    assert sipo.position == 0


def test_position_points_at_the_written_form() -> None:
    body = seed_body("003")
    for organization in extract_organizations(body):
        first = organization.as_written[0]
        assert body[organization.position : organization.position + len(first)] == first


# --- Other outlets' styles -------------------------------------------------------------------


def test_xinhua_dateline_and_acronym_with_short_form() -> None:
    body = (
        "BEIJING, Jan. 16 (Xinhua) -- The China National Intellectual Property Administration "
        "(CNIPA) said on Tuesday that it granted 921,000 invention patents in 2023.\n\n"
        "The administration also said it would step up protection."
    )
    found = by_name(body)
    assert list(found) == [
        "Xinhua News Agency",
        "China National Intellectual Property Administration",
    ]
    cnipa = found["China National Intellectual Property Administration"]
    assert cnipa.acronym == "CNIPA"
    assert "The administration" in cnipa.as_written


def test_acronym_defined_in_text_links_later_mentions() -> None:
    body = (
        "The Intellectual Property Office of Singapore (IPOS) and CNIPA signed a memorandum. "
        "IPOS will share examination data."
    )
    ipos = by_name(body)["Intellectual Property Office of Singapore"]
    assert ipos.acronym == "IPOS"
    assert ipos.as_written == ["The Intellectual Property Office of Singapore (IPOS)", "IPOS"]
    assert "China National Intellectual Property Administration" in by_name(body)


def test_company_with_legal_suffix_resolves_to_gazetteer() -> None:
    body = (
        "Shenzhen-based Huawei Technologies Co., Ltd. signed a patent licensing agreement with "
        "Finland's Nokia, the company said."
    )
    found = by_name(body)
    assert list(found) == ["Huawei", "Nokia"]
    assert found["Huawei"].kind == ORG_COMPANY
    assert found["Huawei"].as_written == ["Huawei Technologies Co., Ltd."]


def test_unlisted_company_by_suffix() -> None:
    body = "Two men were charged with stealing trade secrets from Micron Technology Inc."
    assert names(body) == ["Micron Technology Inc."]


def test_minister_title_names_the_ministry_but_not_the_person() -> None:
    assert names("Minister of Commerce Wang Wentao met Katherine Tai.") == ["Ministry of Commerce"]
    assert names("Prime Minister of Pakistan Shehbaz Sharif visited Beijing.") == []
    assert names("Foreign Minister Wang Yi spoke at the meeting.") == []


def test_court_and_its_short_form() -> None:
    body = (
        "The Supreme People's Court released its annual report on IP cases on Monday, "
        "according to the court."
    )
    court = by_name(body)["Supreme People's Court"]
    assert court.kind == ORG_COURT
    assert court.as_written == ["The Supreme People's Court", "the court"]


def test_unlisted_court_by_pattern() -> None:
    body = "In 2022, China Media Group (CMG) and the Hangzhou Internet Court discussed copyright."
    found = by_name(body)
    assert list(found) == ["China Media Group", "Hangzhou Internet Court"]
    assert found["Hangzhou Internet Court"].kind == ORG_COURT


def test_foreign_ministry_of_another_country_is_not_chinas() -> None:
    body = "Japan's Ministry of Justice and the Russian Foreign Ministry issued statements."
    assert names(body) == ["Ministry of Justice of Japan", "Ministry of Foreign Affairs of Russia"]


def test_spokesperson_form_from_global_times() -> None:
    body = (
        "Chinese Foreign Ministry spokesperson Mao Ning said the accusations were groundless. "
        "China's Foreign Ministry later issued a statement."
    )
    ministry = by_name(body)[MFA]
    assert ministry.as_written == ["Chinese Foreign Ministry", "China's Foreign Ministry"]


def test_documents_events_and_government_are_not_organizations() -> None:
    body = (
        "China released the Civil Code and amended the Patent Law and the Copyright Law. "
        "The Chinese government said the Global Innovation Index 2023 and the World Intellectual "
        "Property Indicators 2020 report showed progress on the Internet of Things. "
        "The 2017 High-Level Forum on China IP Protection was held under the Patent Cooperation "
        "Treaty (PCT). Regulations on the Administration of Audio-Video Products were amended."
    )
    assert names(body) == []


def test_person_before_of_does_not_join_the_organization() -> None:
    body = "Professor Zhang Ping of Peking University told the Global Times the ruling matters."
    assert names(body) == ["Peking University", "Global Times"]


def test_general_office_and_the_party_centre() -> None:
    body = (
        "The guideline was issued by the General Office of the CPC Central Committee and the "
        "General Office of the State Council."
    )
    assert names(body) == [
        "General Office of the CPC Central Committee",
        "General Office of the State Council",
    ]


def test_standing_committee_and_plain_bodies() -> None:
    body = (
        "The Standing Committee of the National People's Congress adopted the amendment. "
        "The State Council Information Office held a press conference."
    )
    assert names(body) == [
        "Standing Committee of the National People's Congress",
        "State Council Information Office",
    ]


def test_reuters_style_with_us_agencies() -> None:
    body = (
        "(Reuters) - The U.S. Patent and Trademark Office said Thursday it would review the "
        "patents held by Qualcomm Inc. The U.S. Department of Justice declined to comment."
    )
    assert names(body) == [
        "Reuters",
        "United States Patent and Trademark Office",
        "Qualcomm",
        "United States Department of Justice",
    ]


def test_ministries_with_and_in_their_names() -> None:
    body = (
        "Officials from the Ministry of Science and Technology and the Ministry of Industry and "
        "Information Technology attended the 2023 China Intellectual Property Annual Conference."
    )
    assert names(body) == [
        "Ministry of Science and Technology",
        "Ministry of Industry and Information Technology",
    ]


def test_ministry_with_long_country_qualifier_and_short_form() -> None:
    body = (
        "The Ministry of Commerce of the People's Republic of China announced the measure. "
        "A spokesperson said the ministry firmly opposes it."
    )
    ministry = by_name(body)["Ministry of Commerce"]
    assert ministry.acronym == "MOFCOM"
    assert ministry.as_written[-1] == "the ministry"


def test_provincial_bureau_and_possessive() -> None:
    body = (
        "The Guangdong Provincial Administration for Market Regulation launched a campaign. "
        "The Beijing Intellectual Property Court's ruling was upheld."
    )
    assert names(body) == [
        "Guangdong Provincial Administration for Market Regulation",
        "Beijing Intellectual Property Court",
    ]


def test_cgtn_style_media_and_state_council() -> None:
    body = (
        "Chinese Premier Li Qiang presided over a State Council executive meeting, "
        "China Central Television (CCTV) reported."
    )
    found = by_name(body)
    assert list(found) == ["State Council", "China Central Television"]
    assert found["China Central Television"].kind == ORG_MEDIA


def test_party_kind() -> None:
    body = "The Communist Party of China (CPC) Central Committee held a plenary session."
    found = extract_organizations(body)
    assert [(o.name, o.kind) for o in found] == [("CPC Central Committee", ORG_PARTY)]


def test_short_form_without_antecedent_creates_nothing() -> None:
    assert names("The ministry said the office would reply to the court.") == []


# --- lookup_organization ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        ("Xinhua", "Xinhua News Agency", ORG_MEDIA),
        ("Xinhua News Agency", "Xinhua News Agency", ORG_MEDIA),
        ("CGTN", "CGTN", ORG_MEDIA),
        ("VCG", "VCG", ORG_MEDIA),
        ("Visual China Group", "VCG", ORG_MEDIA),
        ("China Daily", "China Daily", ORG_MEDIA),
        ("Global Times", "Global Times", ORG_MEDIA),
        ("China IP News", "China IP News", ORG_MEDIA),
        ("IC Photo", "IC Photo", ORG_MEDIA),
        ("WIPO", WIPO, ORG_INTERNATIONAL),
        ("the Chinese Foreign Ministry", MFA, ORG_GOVERNMENT),
        ("The State Intellectual Property Office of China", SIPO, ORG_GOVERNMENT),
    ],
)
def test_lookup_known(written: str, canonical: str, kind: str) -> None:
    found = lookup_organization(written)
    assert found is not None
    assert (found.name, found.kind) == (canonical, kind)


def test_sipo_and_cnipa_stay_separate() -> None:
    sipo = lookup_organization("SIPO")
    cnipa = lookup_organization("CNIPA")
    assert sipo is not None and cnipa is not None
    assert sipo.name != cnipa.name


@pytest.mark.parametrize("written", ["", "Source", "Chinese government", "Li Shimeng", "Beijing"])
def test_lookup_unknown(written: str) -> None:
    assert lookup_organization(written) is None


def test_chamber_in_a_country_and_law_firms() -> None:
    body = (
        "The British Chamber of Commerce in China welcomed the move. Wu Hanlin, a partner at "
        "the law firm King & Wood Mallesons, and a lawyer from Hengyuan Law Firm agreed."
    )
    assert names(body) == [
        "British Chamber of Commerce in China",
        "King & Wood Mallesons",
        "Hengyuan Law Firm",
    ]


def test_centers_are_organizations_but_venues_are_not() -> None:
    body = (
        "The Shanghai Intellectual Property Protection Center opened a fast track. The forum "
        "was held at the China National Convention Center."
    )
    assert names(body) == ["Shanghai Intellectual Property Protection Center"]


def test_industry_word_heads_name_companies() -> None:
    body = "SkyHawk Robotics won the first original grant patent; Mitsubishi Electric followed."
    found = by_name(body)
    assert list(found) == ["SkyHawk Robotics", "Mitsubishi Electric"]
    assert {o.kind for o in found.values()} == {ORG_COMPANY}


# --- names without a head word, told by their legal form or their context -------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The licensor, Kestrel Oy, sued a handset maker.", "Kestrel Oy"),
        ("Brauwerk AG said its patents were infringed.", "Brauwerk AG"),
        ("The deal was advised by Hollis & Partners in Shanghai.", "Hollis & Partners"),
        ("She is counsel at Meridian Law Offices in Beijing.", "Meridian Law Offices"),
        ("He hired the Tokyo law firm Yamada & Kuroda to act for him.", "Yamada & Kuroda"),
        ("Prices were set by phone maker Tianhe Mobile last month.", "Tianhe Mobile"),
        ("Kobe-based Hoshino Foods regained its brand.", "Hoshino Foods"),
        ("said Lin, a trademark attorney at Corwell in Hong Kong.", "Corwell"),
        ("Brightleaf, a Suzhou-based startup, said it would appeal.", "Brightleaf"),
    ],
)
def test_company_names_told_by_legal_form_or_context(body: str, expected: str) -> None:
    assert expected in names(body)


def test_two_companies_joined_by_and_stay_apart() -> None:
    body = "The ruling rattled suppliers to Sony Corp. and Lenovo Group Ltd. in Asia."
    assert "Sony Corp. and Lenovo Group Ltd." not in names(body)
    assert names(body) == ["Sony", "Lenovo"]


def test_known_platforms_and_research_academies() -> None:
    body = (
        "Sellers moved from Taobao to Douyin, while a study by the Chinese Academy of "
        "Agricultural Sciences tracked seed fraud."
    )
    assert names(body) == ["Taobao", "Douyin", "Chinese Academy of Agricultural Sciences"]


def test_office_in_a_country_and_parent_academy() -> None:
    body = (
        "The EUIPO Office in Japan opened in 2019. A fellow at the Institute of Botany of the "
        "Chinese Academy of Sciences disagreed.\n\nNo more."
    )
    found = names(body)
    assert "EUIPO Office in Japan" in found
    assert "Chinese Academy of Sciences" in found


def test_short_name_of_a_company_is_a_later_mention() -> None:
    body = (
        "Prosecutors say Anhui Qingfeng Battery Co hired the engineer. Qingfeng said in a "
        "statement that it did nothing wrong."
    )
    (company,) = extract_organizations(body)
    assert company.name == "Anhui Qingfeng Battery Co"
    assert "Qingfeng" in company.as_written


def test_department_variants_are_one_organization() -> None:
    body = (
        "The U.S. Justice Department opened a case. A Justice Department official declined "
        "to comment, and the Department of Justice later dropped it."
    )
    assert names(body) == ["United States Department of Justice"]


def test_transcript_labels_in_capitals_name_organizations() -> None:
    body = "WU HAO, RESEARCHER, PEKING UNIVERSITY: Courts have become faster and more consistent."
    assert names(body) == ["Peking University"]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The fine was set by Northgate, the UK-based licensing pool, last year.", "Northgate"),
        ("The court fined the phone maker's opponent Veltrix for its suit.", "Veltrix"),
        ("The comics are published by Hoshisha and Marunami, the group said.", "Marunami"),
        ("The comics are published by Hoshisha and Marunami, the group said.", "Hoshisha"),
        ("said a partner at patent attorneys Hale & Burr in London.", "Hale & Burr"),
        ("Fakes were shown at the Malaysia Customs Service headquarters.", None),
        ("followed by Tai Ping Insurance with 1,200 filings.", "Tai Ping Insurance"),
        ("a partner at Chen and Wu, Attorneys-at-Law in Taipei.", "Chen and Wu, Attorneys-at-Law"),
        ("An appeal would stall at the WTO's Appellate Body this year.", "Appellate Body"),
        ("Shenzhen Customs seized 20,000 fake earphones.", "Shenzhen Customs"),
    ],
)
def test_names_from_new_heads_and_contexts(body, name):
    names = [org.name for org in extract_organizations(body)]
    if name is None:
        assert "Malaysia Customs Service" in names
    else:
        assert name in names


def test_acronym_after_a_hyphen_names_the_organization():
    names = [org.name for org in extract_organizations("Talks on the China-EU deal resumed.")]
    assert "European Union" in names


def test_published_by_a_person_is_no_company():
    assert extract_organizations("The essay was published by John Harper and edited.") == []


@pytest.mark.parametrize(
    "body",
    [
        "firm Tianhe Mobile said",  # a noun at the very start
        "the law firm Yamada & Kuroda said",  # no second match at "firm"
        "the phone maker Osaka-based Sakura Foods",  # "-based" right after a noun
        "an infirm Tianhe, a (maker Tianhe and “maker Tianhe",  # inside a word; after punctuation
    ],
)
def test_context_before_ends_are_those_of_the_whole_pattern(body):
    assert _context_before_ends(body) == [m.end() for m in _CONTEXT_BEFORE_RE.finditer(body)]


@pytest.mark.parametrize("text", ["The Foo&Office is here.", "Smith&Co Office said."])
def test_a_head_word_glued_on_by_an_ampersand_is_no_crash(text):
    # "Office" and "Co" are head words, but "Foo&Office" and "Smith&Co" are single words to the
    # tokenizer: the article must still parse (this raised StopIteration and lost the file).
    names = [found.name for found in extract_organizations(text)]
    assert "Office" not in names and "Co" not in names


def test_a_plural_possessive_is_read_as_a_possessive():
    # "Electronics'" is "Electronics" plus a possessive, as "Electronics's" is; it was taken
    # for an unknown head word and raised KeyError, which lost the article.
    found = extract_organizations("Samsung Electronics' shares rose on Tuesday.")
    assert [(o.name, o.kind) for o in found] == [("Samsung Electronics", ORG_COMPANY)]


def test_a_head_word_running_on_into_a_stray_quote_is_skipped():
    assert extract_organizations("He joined the Patent Office' staff in 2010.") == []
