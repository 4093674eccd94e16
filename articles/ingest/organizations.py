"""Organizations named in an article body, with canonical names.

Three sources of evidence, all computed with patterns compiled once at import:

1. The gazetteer (`data/organizations.json`): canonical names, acronyms and aliases matched
   case-sensitively with one trie-shaped regex, so "WIPO", "Xinhua" and "the Chinese Foreign
   Ministry" resolve to their canonical organization.
2. Name patterns: a run of capitalised words ending in an organization head word
   ("Beijing Intellectual Property Court", "Huawei Technologies Co., Ltd."), or a head word
   followed by "of/for ..." ("Ministry of Justice of the Republic of Kazakhstan"). A person's
   title "Minister of X" names the Ministry of X. Names found this way are looked up in the
   gazetteer once China qualifiers are dropped ("Ministry of Commerce of China").
3. Acronyms defined in the text: "the Intellectual Property Office of Singapore (IPOS)" makes a
   later bare "IPOS" a mention of the same organization.

Overlapping candidates keep the longest. A definite short form after an organization ("the
ministry", "the office", "the court") is recorded as an `as_written` of the most recent matching
organization so people and quote extraction can resolve it; it never creates an organization.

`as_written` keeps each surface form once, with a leading "the" when the text has one, and a
definition's parenthesised acronym ("the World Intellectual Property Organization (WIPO)").
`position` is the offset of the first mention's `as_written` in the body.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from articles.ingest.model import (
    ORG_ACADEMIC,
    ORG_COMPANY,
    ORG_COURT,
    ORG_GOVERNMENT,
    ORG_INTERNATIONAL,
    ORG_KINDS,
    ORG_MEDIA,
    ORG_OTHER,
    OrganizationMention,
)
from articles.ingest.patterns import trie_regex, word_start_matches

GAZETTEER_PATH = Path(__file__).with_name("data") / "organizations.json"


# ---------------------------------------------------------------------------------------------
# Gazetteer


@dataclass(frozen=True)
class _Entry:
    name: str
    acronym: str
    kind: str
    generic: bool  # a name any country's body could carry, e.g. "Ministry of Justice"


@cache
def _gazetteer_data() -> dict:
    return json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))


def _load_gazetteer() -> tuple[dict[str, _Entry], dict[str, str], set[str]]:
    """Surface form -> entry, country word -> country, and the words that mean China."""
    data = _gazetteer_data()
    by_form: dict[str, _Entry] = {}
    for raw in data["organizations"]:
        kind = raw.get("kind", ORG_OTHER)
        if kind not in ORG_KINDS:
            raise ValueError(f"{raw['name']}: unknown organization kind {kind!r}")
        entry = _Entry(raw["name"], raw.get("acronym", ""), kind, raw.get("generic", False))
        for form in [entry.name, entry.acronym, *raw.get("aliases", [])]:
            if form:
                by_form.setdefault(form, entry)
    country_of_word = {
        word: country
        for country, words in data["places"]["countries"].items()
        for word in [country, *words]
    }
    return by_form, country_of_word, set(data["places"]["china"])


def _load_cities() -> frozenset[str]:
    return frozenset(_gazetteer_data()["places"].get("cities", []))


def _load_surnames() -> frozenset[str]:
    return frozenset(_gazetteer_data()["chinese_surnames"])


_BY_FORM, _COUNTRY_OF_WORD, _CHINA_WORDS = _load_gazetteer()
# Words that name a country (not a demonym): an organization name ends after "of <country>".
_COUNTRY_NAMES = (
    {
        word
        for word, country in _COUNTRY_OF_WORD.items()
        if word == country or word.isupper() or word.replace(".", "").isupper()
    }
    | {country.split()[-1] for country in _COUNTRY_OF_WORD.values()}
    | {"China", "Britain", "America"}
)
_BY_FOLDED_FORM = {form.casefold(): entry for form, entry in _BY_FORM.items() if len(form) > 3}
_GAZETTEER_RE = re.compile(r"(?<![\w.-])(?:" + trie_regex(sorted(_BY_FORM)) + r")(?![\w-])")
# The same search split in two for speed (see word_start_matches): forms opening with a capital
# are searched without the lookbehind; the few others ("vivo", "gov.cn", "21st Century ...") are
# rarely in a body at all, and when one is, the whole pattern is used.
_CAPITALISED_FORMS_RE = re.compile(
    r"(?:" + trie_regex(sorted(f for f in _BY_FORM if "A" <= f[0] <= "Z")) + r")(?![\w-])"
)
_OTHER_FORMS = sorted(f for f in _BY_FORM if not "A" <= f[0] <= "Z")
# Each of the others contains one of these ("www.gov.cn" holds "gov.cn"): enough to look for.
_SHORTEST_OTHER_FORMS = [f for f in _OTHER_FORMS if not any(g in f for g in _OTHER_FORMS if g != f)]
# The web addresses among them ("gov.cn", "scmp.com") all hold ".c": one pass over the body for it
# stands for them all. A body with a ".c" and none of them only takes the slower search.
_OTHER_FORM_HINTS = [".c", *(f for f in _SHORTEST_OTHER_FORMS if ".c" not in f)]
_NOT_BEFORE_FORM_RE = re.compile(r"[\w.-]")
_ACRONYM_OF_FORM = {entry.acronym for entry in _BY_FORM.values() if entry.acronym}


# ---------------------------------------------------------------------------------------------
# Word lists for the name patterns. Kept here, not in the gazetteer, because they describe
# English naming, not the organizations of the IP world.

# Head word -> kind. "Minister" is special: the title names the ministry.
_HEAD_KINDS = {
    "Ministry": ORG_GOVERNMENT,
    "Office": ORG_GOVERNMENT,
    "Administration": ORG_GOVERNMENT,
    "Bureau": ORG_GOVERNMENT,
    "Commission": ORG_GOVERNMENT,
    "Council": ORG_GOVERNMENT,
    "Committee": ORG_GOVERNMENT,
    "Department": ORG_GOVERNMENT,
    "Agency": ORG_GOVERNMENT,
    "Authority": ORG_GOVERNMENT,
    "Secretariat": ORG_GOVERNMENT,
    "Procuratorate": ORG_COURT,
    "Court": ORG_COURT,
    "Tribunal": ORG_COURT,
    "University": ORG_ACADEMIC,
    "Institute": ORG_ACADEMIC,
    "Academy": ORG_ACADEMIC,
    "College": ORG_ACADEMIC,
    "School": ORG_ACADEMIC,
    "Association": ORG_OTHER,
    "Federation": ORG_OTHER,
    "Society": ORG_OTHER,
    "Chamber": ORG_OTHER,
    "Foundation": ORG_OTHER,
    "Alliance": ORG_OTHER,
    "Organization": ORG_OTHER,
    "Organisation": ORG_OTHER,
    "Bank": ORG_OTHER,
    "Daily": ORG_MEDIA,
    "Group": ORG_COMPANY,
    "Corporation": ORG_COMPANY,
    "Corp": ORG_COMPANY,
    "Company": ORG_COMPANY,
    "Co": ORG_COMPANY,
    "Inc": ORG_COMPANY,
    "Ltd": ORG_COMPANY,
    "Limited": ORG_COMPANY,
    "Holdings": ORG_COMPANY,
    "LLC": ORG_COMPANY,
    "PLC": ORG_COMPANY,
    "GmbH": ORG_COMPANY,
    # Legal forms abroad: "Nordlink Oy", "Siemens AG", "Volvo AB", "Philips NV".
    "Oy": ORG_COMPANY,
    "Oyj": ORG_COMPANY,
    "AB": ORG_COMPANY,
    "AG": ORG_COMPANY,
    "SA": ORG_COMPANY,
    "NV": ORG_COMPANY,
    "BV": ORG_COMPANY,
    "SpA": ORG_COMPANY,
    "KK": ORG_COMPANY,
    "Plc": ORG_COMPANY,
    "plc": ORG_COMPANY,
    "LLP": ORG_COMPANY,
    "Pte": ORG_COMPANY,
    "Bhd": ORG_COMPANY,
    "Partners": ORG_COMPANY,
    "Offices": ORG_COMPANY,  # only as "Law Offices"
    "Firm": ORG_COMPANY,
    "Technologies": ORG_COMPANY,
    "Electronics": ORG_COMPANY,
    "Electric": ORG_COMPANY,
    "Robotics": ORG_COMPANY,
    "Pharmaceuticals": ORG_COMPANY,
    "Motors": ORG_COMPANY,
    "Industries": ORG_COMPANY,
    "Insurance": ORG_COMPANY,
    "Securities": ORG_COMPANY,
    "Airlines": ORG_COMPANY,
    "Service": ORG_GOVERNMENT,  # "Korea Customs Service", "Internal Revenue Service"
    "Customs": ORG_GOVERNMENT,  # "Hong Kong Customs", "Shanghai Customs"
    "Body": ORG_INTERNATIONAL,  # "Appellate Body", "Dispute Settlement Body"
    "Center": ORG_OTHER,
    "Centre": ORG_OTHER,
    "Minister": ORG_GOVERNMENT,
}
# Heads that can open a name and take an "of/for ..." tail: "Ministry of Commerce".
_HEADS_WITH_TAIL = {
    "Ministry", "Office", "Administration", "Bureau", "Commission", "Council", "Committee",
    "Department", "Agency", "Authority", "Secretariat", "Procuratorate", "Court", "Tribunal",
    "University", "Institute", "Academy", "College", "School", "Association", "Federation",
    "Society", "Chamber", "Foundation", "Alliance", "Organization", "Organisation",
    "Bank", "Center", "Centre", "Minister",
}  # fmt: skip
_COMPANY_HEADS = {h for h, kind in _HEAD_KINDS.items() if kind == ORG_COMPANY}
# "Center" names an organization, except after words that make it a venue.
_VENUE_WORDS = {
    "Convention", "Exhibition", "Expo", "Conference", "Shopping", "Sports", "Trade", "Financial",
    "Business", "Press", "Media", "Cultural", "Culture", "Art", "Arts", "Performing", "Visitor",
    "Visitors", "Community", "Commercial", "Fitness", "Aquatics", "Olympic", "Service",
}  # fmt: skip
_INTERNATIONAL_OPENERS = {
    "World", "International", "Global", "Asian", "European", "African", "UN", "United",
}  # fmt: skip

# Capitalised words that open a sentence or a title rather than a name.
_NOT_NAME_WORDS = {
    "The", "A", "An", "This", "That", "These", "Those", "Its", "It", "Their", "His", "Her", "Our",
    "In", "On", "At", "By", "For", "From", "With", "As", "Under", "After", "Before", "During",
    "Meanwhile", "Moreover", "Also", "And", "But", "Both", "Each", "Every", "Several", "Many",
    "Some", "All", "Other", "Local", "According", "When", "While", "Since", "If", "Although",
    "Premier", "President", "Minister", "Commissioner", "Director", "Deputy", "Vice",
    "Chairman", "Chairwoman", "Chair", "Secretary", "Spokesperson", "Spokesman", "Spokeswoman",
    "Head", "Chief", "Professor", "Prof", "Dr", "Mr", "Mrs", "Ms", "Judge",
    "Ambassador", "Governor", "Mayor", "CEO", "Founder", "Senior", "Former", "Executive",
    "Officer", "Researcher", "Analyst", "Lawyer", "Attorney", "Member", "Dean",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Photo", "File", "Source",
}  # fmt: skip
# Possessives that belong to a name; any other "X's" ends a name on its left ("China's").
_NAME_POSSESSIVES = {"People's", "People’s", "Women's", "Women’s", "Children's", "Workers'"}
# A capitalised word right after a candidate that makes it part of a document or event title.
_TITLE_WORDS = {
    "Forum", "Conference", "Summit", "Award", "Awards", "Prize", "Report", "Index", "Law",
    "Laws", "Regulations", "Rules", "Guidelines", "Plan", "Strategy", "Indicators", "Week",
    "Day", "Expo", "Fair", "Treaty", "Convention", "Agreement", "Program", "Programme",
    "Initiative", "Outline", "Opinions", "Measures", "Provisions", "Decision", "Campaign",
}  # fmt: skip
_ABBREVIATIONS = {"Co", "Corp", "Inc", "Ltd", "St", "No", "Jr"}
# Words that end a company's name: "and" after one starts another company.
_LEGAL_FORMS = {
    "Co", "Corp", "Inc", "Ltd", "Limited", "LLC", "PLC", "Plc", "plc", "GmbH", "Oy", "Oyj", "AB",
    "AG", "SA", "NV", "BV", "SpA", "KK", "LLP", "Pte", "Bhd", "Corporation", "Group", "Holdings",
}  # fmt: skip
# Common Chinese surnames: in "Minister of Commerce Wang Wentao" the name starts at "Wang".
_SURNAMES = _load_surnames()
# Capitalised phrases with a head word that name no organization.
_NOT_ORGANIZATIONS = {
    "Box Office",
    "Oval Office",
    "Post Office",
    "Soviet Union",
    "Supreme Court Justice",
}
_CHINA_SUFFIXES = (" of China", " of the People's Republic of China", " of the PRC", ", China")
_COMPANY_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Co\.|Co\b|Ltd\.?|Inc\.?|Limited\b|Corp\.?|Corporation\b|Holdings?\b|LLC\b|PLC\b"
    r"|Plc\b|plc\b|Oyj?\b|AB\b|AG\b|SA\b|NV\b|BV\b|SpA\b|KK\b|GmbH\b|LLP\b|Pte\b|Bhd\b))+$"
)

# A trie, as for the gazetteer: one branch per word start instead of every head word. Searched
# with word_start_matches(..., _NOT_BEFORE_HEAD_RE), which stands for a leading (?<![\w.'’-]).
_HEAD_RE = re.compile(r"(?:" + trie_regex(list(_HEAD_KINDS)) + r")(?![\w-])")
_NOT_BEFORE_HEAD_RE = re.compile(r"[\w.'’-]")
_WINDOW = 130  # characters read on each side of a head word: longer than most names
# A word, with inner periods only before a letter or digit ("U.S", "gov.cn") and one final period.
# Written with runs of single characters, which re matches much faster than a repeated group.
_TOKEN_RE = re.compile(r"[A-Za-z0-9][\w&'’\-]*(?:\.\w[\w&'’\-]*)*\.?|&")
_FOLLOWING_SUFFIX_RE = re.compile(r"(?:,?\s+(?:Co\.|Ltd\.?|Inc\.?|Limited\b|LLC\b|PLC\b))+")
_DEFINED_ACRONYM_RE = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&]{0,6})\)")
_THE_BEFORE_RE = re.compile(r"(?:^|(?<=\s)|(?<=[(“\"]))([Tt]he) $")
_WORD_BEFORE_RE = re.compile(r"([A-Z][\w.]*(?:['’]s)?) $")

# Definite short forms that refer back to an organization already named.
_SHORT_HEADS = {
    "ministry": None,
    "office": None,
    "administration": None,
    "bureau": None,
    "commission": None,
    "council": None,
    "committee": None,
    "department": None,
    "agency": None,
    "organization": None,
    "organisation": None,
    "court": ORG_COURT,
    "procuratorate": ORG_COURT,
    "university": ORG_ACADEMIC,
    "institute": ORG_ACADEMIC,
    "academy": ORG_ACADEMIC,
    "association": None,
    "company": ORG_COMPANY,
    "group": ORG_COMPANY,
    "firm": ORG_COMPANY,
}
# "the ministry", matched from its "he": re finds a pattern that opens with a literal much
# faster than one that opens with the class [Tt], which it tries at every offset of the body.
# The lookbehind then asks for the "T" or "t" at a word's start; the form starts a character
# before the match.
_SHORT_FORM_RE = re.compile(
    r"he(?<=\b[Tt]he)\s+(?P<head>"
    + "|".join(_SHORT_HEADS)
    + "|"
    + "|".join(h.title() for h in _SHORT_HEADS)
    + r")(?![\w-])(?!\s+(?:of|for)\b)(?!\s+[A-Z])"
)


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Candidate:
    start: int
    end: int
    name: str
    acronym: str
    kind: str
    from_gazetteer: bool

    @property
    def length(self) -> int:
        return self.end - self.start


class _Token(NamedTuple):
    text: str  # without a sentence-final period
    start: int
    end: int  # end of the word, not counting a sentence-final period
    ends_sentence: bool
    bare: str  # without a possessive or abbreviation period: "Court's" -> "Court"
    is_possessive: bool

    def is_capitalised(self) -> bool:
        first = self.text[0]
        return first.isupper() or (first.isdigit() and any(c.isalpha() for c in self.text))


def _tokens(body: str, start: int, end: int) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(body, start, end):
        text = match.group()
        if text[-1] not in _SPECIAL_ENDINGS:
            # Most words: no period, no possessive. tuple.__new__ skips the NamedTuple's
            # Python-level constructor; this runs for every word around every head word.
            tokens.append(_new_token(_Token, (text, *match.span(), False, text, False)))
            continue
        word_end = match.end()
        ends_sentence = False
        if text.endswith(".") and len(text) > 1:
            without_period = text[:-1]
            if without_period not in _ABBREVIATIONS and "." not in without_period:
                text, word_end, ends_sentence = without_period, word_end - 1, True
        bare = text
        if bare not in _NAME_POSSESSIVES:
            if bare.endswith(("'s", "’s")):
                bare = bare[:-2]
            elif bare.endswith(("s'", "s’")):  # "Samsung Electronics' shares"
                bare = bare[:-1]
        is_possessive = bare != text
        tokens.append(
            _Token(text, match.start(), word_end, ends_sentence, bare.rstrip("."), is_possessive)
        )
    return tokens


_SPECIAL_ENDINGS = frozenset(".s'’")  # what the period and possessive rules look at
_new_token = tuple.__new__


def _joined(body: str, left: _Token, right: _Token) -> bool:
    """Two tokens belong to one name only when a single space separates them."""
    return not left.ends_sentence and body[left.end : right.start] == " "


def _is_name_word(token: _Token) -> bool:
    if not token.is_capitalised() or token.text in _NOT_NAME_WORDS:
        return False
    if "-" in token.text and token.text.rsplit("-", 1)[1][:1].islower():
        return False  # "Shenzhen-based", "state-owned"
    is_possessive = token.text.endswith(("'s", "’s", "s'"))
    return not is_possessive or token.text in _NAME_POSSESSIVES


def _is_tail_word(token: _Token) -> bool:
    return _is_name_word(token) or (token.is_possessive and token.bare[:1].isupper())


# An acronym after a hyphen: "the China-EU agreement" names the EU.
_HYPHENED_ACRONYM_RE = re.compile(
    r"-(?P<acronym>"
    + trie_regex(sorted(form for form in _BY_FORM if form.isupper() and len(form) <= 6))
    + r")(?![\w-])"
)
# "Lee and Li, Attorneys-at-Law": a firm's name with its joined words and legal style. The
# lookbehind comes after the first capital, not before it: a pattern that opens with [A-Z] is
# tried at capitals only, not at every offset (a third less CPU over a body that has the style).
_AT_LAW_RE = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])[\w'’-]+(?: (?:and|&) [A-Z][\w'’-]+| [A-Z][\w'’-]+){0,4},? "
    r"Attorneys[- ]at[- ]Law\b"
)


def _gazetteer_candidates(body: str) -> list[_Candidate]:
    candidates = []
    if "-" in body:
        for match in _HYPHENED_ACRONYM_RE.finditer(body):
            if not body[match.start() - 1 : match.start()].isalpha():
                continue
            entry = _BY_FORM[match.group("acronym")]
            start, end = match.span("acronym")
            candidates.append(_Candidate(start, end, entry.name, entry.acronym, entry.kind, True))
    if "at-Law" in body or "at Law" in body:
        for match in _AT_LAW_RE.finditer(body):
            name = " ".join(match.group().split())
            candidates.append(_Candidate(match.start(), match.end(), name, "", ORG_COMPANY, False))
    if any(hint in body for hint in _OTHER_FORM_HINTS):
        matches = _GAZETTEER_RE.finditer(body)
    else:
        matches = word_start_matches(_CAPITALISED_FORMS_RE, body, _NOT_BEFORE_FORM_RE)
    for match in matches:
        entry = _BY_FORM[match.group()]
        name, kind = entry.name, entry.kind
        start = match.start()
        foreign = _foreign_country_before(body, start) if entry.generic else None
        if foreign:
            # "Japan's Ministry of Justice" is not China's.
            country, start = foreign
            name, kind = f"{entry.name} of {country}", ORG_GOVERNMENT
        acronym = entry.acronym if not foreign else ""
        candidates.append(_Candidate(start, match.end(), name, acronym, kind, not foreign))
    return candidates


def _foreign_country_before(body: str, start: int) -> tuple[str, int] | None:
    """The country and its word's offset when a non-Chinese country word precedes start."""
    match = _WORD_BEFORE_RE.search(body, max(0, start - 40), start)
    if not match:
        return None
    word = re.sub(r"['’]s$", "", match.group(1))
    country = _COUNTRY_OF_WORD.get(word)
    if country is None or word in _CHINA_WORDS:
        return None
    return country, match.start(1)


def _pattern_candidates(body: str) -> list[_Candidate]:
    """Candidates around each head word, reading only a window of words around it."""
    candidates = []
    for match in word_start_matches(_HEAD_RE, body, _NOT_BEFORE_HEAD_RE):
        window_start = max(0, match.start() - _WINDOW)
        if window_start:
            window_start = body.find(" ", window_start, match.start()) + 1
        window_end = body.rfind(" ", match.end(), match.end() + _WINDOW)
        if window_end < 0:
            window_end = len(body)
        try:
            tokens, head = _short_window(body, match, window_start, window_end)
            candidate = _candidate_around_head(body, tokens, head) if head is not None else None
        except (_PastShortWindow, IndexError):  # a rule read past the short window
            tokens = _tokens(body, window_start, window_end)
            head = _head_index(tokens, match)
            candidate = _candidate_around_head(body, tokens, head) if head is not None else None
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _head_index(tokens: list[_Token], head: re.Match[str]) -> int | None:
    """The index of the head word's own token, or None when the tokenizer reads it as part of
    a longer word: glued on by "&" ("Smith&Co", "Foo&Office": no token starts there) or run on
    into a stray quote ("Office'")."""
    for index, token in enumerate(tokens):
        if token.start == head.start():
            return index if token.bare == head.group() else None
    return None


# Most names end within a few words of their head word, so the words of a short window are read
# first. Where the short window stops before the full one, _WindowEdge tokens stand for the words
# left out; a rule that reads one raises _PastShortWindow, and the head word is read again with
# the full window: the result is always the full window's. Rules may test `index + 1 < len(tokens)`
# before reading `tokens[index]`, hence two edge tokens on the right.
_SHORT_WINDOW = 60  # long enough for "China National Intellectual Property Administration"


class _PastShortWindow(Exception):
    pass


class _WindowEdge:
    def __getattr__(self, name: str):
        raise _PastShortWindow


_EDGE = _WindowEdge()


def _short_window(
    body: str, match: re.Match[str], window_start: int, window_end: int
) -> tuple[list[_Token], int | None]:
    """The tokens of the short window around a head word, with edge tokens on the sides where
    it is shorter than the full window, and the head word's index (None: see _head_index)."""
    start = body.find(" ", max(window_start, match.start() - _SHORT_WINDOW), match.start()) + 1
    if start == 0:
        start = window_start
    end = body.rfind(" ", match.end(), min(window_end, match.end() + _SHORT_WINDOW))
    if end < 0:
        end = window_end
    tokens = _tokens(body, start, end)
    head = _head_index(tokens, match)
    if head is None:
        return tokens, None
    if start > window_start:
        tokens.insert(0, _EDGE)
        head += 1
    if end < window_end:
        tokens += [_EDGE, _EDGE]
    return tokens, head


def _candidate_around_head(body: str, tokens: list[_Token], head: int) -> _Candidate | None:
    head_word = tokens[head].bare
    first = _expand_left(body, tokens, head) if head_word != "Minister" else head
    if first is None:
        return None
    can_take_tail = head_word in _HEADS_WITH_TAIL and not tokens[head].is_possessive
    last = _expand_tail(body, tokens, head) if can_take_tail else head
    if first == head and last == head:
        return None  # a bare head word ("Office") names nothing
    if head_word == "Minister" and not _names_a_ministry(tokens, head, last):
        return None
    if head_word in ("Center", "Centre") and head > 0 and tokens[head - 1].bare in _VENUE_WORDS:
        return None
    if head_word == "Offices" and (first == head or tokens[head - 1].bare != "Law"):
        return None  # "AllBright Law Offices", never "regional offices"
    if head_word == "Office" and first < head and last == head:
        last = _office_in_country(body, tokens, head)
    start = tokens[first].start
    end = tokens[last].start + len(tokens[last].bare)
    if tokens[last].text != tokens[last].bare and not tokens[last].is_possessive:
        end = tokens[last].end  # keep the period of "Inc." or "Co."
    if tokens[last].bare in _COMPANY_HEADS and not tokens[last].is_possessive:
        suffix = _FOLLOWING_SUFFIX_RE.match(body, end)
        if suffix:
            end = suffix.end()
    if _is_part_of_title(body, tokens, last, end) or _is_regulated_subject(tokens, first):
        return None
    name = " ".join(body[start:end].split())
    if name in _NOT_ORGANIZATIONS:
        return None
    kind = _HEAD_KINDS[head_word]
    if head_word == "Minister":
        name = "Ministry" + name[len("Minister") :]
    elif kind in (ORG_OTHER, ORG_GOVERNMENT) and tokens[first].text in _INTERNATIONAL_OPENERS:
        kind = ORG_INTERNATIONAL
    entry = _known_entry(name)
    if entry is not None:
        return _Candidate(start, end, entry.name, entry.acronym, entry.kind, True)
    return _Candidate(start, end, name, "", kind, False)


def _office_in_country(body: str, tokens: list[_Token], head: int) -> int:
    """ "WIPO Office in China": an office abroad is named by its country."""
    place = head + 2
    if (
        place < len(tokens)
        and tokens[head + 1].text == "in"
        and _joined(body, tokens[head], tokens[head + 1])
        and _joined(body, tokens[head + 1], tokens[place])
        and tokens[place].bare in _COUNTRY_NAMES
    ):
        return place
    return head


def _expand_left(body: str, tokens: list[_Token], head: int) -> int | None:
    """Index of the name's first word; None when the name's left edge cannot be told."""
    first = head
    index = head - 1
    while index >= 0 and _joined(body, tokens[index], tokens[index + 1]):
        word = tokens[index].text
        if _is_name_word(tokens[index]):
            first = index
        elif word == "An" and index > 0 and _joined(body, tokens[index - 1], tokens[index]):
            pass  # "Ping An Insurance": a name word only between name words
        elif word in ("and", "&"):
            if index > 0 and tokens[index - 1].bare in _LEGAL_FORMS:
                break  # "Apple Inc. and Xiaomi Corp." are two companies
            pass  # a connector only counts once a name word is found further left
        elif word == "the" and index > 0 and tokens[index - 1].text in ("of", "for"):
            pass
        elif word in ("of", "for") and index > 0:
            before = tokens[index - 1]
            if before.bare in _HEADS_WITH_TAIL and _joined(body, before, tokens[index]):
                pass  # "General Office of the CPC Central Committee"
            elif tokens[index + 1].text != "the" and _is_name_word(before):
                return None  # "Internet of Things Alliance", "Zhang Ping of Peking University"
            else:
                break
        else:
            break
        index -= 1
    return first


def _names_a_ministry(tokens: list[_Token], head: int, last: int) -> bool:
    """ "Minister of Justice of X" names a ministry; "Prime Minister of Pakistan" does not."""
    if head > 0 and tokens[head - 1].text in ("Prime", "Chief", "First"):
        return False
    if last == head or tokens[head + 1].text != "of":
        return False
    subject = tokens[head + 2] if tokens[head + 2].text != "the" else tokens[head + 3]
    return subject.bare not in _COUNTRY_NAMES and subject.bare not in ("State", "Republic")


def _expand_tail(body: str, tokens: list[_Token], head: int) -> int:
    """Extend "Ministry" over "of Justice of the Republic of Kazakhstan" segments."""
    last = head
    index = head + 1
    while index + 1 < len(tokens) and _joined(body, tokens[index - 1], tokens[index]):
        connector = tokens[index].text
        if connector == "in":
            # "British Chamber of Commerce in China": only a country closes a name this way.
            if tokens[index + 1].bare in _COUNTRY_NAMES and last > head:
                last = index + 1
            break
        if connector not in ("of", "for", "and", "&"):
            break
        run_start = index + 1
        if connector in ("of", "for") and tokens[run_start].text == "the":
            run_start += 1
        if run_start >= len(tokens) or not _joined(body, tokens[run_start - 1], tokens[run_start]):
            break
        if connector in ("and", "&") and _starts_another_organization(body, tokens, run_start):
            break
        run_end, reached_country = _name_run(body, tokens, run_start)
        if run_end < run_start:
            break
        last = run_end
        index = run_end + 1
        if reached_country or index >= len(tokens):
            break
        if not _joined(body, tokens[run_end], tokens[index]):
            break
    return last


def _name_run(body: str, tokens: list[_Token], start: int) -> tuple[int, bool]:
    """Last index of the capitalised run from start, and whether it ended on a country."""
    index = start
    last = start - 1
    while index < len(tokens) and _is_tail_word(tokens[index]):
        if index > start and not _joined(body, tokens[index - 1], tokens[index]):
            break
        if index > start and _starts_person_name(body, tokens, index):
            break
        last = index
        if tokens[index].bare in _COUNTRY_NAMES or tokens[index].is_possessive:
            return last, True  # "of the Republic of Kazakhstan" ends the name
        index += 1
    return last, False


def _starts_person_name(body: str, tokens: list[_Token], index: int) -> bool:
    nxt = index + 1
    return (
        tokens[index].text in _SURNAMES
        and nxt < len(tokens)
        and tokens[nxt].is_capitalised()
        and _joined(body, tokens[index], tokens[nxt])
    )


def _starts_another_organization(body: str, tokens: list[_Token], index: int) -> bool:
    if _GAZETTEER_RE.match(body, tokens[index].start):
        return True
    run_end, _ = _name_run(body, tokens, index)
    return any(tokens[i].text in _HEAD_KINDS for i in range(index, run_end + 1))


def _is_part_of_title(body: str, tokens: list[_Token], last: int, end: int) -> bool:
    """ "... Intellectual Property Office Annual Report" names a document, not the office."""
    following = next((t for t in tokens[last + 1 : last + 4] if t.start >= end), None)
    return (
        following is not None
        and body[end : following.start] == " "
        and following.text in _TITLE_WORDS
        and not tokens[last].ends_sentence
    )


def _is_regulated_subject(tokens: list[_Token], first: int) -> bool:
    """ "Regulations on the Administration of ..." is about administering, not an office."""
    before = [t.text for t in tokens[max(0, first - 2) : first]]
    return "on" in before or "On" in before


# Candidates' names come back article after article ("the State Council", "Huawei"), and each
# lookup builds the name's variants and tries each. The entry is frozen: sharing it is safe.
@lru_cache(maxsize=4096)
def _known_entry(name: str) -> _Entry | None:
    """Gazetteer entry for a name, once China qualifiers and company suffixes are dropped."""
    for variant in _name_variants(name):
        entry = _BY_FORM.get(variant) or _BY_FOLDED_FORM.get(variant.casefold())
        if entry is not None:
            return entry
    return None


def _name_variants(name: str) -> list[str]:
    name = " ".join(name.split())
    variants = [name]
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            variants.append(name[len(prefix) :])
    for variant in list(variants):
        for prefix in ("Chinese ", "China's ", "China’s "):
            if variant.startswith(prefix):
                variants.append(variant[len(prefix) :])
    for variant in list(variants):
        for suffix in _CHINA_SUFFIXES:
            if variant.endswith(suffix):
                variants.append(variant[: -len(suffix)])
        without_company_suffix = _COMPANY_SUFFIX_RE.sub("", variant)
        if without_company_suffix and without_company_suffix != variant:
            variants.append(without_company_suffix)
    return variants


# ---------------------------------------------------------------------------------------------
# Choosing, linking and grouping


def _longest_without_overlap(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    starts: list[int] = []  # of the chosen, which never overlap: sorted by start
    ends: list[int] = []
    ranked = sorted(candidates, key=lambda c: (-c.length, not c.from_gazetteer, c.start))
    for candidate in ranked:
        index = bisect.bisect_right(starts, candidate.start)
        if index and ends[index - 1] > candidate.start:
            continue
        if index < len(starts) and starts[index] < candidate.end:
            continue
        starts.insert(index, candidate.start)
        ends.insert(index, candidate.end)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _acronym_fits(acronym: str, name: str) -> bool:
    """Every letter of the acronym appears in order in the name, starting with its initial."""
    letters = acronym.casefold()
    folded = name.casefold()
    if not folded or folded[0] != letters[0]:
        return False
    position = 0
    for letter in letters:
        position = folded.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def _absorb_defined_acronyms(
    body: str, chosen: list[_Candidate]
) -> tuple[list[_Candidate], dict[str, _Candidate]]:
    """ "Name (ACR)" becomes one mention; returns the acronyms the text defined."""
    defined: dict[str, _Candidate] = {}
    absorbed: set[int] = set()
    for candidate in chosen:
        match = _DEFINED_ACRONYM_RE.match(body, candidate.end)
        if not match:
            continue
        acronym = match.group("acronym")
        known = _BY_FORM.get(acronym) if acronym in _ACRONYM_OF_FORM else None
        if known is not None and known.name != candidate.name and not candidate.from_gazetteer:
            candidate.name, candidate.kind, candidate.from_gazetteer = (
                known.name,
                known.kind,
                True,
            )
        elif known is None and not _acronym_fits(acronym, candidate.name):
            continue
        if known is not None and known.name != candidate.name:
            continue
        candidate.acronym = candidate.acronym or acronym
        acronym_start = match.start("acronym")
        absorbed.update(id(c) for c in chosen if c is not candidate and c.start == acronym_start)
        candidate.end = match.end()
        if known is None:
            defined[acronym] = candidate
    return [c for c in chosen if id(c) not in absorbed], defined


def _defined_acronym_mentions(
    body: str, defined: dict[str, _Candidate], chosen: list[_Candidate]
) -> list[_Candidate]:
    if not defined:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, defined)) + r")(?![\w-])")
    mentions = []
    for match in pattern.finditer(body):
        if any(c.start <= match.start() < c.end for c in chosen):
            continue
        source = defined[match.group()]
        mentions.append(
            _Candidate(match.start(), match.end(), source.name, source.acronym, source.kind, False)
        )
    return mentions


def _with_article(body: str, start: int) -> int:
    """Start of the mention including a leading "the", which belongs to the written form."""
    match = _THE_BEFORE_RE.search(body, max(0, start - 5), start)
    return match.start(1) if match else start


def _short_form_targets(
    body: str, mentions: list[tuple[int, str, _Candidate]]
) -> list[tuple[int, str, _Candidate]]:
    """ "the ministry" -> the most recent organization whose name or kind fits."""
    found = []
    covered = [(c.start, c.end) for _, _, c in mentions]
    for match in _SHORT_FORM_RE.finditer(body):
        form_start = match.start() - 1  # the "T" or "t"
        if any(s <= form_start < e for s, e in covered):
            continue
        head = match.group("head").casefold()
        earlier = [c for start, _, c in mentions if start < form_start]
        for candidate in reversed(earlier):
            name_words = candidate.name.casefold().split()
            if head in name_words or _SHORT_HEADS[head] == candidate.kind:
                found.append((form_start, body[form_start : match.end()], candidate))
                break
    return found


def extract_organizations(body: str) -> list[OrganizationMention]:
    """Organizations named in the cleaned body, in order of first mention."""
    body = title_case_labels(body)
    candidates = _gazetteer_candidates(body) + _pattern_candidates(body)
    candidates += _context_candidates(body)
    if not candidates:
        return []  # as for most header lines lookup_organization reads: nothing to refine
    chosen = _longest_without_overlap(candidates)
    chosen, defined = _absorb_defined_acronyms(body, chosen)
    chosen = chosen + _defined_acronym_mentions(body, defined, chosen)
    chosen += _parent_mentions(body, chosen)
    chosen.sort(key=lambda c: c.start)
    _fold_variants(body, chosen)
    short_names = _company_short_forms(body, chosen)
    mentions = []
    for candidate in chosen:
        start = _with_article(body, candidate.start)
        mentions.append((start, body[start : candidate.end], candidate))
    # "the company" refers to a company named in full, not to a short name in passing.
    mentions += _short_form_targets(body, mentions)
    mentions += [(c.start, body[c.start : c.end], c) for c in short_names]
    return _group_by_name(mentions)


# ---------------------------------------------------------------------------------------------
# Names without a head word, told by their context


# "phone maker Zhuoyi Mobile", "law firm Nishimura & Asahi", "the platform Douyin".
_CONTEXT_NOUNS = [
    "law firm", "firm", "maker", "manufacturer", "company", "startup", "start-up", "platform",
    "giant", "developer", "supplier", "retailer", "operator", "owner", "rival", "subsidiary",
    "chipmaker", "automaker", "carmaker", "producer", "licensee", "licensor", "vendor", "opponent",
    "competitor", "publisher", "publishers", "insurer", "attorneys", "solicitors",
]  # fmt: skip
# "a patent attorney at Deacons", "head of licensing at Nordlink"
_CONTEXT_ROLES = [
    "partner", "attorney", "lawyer", "counsel", "solicitor", "analyst", "economist", "engineer",
    "executive", "licensing", "officer", "manager", "consultant",
]  # fmt: skip
_CONTEXT_NOUN_FORMS = _CONTEXT_NOUNS + [
    f"{role} {word}" for role in _CONTEXT_ROLES for word in ("at", "with")
]
# A trie rather than a list of words: re tries it at every word of the body.
_CONTEXT_NOUNS_TRIE = trie_regex(sorted(_CONTEXT_NOUN_FORMS), any_whitespace=True)
_CONTEXT_BEFORE_RE = re.compile(
    # "Osaka-based Sakura Confectionery"
    r"\b(?:" + _CONTEXT_NOUNS_TRIE + r"|[A-Z][\w'’]*-based)\s+(?=[A-Z])"
)
# The nouns alone, read backwards: a capital, the whitespace before it, a noun spelled
# backwards, and no word character before the noun (see _context_before_ends).
_CONTEXT_NOUN_BACKWARDS_RE = re.compile(
    r"[A-Z]\s+(?:"
    + trie_regex(sorted(form[::-1] for form in _CONTEXT_NOUN_FORMS), any_whitespace=True)
    + r")(?!\w)"
)
# "Zhuoyi Mobile, a Shenzhen-based phone maker, said": the name comes before the comma.
_CONTEXT_AFTER_RE = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:company|firm|startup|start-up|maker|manufacturer|"
    r"platform|developer|supplier|retailer|brand|chipmaker|automaker|carmaker|producer|"
    r"pool|publisher|insurer|consortium)"
    r"(?=[,.;]|\s+(?:that|which|based|in|from|with|whose|known|specializing|founded|owned)\b)"
)
_NOT_COMPANY_WORDS = {
    "Mr", "Ms", "Mrs", "Dr", "Prof", "He", "She", "It", "They", "We", "I", "There", "Here",
    "Chinese", "American", "Japanese", "European", "Korean", "British", "German", "French",
}  # fmt: skip
_CITIES = _load_cities()


# "published by Shueisha and Kodansha": one-word names only (two words read as a person).
# Searched from " by ", which re finds much faster than the four verbs; _published_by checks the
# verb before it.
_PUBLISHED_BY_RE = re.compile(r" by ([A-Z][\w'’-]+)(?: and ([A-Z][\w'’-]+))?(?=[,.;]|\s+[a-z])")
_PUBLISHING_VERBS = ("published", "produced", "developed", "manufactured")


def _published_by(body: str) -> Iterator[re.Match[str]]:
    """The matches finditer would give for "(verb) by Name( and Name)": the verb must also
    come after the end of the previous match."""
    previous_end = 0
    for match in _PUBLISHED_BY_RE.finditer(body):
        if body.endswith(_PUBLISHING_VERBS, previous_end, match.start()):
            previous_end = match.end()
            yield match


def _context_before_ends(body: str) -> list[int]:
    """Where the matches of _CONTEXT_BEFORE_RE end: at the capital that opens the name.

    A leading \\b makes re try the pattern at every offset of the body, and even without it the
    nouns would be tried at every word. Without "-based" in the body only the nouns can match
    (their \\b is "no word character before": a noun starts with a letter), and they are
    searched in the reversed body, from each capital, which are far fewer than word starts:
    under half the CPU. Both directions give the same ends: a match is a lowercase noun,
    whitespace and a capital, so it ends at the first capital after its start, and two
    matches can neither overlap nor hide one another."""
    if "-based" in body:
        return [match.end() for match in _CONTEXT_BEFORE_RE.finditer(body)]
    last = len(body) - 1
    ends = [last - match.start() for match in _CONTEXT_NOUN_BACKWARDS_RE.finditer(body[::-1])]
    ends.reverse()
    return ends


def _context_candidates(body: str) -> list[_Candidate]:
    candidates = []
    for match in _published_by(body):
        for group in (1, 2):
            word = match.group(group)
            if not word or word in _SURNAMES or word in _NOT_NAME_WORDS:
                continue
            if word in _NOT_COMPANY_WORDS or word in _CITIES or word in _COUNTRY_OF_WORD:
                continue
            start, end = match.span(group)
            entry = _known_entry(word)
            if entry is not None:
                candidates.append(
                    _Candidate(start, end, entry.name, entry.acronym, entry.kind, True)
                )
            else:
                candidates.append(_Candidate(start, end, word, "", ORG_COMPANY, False))
    for context_end in _context_before_ends(body):
        tokens = _tokens(body, context_end, min(len(body), context_end + 60))
        last = _company_run_end(body, tokens, 0)
        if last is not None:
            candidates.append(_context_candidate(body, tokens, 0, last))
    for match in _CONTEXT_AFTER_RE.finditer(body):
        window = max(0, match.start() - 60)
        tokens = _tokens(body, window, match.start())
        if not tokens or tokens[-1].end != match.start() or tokens[-1].ends_sentence:
            continue
        first = len(tokens) - 1
        while (
            first > 0
            and _joined(body, tokens[first - 1], tokens[first])
            and (_is_name_word(tokens[first - 1]) or tokens[first - 1].text == "&")
        ):
            first -= 1
        if tokens[first].text == "&":
            first += 1
        if _company_run_end(body, tokens, first) == len(tokens) - 1:
            candidates.append(_context_candidate(body, tokens, first, len(tokens) - 1))
    return candidates


def _company_run_end(body: str, tokens: list[_Token], first: int) -> int | None:
    """Last index of a company-like capitalised run from `first`, or None if it names no
    company (a place, a person, a sentence word)."""
    last = None
    index = first
    while index < len(tokens) and index - first < 5:
        token = tokens[index]
        if index > first and not _joined(body, tokens[index - 1], token):
            break
        if token.text == "&" and index > first and index + 1 < len(tokens):
            index += 1
            continue
        if not _is_name_word(token) or token.text in _NOT_COMPANY_WORDS:
            break
        last = index
        if token.ends_sentence or token.is_possessive:
            break
        index += 1
    if last is None or tokens[last].text == "&":
        return None
    words = [t.bare for t in tokens[first : last + 1] if t.text != "&"]
    if all(w in _CITIES or w in _COUNTRY_OF_WORD or w in _CHINA_WORDS for w in words):
        return None
    if words[0] in _SURNAMES or words[0] in _NOT_NAME_WORDS:
        return None  # "company president Zhang Wei" reads as a person
    return last


def _context_candidate(body: str, tokens: list[_Token], first: int, last: int) -> _Candidate:
    start, end = tokens[first].start, tokens[last].start + len(tokens[last].bare)
    if tokens[last].text != tokens[last].bare and not tokens[last].is_possessive:
        end = tokens[last].end  # "Corp."
    name = " ".join(body[start:end].split())
    entry = _known_entry(name)
    if entry is not None:
        return _Candidate(start, end, entry.name, entry.acronym, entry.kind, True)
    return _Candidate(start, end, name, "", ORG_COMPANY, False)


def _parent_mentions(body: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """ "Institute of X of the Chinese Academy of Sciences" also names the academy; a unit of a
    government body ("General Office of the State Council") does not name its parent."""
    parents = []
    for candidate in chosen:
        if candidate.from_gazetteer or candidate.kind != ORG_ACADEMIC:
            continue
        if " of " not in body[candidate.start : candidate.end]:
            continue
        for match in _GAZETTEER_RE.finditer(body, candidate.start + 1, candidate.end):
            before = body[max(candidate.start, match.start() - 8) : match.start()]
            entry = _BY_FORM[match.group()]
            if (
                match.end() == candidate.end
                and entry.kind == ORG_ACADEMIC
                and re.search(r"\bof (?:the )?$", before)
            ):
                parents.append(
                    _Candidate(
                        match.start(), match.end(), entry.name, entry.acronym, entry.kind, True
                    )
                )
                break
    return parents


def _fold_variants(body: str, chosen: list[_Candidate]) -> None:
    """ "the Justice Department" after "the U.S. Justice Department" is the same body, and so
    is "the Department of Justice"."""
    tails: dict[str, _Candidate] = {}  # every proper word-suffix of the forms seen so far
    for candidate in chosen:
        if not candidate.from_gazetteer:
            for key in (candidate.name, _swap_department(candidate.name)):
                earlier = tails.get(key) if key else None
                if earlier is not None and earlier.name != candidate.name:
                    candidate.name, candidate.kind = earlier.name, earlier.kind
                    candidate.acronym = earlier.acronym
                    break
        written = " ".join(body[candidate.start : candidate.end].split())
        for form in (written, _swap_department(written)):
            words = form.split()
            for index in range(1, len(words)):
                tails.setdefault(" ".join(words[index:]), candidate)


_DEPARTMENT_OF_RE = re.compile(r"^(Department|Ministry) of (\w+)$")
_X_DEPARTMENT_RE = re.compile(r"(?:^|(?<= ))(\w+) (Department|Ministry)$")


@lru_cache(maxsize=4096)  # the same names come back in every article
def _swap_department(name: str) -> str:
    """ "Department of Justice" <-> "Justice Department"."""
    match = _DEPARTMENT_OF_RE.match(name)
    if match:
        return f"{match.group(2)} {match.group(1)}"
    match = _X_DEPARTMENT_RE.search(name)
    if match:
        return f"{match.group(2)} of {match.group(1)}"
    return ""


# Words that never make a company's short name on their own.
_GENERIC_NAME_WORDS = {
    "China", "Chinese", "New", "Great", "National", "International", "Global", "United", "General",
    "First", "Central", "Golden", "Asia", "Pacific", "Eastern", "Western", "Northern", "Southern",
    "East", "West", "North", "South", "Technology", "Technologies", "Power", "Energy", "Digital",
    "Smart", "Advanced", "Applied", "Industrial", "Group", "Holdings", "Capital", "Trading",
    "Science", "Sciences", "Software", "Network", "Networks", "Systems", "Media", "Electronics",
}  # fmt: skip


def _company_short_forms(body: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """ "Huineng said" after "Jiangsu Huineng New Energy Co": a company's distinctive word,
    with any place before it dropped, is a later mention of the company."""
    found: list[_Candidate] = []
    spans = [(c.start, c.end) for c in chosen]
    done: set[str] = set()
    for candidate in chosen:
        if candidate.kind != ORG_COMPANY or candidate.from_gazetteer or candidate.name in done:
            continue
        done.add(candidate.name)
        words = _COMPANY_SUFFIX_RE.sub("", candidate.name).split()
        while words and (words[0] in _CITIES or words[0] in _COUNTRY_OF_WORD):
            words.pop(0)
        if len(words) < 1 or words[0] in _GENERIC_NAME_WORDS or len(words[0]) < 4:
            continue
        if not words[0][:1].isupper() or words[0] in _HEAD_KINDS or words[0] in _SURNAMES:
            continue
        forms = [" ".join(words), words[0]] if len(words) > 1 else [words[0]]
        for form in forms:
            position = body.find(form, candidate.end)
            while position >= 0:
                end = position + len(form)
                if _stands_alone(body, position, end) and not any(
                    s <= position < e for s, e in spans
                ):
                    spans.append((position, end))
                    found.append(_Candidate(position, end, candidate.name, "", ORG_COMPANY, False))
                position = body.find(form, end)
    return found


_NAME_GOES_ON_RE = re.compile(r"[\w-]|\s+[A-Z&]")


def _stands_alone(body: str, start: int, end: int) -> bool:
    """Not part of a longer word or name: "Huineng said", not "Huineng New Energy"."""
    before = body[start - 1] if start else " "
    return not (before.isalnum() or before in "&-_") and not _NAME_GOES_ON_RE.match(body, end)


# ---------------------------------------------------------------------------------------------
# Transcripts: "TAO KAIYUAN, VICE PRESIDENT, SUPREME PEOPLE'S COURT: We will ..."

_LABEL_RE = re.compile(
    r"^[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)+(?:, [A-Z][A-Z0-9'’.&\- ]*[A-Z.])*:(?= )", re.M
)
_LABEL_WORD_RE = re.compile(r"[A-Z][A-Z'’.\-]*")
_LABEL_SMALL_WORDS = {"OF", "AND", "FOR", "THE", "ON", "IN", "AT"}
_LABEL_ACRONYMS = {"UK", "US", "U.S.", "EU", "UN", "IP", "AI", "TV", "CEO", "CFO", "CTO"}


def title_case_labels(body: str) -> str:
    """Speaker labels of a transcript in title case, every offset kept: the name and the
    organization in them then read like any other."""
    if ":" not in body:
        return body
    labels = list(_LABEL_RE.finditer(body))
    if not labels:
        return body
    parts = []
    previous = 0
    for label in labels:
        parts.append(body[previous : label.start()])
        parts.append(_LABEL_WORD_RE.sub(_label_word, label.group()))
        previous = label.end()
    parts.append(body[previous:])
    return "".join(parts)


def transcript_label_starts(body: str) -> set[int]:
    """Offsets of the upper-case speaker labels of a transcript."""
    if ":" not in body:
        return set()
    return {label.start() for label in _LABEL_RE.finditer(body)}


def _label_word(match: re.Match[str]) -> str:
    word = match.group()
    if word in _BY_FORM or word in _LABEL_ACRONYMS:
        return word  # "CGTN", "UK"; but "LI", "WU" are names
    if word in _LABEL_SMALL_WORDS and match.start() > 0:
        return word.lower()
    return word[0] + word[1:].lower()


def _group_by_name(mentions: list[tuple[int, str, _Candidate]]) -> list[OrganizationMention]:
    by_name: dict[str, OrganizationMention] = {}
    for start, written, candidate in sorted(mentions, key=lambda m: m[0]):
        written = " ".join(written.split())
        organization = by_name.get(candidate.name)
        if organization is None:
            organization = OrganizationMention(
                name=candidate.name,
                acronym=candidate.acronym,
                kind=candidate.kind,
                position=start,
            )
            by_name[candidate.name] = organization
        organization.acronym = organization.acronym or candidate.acronym
        if written not in organization.as_written:
            organization.as_written.append(written)
    return list(by_name.values())


@cache
def _lookup(name: str) -> tuple[str, str, str] | None:
    cleaned = " ".join(name.strip().strip(".,;:()[]/").split())
    if not cleaned:
        return None
    entry = _known_entry(cleaned)
    if entry is not None:
        return entry.name, entry.acronym, entry.kind
    # An unlisted name that is wholly an organization by pattern ("Shanghai Daily").
    found = extract_organizations(cleaned)
    if len(found) == 1 and found[0].position == 0 and found[0].as_written == [cleaned]:
        return found[0].name, found[0].acronym, found[0].kind
    return None


def lookup_organization(name: str) -> OrganizationMention | None:
    """Canonical organization for a name, alias or acronym from a header or credit line.

    "Xinhua" -> Xinhua News Agency (media); "Visual China Group" -> VCG. None when unknown.
    """
    found = _lookup(name)
    if found is None:
        return None
    canonical, acronym, kind = found
    return OrganizationMention(name=canonical, acronym=acronym, kind=kind, as_written=[name])
