"""Quote attribution: direct and reported speech, persons and organizations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from articles.ingest.model import SPEAKER_ORGANIZATION, SPEAKER_PERSON, OrganizationMention
from articles.ingest.people import extract_people
from articles.ingest.quotes import extract_quotes

WIPO = OrganizationMention(
    "World Intellectual Property Organization",
    acronym="WIPO",
    as_written=["the World Intellectual Property Organization (WIPO)", "the WIPO", "WIPO"],
)
MFA = OrganizationMention(
    "Ministry of Foreign Affairs", as_written=["the Chinese Foreign Ministry", "the ministry"]
)
CNIPA = OrganizationMention(
    "China National Intellectual Property Administration", acronym="CNIPA", as_written=["CNIPA"]
)
STATE_COUNCIL = OrganizationMention("State Council", as_written=["the State Council"])


def quotes_of(body: str, orgs: list[OrganizationMention] | None = None):
    orgs = orgs or []
    return extract_quotes(body, extract_people(body, orgs), orgs)


def speakers(quotes) -> list[str]:
    return [q.speaker for q in quotes]


# --- direct quotes ----------------------------------------------------------------------------


def test_quote_then_said_name():
    body = (
        "SIPO Commissioner Shen Changyu attended.\n\n"
        '"China has made achievements. We need to do more," said Shen. He proposed four ideas.'
    )
    (quote,) = quotes_of(body)
    assert quote.speaker == "Shen Changyu"
    assert quote.direct
    assert quote.text == "China has made achievements. We need to do more"
    assert body[quote.position :].startswith("China has made")


def test_colon_before_quote_and_curly_quotes():
    body = "Daren Tang, director general of the WIPO, spoke. Tang said: “IP drives growth in Asia.”"
    (quote,) = quotes_of(body, [WIPO])
    assert (quote.speaker, quote.text, quote.direct) == (
        "Daren Tang",
        "IP drives growth in Asia.",
        True,
    )


def test_split_quote_is_one_quote():
    body = (
        "Chinese Foreign Ministry spokesperson Mao Ning held a briefing.\n\n"
        '"China opposes the abuse of rules," she said, "and will defend its firms."'
    )
    (quote,) = quotes_of(body, [MFA])
    assert quote.speaker == "Mao Ning"
    assert quote.text == "China opposes the abuse of rules and will defend its firms."


def test_name_with_title_after_quote_and_told():
    body = (
        '"We will keep opening up to the world," Chinese Foreign Ministry spokesperson '
        "Wang Wenbin told a regular news briefing on Tuesday."
    )
    (quote,) = quotes_of(body, [MFA])
    assert quote.speaker == "Wang Wenbin"
    assert quote.direct


def test_said_name_appositive_after_quote():
    body = (
        '"The examination period keeps getting shorter," said Hu Wenhui, deputy director of CNIPA.'
    )
    (quote,) = quotes_of(body, [CNIPA])
    assert quote.speaker == "Hu Wenhui"


def test_quote_paragraph_continues_previous_speaker():
    body = (
        'John Smith, a partner at a law firm, was upbeat. "Courts are faster now," Smith said.\n\n'
        '"Damages are also much higher than five years ago."'
    )
    quotes = quotes_of(body)
    assert speakers(quotes) == ["John Smith", "John Smith"]
    assert quotes[1].text == "Damages are also much higher than five years ago."


def test_quote_paragraph_after_colon_paragraph():
    body = 'Vice Premier Ding Xuexiang said:\n\n"Innovation is the first driving force of growth."'
    (quote,) = quotes_of(body)
    assert quote.speaker == "Ding Xuexiang"
    assert quote.direct


def test_scare_quotes_and_unattributed_quotes_are_not_quotes():
    body = (
        'The "Made in China" label and the "dual circulation" idea were discussed. '
        'Posters read "protect innovation, protect the future" across the city.'
    )
    assert quotes_of(body) == []


# --- reported speech --------------------------------------------------------------------------


def test_reported_speech_forms():
    body = (
        "Chinese Premier Li Qiang met Daren Tang, director general of the WIPO.\n\n"
        "Li said China has always attached importance to IPR protection.\n\n"
        "He said that China has made big improvements.\n\n"
        "The premier said that China is an active builder of the system.\n\n"
        "Efforts must go toward better enforcement, Li said.\n\n"
        "China's strategy is exemplary, said Tang, adding that the WIPO will work with China."
    )
    quotes = quotes_of(body, [WIPO])
    assert speakers(quotes) == ["Li Qiang"] * 4 + ["Daren Tang"] * 2
    assert not any(q.direct for q in quotes)
    assert quotes[0].text == "China has always attached importance to IPR protection"
    assert quotes[1].text == "China has made big improvements"
    assert quotes[3].text == "Efforts must go toward better enforcement"
    assert quotes[4].text == "China's strategy is exemplary"
    assert quotes[5].text == "the WIPO will work with China"


def test_parenthetical_attribution_and_participle_tail():
    body = (
        "SIPO Commissioner Shen Changyu spoke.\n\n"
        "First, Shen said, we should unswervingly promote IP protection.\n\n"
        "Efforts should be made to use patents, Shen said, stressing specific actions."
    )
    quotes = quotes_of(body)
    assert [q.text for q in quotes] == [
        "First, we should unswervingly promote IP protection",
        "Efforts should be made to use patents",
    ]


def test_organization_speaker():
    body = (
        "China will deepen cooperation with all parties, the Chinese Foreign Ministry said on "
        "Tuesday.\n\nWang Wenbin, a spokesperson from the ministry, made the remarks."
    )
    (quote,) = quotes_of(body, [MFA])
    assert quote.speaker_kind == SPEAKER_ORGANIZATION
    assert quote.speaker == "Ministry of Foreign Affairs"
    assert quote.text == "China will deepen cooperation with all parties"


def test_report_is_not_a_speaker():
    body = (
        "China received 1.4 million applications, according to a World Intellectual Property "
        "Organization report. The WIPO report points out that China leads the world."
    )
    assert quotes_of(body, [WIPO]) == []


def test_according_to_person():
    body = (
        "Zhang Yun-bi, a researcher at Peking University, studied the data. Filings rose "
        "sharply last year, according to Zhang."
    )
    (quote,) = quotes_of(body)
    assert (quote.speaker, quote.text) == ("Zhang Yun-bi", "Filings rose sharply last year")


def test_subject_with_appositive_and_time_phrase():
    body = (
        "Francis Gurry, former WIPO director general, said in an interview that China has "
        "become a leader in patent filings."
    )
    (quote,) = quotes_of(body, [WIPO])
    assert quote.speaker == "Francis Gurry"
    assert quote.text == "China has become a leader in patent filings"


def test_two_wangs_resolve_to_the_most_recent():
    body = (
        "Foreign Minister Wang Yi met the delegation. Wang said ties were strong and stable. "
        "Later, spokesperson Wang Wenbin briefed reporters. Wang said the talks went well."
    )
    assert speakers(quotes_of(body)) == ["Wang Yi", "Wang Wenbin"]


def test_speech_verb_with_unknown_subject_gives_nothing():
    body = "Experts said the trend will continue. China hopes to deepen cooperation with Europe."
    assert quotes_of(body) == []


def test_other_speech_verbs():
    body = (
        "Wang Wenbin, a spokesperson from the ministry, spoke.\n\n"
        "Wang attributed these achievements to the wisdom of the Chinese people.\n\n"
        "He also called for optimizing the business environment for innovators."
    )
    quotes = quotes_of(body, [MFA])
    assert speakers(quotes) == ["Wang Wenbin", "Wang Wenbin"]
    assert quotes[1].text == "optimizing the business environment for innovators"


# --- the five seeds ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path("/work/shared/spec/seeds-expected.json")
CREDIT_MARKERS = re.compile(r"\((?:Xinhua|[A-Z][A-Za-z ]+)/[^)]*\)|\[Photo/[^\]]*\]")
FURNITURE = re.compile(
    r"^(?:Editor|Source|Updated|Published):|^SITEMAP$|^Copyright|^Disinformation|^By continuing"
)
SEED_ORGS = {
    "000": [WIPO, OrganizationMention("Xinhua News Agency", as_written=["Xinhua"])],
    "001": [STATE_COUNCIL],
    "002": [
        MFA,
        WIPO,
        OrganizationMention("China Media Group", as_written=["China Media Group"]),
        STATE_COUNCIL,
    ],
    "003": [
        OrganizationMention("State Intellectual Property Office", "SIPO", as_written=["SIPO"]),
        WIPO,
        OrganizationMention("Ministry of Justice of the Republic of Kazakhstan"),
        OrganizationMention("CPC Central Committee", as_written=["the CPC Central Committee"]),
        STATE_COUNCIL,
    ],
    "004": [
        OrganizationMention(
            "State Intellectual Property Office",
            as_written=["The State Intellectual Property Office of China"],
        ),
        WIPO,
    ],
}


def seed_body(raw: str, expected: dict) -> str:
    """Roughly what the lead's cleaner hands over: no furniture, title or credit markers."""
    kept = []
    for line in raw.splitlines():
        line = CREDIT_MARKERS.sub("", line).strip()
        if any(line.startswith(f) for f in expected["not_in_body"]) or FURNITURE.match(line):
            continue
        if line and line != expected.get("title"):
            kept.append(line)
    return "\n\n".join(kept)


def seed_cases():
    if not SPEC.exists():
        return []
    return json.loads(SPEC.read_text())["articles"]


@pytest.mark.skipif(not SPEC.exists(), reason="seed expectations not available")
@pytest.mark.parametrize("expected", seed_cases(), ids=lambda a: a["file"][:3])
def test_seed_people_and_speakers(expected):
    body = seed_body((ROOT / "seeds" / expected["file"]).read_text(), expected)
    orgs = SEED_ORGS[expected["file"][:3]]
    persons = extract_people(body, orgs)
    quotes = extract_quotes(body, persons, orgs)

    credited = {"Photographer", "Editor"}
    wanted = {p["name"]: p for p in expected["persons"] if p["role"] not in credited}
    assert {p.name for p in persons} == set(wanted)
    for person in persons:
        assert (person.role, person.affiliation) == (
            wanted[person.name]["role"],
            wanted[person.name]["affiliation"],
        )
        assert person.as_written[0] == wanted[person.name]["as_written"][0]

    person_speakers = {q.speaker for q in quotes if q.speaker_kind == SPEAKER_PERSON}
    assert person_speakers == set(expected["speakers"])
    org_speakers = {q.speaker for q in quotes if q.speaker_kind == SPEAKER_ORGANIZATION}
    assert org_speakers == set(expected.get("organization_speakers", []))


def test_auxiliary_between_subject_and_verb():
    body = (
        "President Xi Jinping has called for efforts to strengthen IP protection.\n\n"
        "Xi said that protecting IP is protecting innovation."
    )
    quotes = quotes_of(body)
    assert speakers(quotes) == ["Xi Jinping", "Xi Jinping"]
    assert quotes[0].text == "efforts to strengthen IP protection"


# --- holdout-style attributions (invented sentences) --------------------------------------------


def test_bracketed_gloss_after_the_speaker():
    body = (
        '"The law must bite," said Zhou Lanfang (周兰芳), the presiding judge.\n\n'
        "Deputy President of the court Guo Mingtao (郭明涛) said the court had heard many cases."
    )
    assert speakers(quotes_of(body)) == ["Zhou Lanfang", "Guo Mingtao"]


def test_told_an_outlet_what():
    body = (
        "Petra Lindqvist, a licensing executive, spoke. Its head of licensing, Petra Lindqvist, "
        'told Reuters the rates were "well below what others pay".'
    )
    (quote,) = quotes_of(body)
    assert quote.speaker == "Petra Lindqvist"
    assert quote.text.startswith("the rates were")


def test_as_someone_put_it():
    body = 'As Han Yiming, director of the bureau, put it last year: "Quality beats quantity now."'
    (quote,) = quotes_of(body)
    assert (quote.speaker, quote.text) == ("Han Yiming", "Quality beats quantity now.")


def test_title_and_surname_resolve_to_the_full_name():
    body = (
        "The delegation met Suzhou Vice Mayor Qiao Wenli on Monday. Vice Mayor Qiao said the "
        "city would fund patent pools for small firms."
    )
    assert speakers(quotes_of(body)) == ["Qiao Wenli"]


def test_transcript_labels_quote_the_interviewee_not_the_reporter():
    body = (
        "MA LIN, CGTN REPORTER: The court released its report on Monday.\n\n"
        "WU HAO, RESEARCHER, PEKING UNIVERSITY: Courts have become faster and more consistent.\n\n"
        "MA LIN: The report also covers software piracy cases."
    )
    quotes = quotes_of(body)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Wu Hao", "Courts have become faster and more consistent.")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The Songhe Association (SHA) said Tuesday that members had pooled 900 patents.",
        "Members had pooled 900 patents, the Songhe Association (SHA) said Tuesday.",
        "A spokesperson for the Songhe Association said members had pooled 900 patents.",
        "The Songhe Association has pooled 900 patents for its members, a spokesperson said.",
        "The Songhe Association, which has 40 members, said it had pooled 900 patents.",
    ],
)
def test_organization_speakers(body):
    association = OrganizationMention(
        "Songhe Association", acronym="SHA", as_written=["the Songhe Association (SHA)"]
    )
    (quote,) = quotes_of(body, [association])
    assert (quote.speaker, quote.speaker_kind) == ("Songhe Association", SPEAKER_ORGANIZATION)


def test_company_short_name_speaks_in_an_emailed_statement():
    from articles.ingest.organizations import extract_organizations

    body = (
        "Prosecutors say Anhui Qingfeng Battery Co hired the engineer. Qingfeng said in an "
        "emailed statement that it had developed its cells independently."
    )
    orgs = extract_organizations(body)
    (quote,) = quotes_of(body, orgs)
    assert (quote.speaker, quote.speaker_kind) == (
        "Anhui Qingfeng Battery Co",
        SPEAKER_ORGANIZATION,
    )


def test_pronoun_after_a_new_paragraph_subject():
    body = (
        '"Speed matters," said Deng Hui, a judge.\n\n'
        "Cao Lin, a lawyer at a Shanghai firm, welcomed the move. "
        '"Trade secrets can leave a company in a matter of weeks," she said.'
    )
    quotes = quotes_of(body)
    assert speakers(quotes)[-1] == "Cao Lin"


def test_pronoun_after_a_paragraph_opening_with_a_titled_name():
    body = (
        '"We want patents to earn money," said Qian Bo, director of the technology office.\n\n'
        "Professor Tang Wei of the School of Chemistry, whose lab sold two patents, said the "
        'support mattered. "Scientists can invent. Selling is harder for us," he said.'
    )
    persons = extract_people(body, [])
    quotes = extract_quotes(body, persons, [])
    direct = [q for q in quotes if q.direct and q.text.startswith("Scientists")]
    assert [q.speaker for q in direct] == ["Tang Wei"]


def test_estimates_and_an_official_of_an_organization_speak_for_it():
    body = (
        "The World Intellectual Property Organization (WIPO) estimates that filings will grow "
        "this year. An official of the WIPO said in an interview that the trend was clear."
    )
    quotes = extract_quotes(body, [], [WIPO])
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [
        ("World Intellectual Property Organization", SPEAKER_ORGANIZATION)
    ] * 2
