"""People named in an article body, with their role, affiliation and the short forms that
refer back to them ("Li", "Mr. Tang", "the premier", "He").

A capitalised run of words is a person only with evidence: a title or honorific before it,
a role appositive after it ("Daren Tang, director general of the WIPO"), a speech verb next
to it, a Chinese surname + pinyin given name shape, or a common given name. Precision matters
more than recall: every person we invent is a wrong row in the archive.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import OrganizationMention, PersonMention
from .organizations import title_case_labels
from .patterns import trie_regex


def word_set(text: str) -> frozenset[str]:
    """Gazetteers are written as whitespace-separated words, one block per list."""
    return frozenset(text.split())


# --------------------------------------------------------------------------------------------
# Gazetteers (data, not logic)
# --------------------------------------------------------------------------------------------

CHINESE_SURNAMES = word_set(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
    Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye
    Cheng Su Wei Lu Ding Ren Shen Yao Jin Fu Zhong Cui Tan Fan Wan Shi Liao Xiong Jia Qiu Xia
    Hou Bai Meng Qin Yan Xue Yin Duan Lei Long Tao Gu Mao Hao Gong Shao Qian Wen Chang Kong
    Fang Dai Mo Kang Zou Qi Jiao Ou Xiang Lai Lan Bao Niu Ge Yi Shang Chai Guan Zhan Ni Pang
    Yue Hong Ji Ling Geng Shan Mu Chu Miao Rao Ning Qu Zuo Bi Hua Ruan Gan Lou Ke Yun Xin Che
    Nie Zhuang Lian Lyu Lv Ai Hui Sheng Tong Zhai Lang Diao Mei Sima Ouyang Zhuge Huo Pu Zhen
    Lee Chan Wong Cheung Lau Leung Ng Ho Chow Tsang Lam Yip Kwok Tsai Hsu Chiang Ko Kuo Yeung
    Fung Mak Tse Siu Tam Kwan Poon Choi Lo Law Yuen Au Chung Teo Goh Ong Lim Koh Tay
    Xi Qiao Kuang Zang Ran Jing Rong Dou Lü Yau Tsui Hui Kwong Szeto Shum Yim Mok Sin Woo
    """
)

# Enough common given names to accept "John Smith attended" without another cue.
WESTERN_GIVEN_NAMES = word_set(
    """
    Aaron Adam Alan Albert Alex Alexander Alice Amanda Amy Andrew Angela Ann Anna Anne Anthony
    Antonio Barbara Ben Benjamin Bill Bob Brian Carlos Carol Catherine Charles Chris Christian
    Christine Christopher Claire Daniel David Deborah Dennis Donald Dorothy Douglas Edward
    Elizabeth Emily Emma Eric Francis Frank Gary George Gregory Hannah Harry Helen Henry Ian
    Jack James Jane Janet Jason Jean Jeffrey Jennifer Jessica Joe John Jonathan Jose Joseph
    Joshua Juan Julia Karen Katherine Kathleen Kenneth Kevin Laura Linda Lisa Louis Maria Mark
    Martin Mary Matthew Michael Michelle Nancy Nicholas Olivia Patricia Patrick Paul Peter
    Philip Rachel Raymond Rebecca Richard Robert Ronald Ruth Ryan Samuel Sandra Sarah Scott
    Sharon Stephen Steven Susan Thomas Timothy Victoria William Antony Emmanuel Olaf Ursula
    Vladimir Sergey Jens Klaus Hans Pierre Marco Giuseppe Akira Hiroshi Yuki Kim Rahul Ahmed
    Mohammed Muhammad Ali Fatima Omar Elvira Daren Jacques Dmitry Igor Nikolai Olga Tatiana
    """
)

HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof."})

# Head nouns of a role: "Premier", "director", "spokesperson".
TITLE_CORES = word_set(
    """
    premier president minister director commissioner spokesperson spokesman spokeswoman
    chairman chairwoman chairperson chair secretary ambassador governor mayor professor
    researcher ceo cfo cto coo head chief founder co-founder partner lawyer attorney judge
    analyst economist expert official officer representative envoy consul counselor counsellor
    councilor councillor delegate dean fellow manager engineer scientist leader chancellor
    senator lawmaker legislator administrator prosecutor procurator adviser advisor consultant
    director-general secretary-general vice-president vice-premier vice-chairman vice-minister
    vice-chair deputy-director executive inspector registrar editor reporter correspondent
    photographer examiner scholar lecturer principal president-elect king queen prince
    chairman-elect minister-counselor vice-governor vice-mayor party-secretary commander
    designer farmer entrepreneur student teacher worker resident owner artist writer inventor
    developer graduate agent counsel
    """
)

# Words that only qualify a role: "Deputy", "Vice", "former", "Foreign" (Minister).
TITLE_MODIFIERS = word_set(
    """
    vice deputy former acting assistant associate executive senior chief general first
    permanent honorary managing principal foreign prime state co executive-vice presiding
    commerce finance justice trade defense defence education culture health agriculture
    """
)

# Lowercase nouns that make a compound role: "patent attorney", "research fellow".
ROLE_NOUN_MODIFIERS = word_set(
    """
    research patent trademark copyright legal policy trade design software product marketing
    sales investment tax toy fashion data security technology industry market finance
    financial licensing compliance program programme project
    """
)

# Portfolios absorbed into a role: "Minister of Justice", "Minister of Science and Technology".
PORTFOLIO_WORDS = word_set(
    """
    justice commerce finance foreign affairs education culture tourism health defense defence
    agriculture science technology industry information state trade economy labour labor
    transport transportation ecology environment environmental housing water resources
    public security civil natural rural human social veterans energy interior home
    economic development
    """
)

NATIONALITY_TO_COUNTRY = {
    "chinese": "China",
    "american": "United States",
    "us": "United States",
    "u.s.": "United States",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "japanese": "Japan",
    "korean": "South Korea",
    "south korean": "South Korea",
    "russian": "Russia",
    "indian": "India",
    "italian": "Italy",
    "spanish": "Spain",
    "canadian": "Canada",
    "australian": "Australia",
    "brazilian": "Brazil",
    "singaporean": "Singapore",
    "swiss": "Switzerland",
    "kazakh": "Kazakhstan",
    "pakistani": "Pakistan",
    "egyptian": "Egypt",
    "south african": "South Africa",
    "indonesian": "Indonesia",
    "thai": "Thailand",
    "vietnamese": "Vietnam",
    "malaysian": "Malaysia",
    "mexican": "Mexico",
    "argentine": "Argentina",
    "dutch": "Netherlands",
    "swedish": "Sweden",
    "european": "European Union",
}

PLACES = word_set(
    """
    china beijing shanghai guangzhou shenzhen tianjin chongqing wuhan hangzhou nanjing xi'an
    chengdu hong kong macao macau taiwan taipei tibet xinjiang hainan guangdong jiangsu
    zhejiang shandong henan hebei hubei hunan fujian anhui sichuan yunnan guizhou shaanxi
    shanxi gansu qinghai jilin liaoning heilongjiang jiangxi guangxi ningxia inner mongolia
    suzhou xiamen qingdao dalian ningbo zhuhai dongguan kowloon geneva switzerland london paris
    washington tokyo seoul moscow berlin brussels singapore kazakhstan astana almaty japan korea
    canada india russia germany france italy spain brazil australia africa asia europe america
    americas pacific atlantic usa britain england egypt pakistan thailand vietnam indonesia
    malaysia mexico argentina netherlands sweden norway finland denmark poland turkey iran
    israel saudi arabia uae dubai new york york delhi mumbai sydney geneva wan chai
    """
)
PLACE_PHRASES = frozenset({"hong kong", "wan chai", "new york", "xi'an", "inner mongolia"})

# Words that mark a capitalised run as an institution, a document, an event or a place.
ORG_AND_THING_WORDS = word_set(
    """
    organization organisation office council ministry committee administration university
    college school bank group company corporation corp inc ltd llc co court party association
    agency institute academy commission bureau department center centre forum law code act
    treaty convention protocol agreement regulation regulations rules measures plan strategy
    report index indicators outline guideline guidelines opinions constitution charter
    declaration initiative day week month year expo fair summit conference congress games
    zone park province city district county street road avenue square hall house palace river
    mountain lake sea ocean island islands region area airport station port daily times post
    news agency network television radio press media xinhua cgtn reuters bloomberg vcg
    federation foundation society union alliance chamber network system project program
    programme fund trust holdings technologies technology tech electronics motors airlines
    laboratory lab hospital museum library gallery temple church mosque stadium center
    thought theory doctrine dynasty era revolution war prize award awards cup championship
    world global international national state central people's republic united nations
    european asian african intellectual property patent patents trademark copyright innovation
    science economic economy development cooperation trade industrial industry internet things
    belt silk digital smart green high-level summit olympic olympics communist
    """
)

FUNCTION_AND_SENTENCE_WORDS = word_set(
    """
    the a an of and or in on at for to with by from as during after before this that these
    those it its he she they we i you his her our their my your him them us is was are were
    be been has have had will would can could should may might must not no yes so but if when
    while where which who whom whose what why how although though since because than then
    moreover besides however meanwhile also furthermore additionally therefore thus still yet
    according first second third fourth fifth finally last next today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december feb mar apr jul aug sep sept
    oct nov dec mr mrs ms dr prof sir madam editor photo source updated published
    chinese american british french german japanese korean russian indian european african
    asian western eastern northern southern north south east west all both each every many
    more most some such other another only just even here there now over under about
    ip ipr ai r&d gdp ceo
    """
)

# Month abbreviations that are also given names ("Ma Jun", "Jan Kowalski"): a name token
# unless a day number follows ("Jun 5").
_MONTHS_AS_NAMES = frozenset({"jan", "jun"})
_DAY_AFTER_RE = re.compile(r"\.?\s?\d")

NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le"})

SPEECH_VERBS = (
    "pointed out",
    "points out",
    "called for",
    "calls for",
    "called on",
    "calls on",
    "said",
    "says",
    "noted",
    "notes",
    "added",
    "adds",
    "stressed",
    "stresses",
    "told",
    "tells",
    "urged",
    "urges",
    "attributed",
    "attributes",
    "expressed",
    "expresses",
    "emphasized",
    "emphasizes",
    "emphasised",
    "emphasises",
    "underscored",
    "underscores",
    "highlighted",
    "highlights",
    "stated",
    "explained",
    "explains",
    "warned",
    "warns",
    "argued",
    "argues",
    "insisted",
    "insists",
    "acknowledged",
    "acknowledges",
    "announced",
    "announces",
    "declared",
    "declares",
    "remarked",
    "commented",
    "observed",
    "reiterated",
    "reiterates",
    "maintained",
    "asserted",
    "affirmed",
    "mentioned",
    "hoped",
    "hopes",
    "believes",
    "believed",
    "wrote",
    "writes",
    "estimates",
    "estimated",
    "reminds",
    "reminded",
)
# Verbs as a character trie: the engine tries one branch per word start, not sixty. At any
# offset at most one verb can end at a word boundary, so the order of alternatives is moot.
_SPEECH_VERB = (
    r"(?:"
    + trie_regex(SPEECH_VERBS)
    # "As Shen put it in January: ..." is an attribution only before what was said.
    + r"|put it(?=[^.;\"“”]{0,40}[:,]\s*(?:[\"“‘]|$))"
    + r")\b"
)
SPEECH_VERB_RE = re.compile(r"\b" + _SPEECH_VERB)
# The body's verbs, found by what comes before them. Patterns that open with a space, or with
# a class that leaves out the ASCII word characters, let the engine jump ahead to the few
# places a verb may start instead of trying `\b` at every offset: half the CPU of one scan.
_VERB_AFTER_SPACE_RE = re.compile(" (?=" + _SPEECH_VERB + ")")
_VERB_AFTER_OTHER_RE = re.compile("[^ a-zA-Z0-9_](?=" + _SPEECH_VERB + ")")

# Adverbs that sit between a subject and its verb: "He also called for", "Li further said".
SUBJECT_ADVERBS = word_set(
    """
    also further then later again once repeatedly previously recently earlier specifically
    particularly firmly clearly openly publicly
    """
)

# "Xi has called for", "Li had said": the auxiliary belongs to the verb, not the subject.
_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "did", "does"})
_BETWEEN_SUBJECT_AND_VERB = SUBJECT_ADVERBS | _AUXILIARIES

# --------------------------------------------------------------------------------------------
# Token patterns
# --------------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# Possessive `++`: what may follow lowercase letters here (a hyphen or apostrophe, a space, the
# end of the run) is never a lowercase letter, so giving letters back could match nothing;
# the engine no longer tries it, letter by letter, after every one-word run.
_CAP_WORD_END = rf"[{_LOWER}]++(?:[-'’][{_UPPER}{_LOWER}][{_LOWER}]++)*"
_CAP_WORD = rf"(?:Mc|Mac|O['’]|D['’])?[{_UPPER}]{_CAP_WORD_END}"
_INITIAL = rf"[{_UPPER}]\."
_PARTICLE = "|".join(sorted(NAME_PARTICLES))
# The first word of a run is a _CAP_WORD or an _INITIAL not glued to a word before it, written
# capital first: a pattern that opens with a character class lets the engine skip from capital
# to capital instead of trying every offset of the body (three times faster). So the look back
# comes after the capital, and "Mc", "Mac", "O'", "D'" are checked behind the next capital.
_FIRST_WORD = (
    rf"[{_UPPER}](?<![\w'’-].)"
    rf"(?:(?:(?:(?<=M)a?c|(?<=[OD])['’])[{_UPPER}])?{_CAP_WORD_END}|\.)"
)
# Every next word of a run opens with a space, then a particle or a capital ("Mc", "O'" too).
_NEXT_WORD_START = "[" + "".join(sorted({p[0] for p in NAME_PARTICLES})) + _UPPER + "]"
# Two capitalised words or more: a name takes two, and most runs are one word we can skip.
# The look ahead for the second word's start is exact (every word after the first opens so)
# and turns most one-word runs away before the engine sets up the repetition of words.
CAPITALISED_RUN_RE = re.compile(
    rf"{_FIRST_WORD}(?= {_NEXT_WORD_START})"
    rf"(?: (?:(?:{_PARTICLE}) ){{0,2}}(?:{_CAP_WORD}|{_INITIAL}))+(?![\w'’-])"
)
_TOKEN_RE = re.compile(rf"{_CAP_WORD}|{_INITIAL}|[{_LOWER}]+")
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua"
    r"|ue|ui|un|uo|ve|a|e|i|o|u|v|ü)"
)
PINYIN_GIVEN_NAME_RE = re.compile(
    rf"(?:{_PINYIN_SYLLABLE}){{1,3}}(?:[-'’](?:{_PINYIN_SYLLABLE}){{1,2}})?", re.IGNORECASE
)
_ACRONYM_RE = re.compile(r"^\(?[A-Z][A-Z&.]{1,9}\)?(?:['’]s)?$")
# A sentence ends at a run of newlines, or at . ! ? (closing quotes and brackets included)
# before a capitalised word. One pattern for each mark, each opening with its character: the
# engine jumps from one such character to the next, where a class in front (`[.!?\n]`) costs
# a test of every character of the body, and so twice the instructions of the four scans.
_SENTENCE_CLOSE = r"[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])"
_SENTENCE_MARK_RES = {mark: re.compile(re.escape(mark) + _SENTENCE_CLOSE) for mark in ".!?"}
_NEWLINE_RUN_RE = re.compile(r"\n\n*")
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr prof st jr sr no vs etc inc co ltd corp gov gen sen rep dept fig jan feb mar
    apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e p.m a.m
    """
)
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)
# Nouns for a thing, so "the WIPO report" never reads as the WIPO speaking.
_APPOSITIVE_STOP_RE = re.compile(r",|;|:|\n|\"|“|”|\.(?=\s|$)")
_APPOSITIVE_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_LEADING_ADVERBS_RE = re.compile(r"^,?\s+(?:(?:[a-z]+ly|also|further|has|have|had|then)\s+)*")
_AGE_RE = re.compile(r", \d{1,3}, ")
# "Professor Zhang Ping of Peking University": the affiliation follows the name.
_AFFILIATION_AFTER_NAME_RE = re.compile(
    r" (?:of|from|at) ((?:the )?[A-Z][\w'’&-]*(?: (?:of|and|for|on|the|[A-Z][\w'’&-]*))*)"
)
_PREPOSITIONS = frozenset({"of", "at", "from", "with", "in", "for", "to"})
_SUBJECT_ACRONYMS = frozenset({"IP", "IPR", "AI", "IT", "R&D", "ICT"})

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def sentence_spans(
    text: str, protected: Sequence[tuple[int, int]] = (), start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Split `text[start:end]` into sentences, as (start, end) offsets in `text`.

    Boundaries inside `protected` spans (quotations, offsets in `text`) are ignored, so a
    multi-sentence quote stays in the sentence that attributes it. A window must be whole
    paragraphs (newlines or the ends of the text around it); it splits exactly as its text
    alone would, since a newline always ends a sentence.
    """
    end = len(text) if end is None else end
    if not protected:
        # With no quotation to keep whole, a window's sentences are those of the whole text.
        spans = _plain_sentence_spans(text)
        return spans[bisect_left(spans, (start,)) : bisect_left(spans, (end,))]
    return _split_sentences(text, protected, start, end)


@lru_cache(maxsize=1)  # people and then quotes split the same body
def _plain_sentence_spans(text: str) -> list[tuple[int, int]]:
    return _split_sentences(text, (), 0, len(text))


def _split_sentences(
    text: str, protected: Sequence[tuple[int, int]], start: int, end: int
) -> list[tuple[int, int]]:
    ends = _sentence_ends(text)
    spans: list[tuple[int, int]] = []
    for mark, after in ends[bisect_left(ends, (start,)) : bisect_left(ends, (end,))]:
        if protected and text[mark] != "\n" and any(s <= mark < e for s, e in protected):
            continue
        _append_trimmed(spans, text, start, after)
        start = after
    _append_trimmed(spans, text, start, end)
    return spans


@lru_cache(maxsize=1)  # people and then quotes split the same body
def _sentence_ends(text: str) -> tuple[tuple[int, int], ...]:
    """(mark, end) of every place a sentence may end: a newline run, or a . ! ? before a
    capitalised word that does not close an abbreviation or an initial."""
    # A match takes in no other mark (a newline run takes only newlines, a . ! ? only closing
    # quotes and brackets), so each mark's own scan finds what one scan for all would.
    ends = [newlines.span() for newlines in _NEWLINE_RUN_RE.finditer(text)]
    ends.extend(
        period.span()
        for period in _SENTENCE_MARK_RES["."].finditer(text)
        if not _is_abbreviation_before(text, period.start())
    )
    for mark in "!?":
        if mark in text:  # rare: a substring test spares most bodies the scan
            ends.extend(match.span() for match in _SENTENCE_MARK_RES[mark].finditer(text))
    ends.sort()
    return tuple(ends)


def speech_verbs(sentence: str, start: int, text: str) -> list[re.Match[str]]:
    """What `SPEECH_VERB_RE.finditer(sentence)` finds, for a sentence at `start` in `text`.

    People and quotes both look for verbs sentence by sentence: one cached scan of the whole
    text serves both, and a sentence without a verb (about half of them) costs nothing.
    """
    if "put it" in sentence:
        # Its lookahead may stop at the end of the sentence: only the sentence itself will do.
        return list(SPEECH_VERB_RE.finditer(sentence))
    offsets = _speech_verb_offsets(text)
    end = start + len(sentence)
    index = bisect_left(offsets, start)
    found = []
    while index < len(offsets) and offsets[index] < end:
        verb = SPEECH_VERB_RE.match(sentence, offsets[index] - start)
        if verb:
            found.append(verb)
        index += 1
    return found


@lru_cache(maxsize=1)  # people and then quotes read the same body
def _speech_verb_offsets(text: str) -> tuple[int, ...]:
    """Where `SPEECH_VERB_RE.finditer(text)` finds its verbs (verbs never overlap)."""
    # A verb never spans two sentences, so the matches in the text are those in its sentences.
    found = [space.end() for space in _VERB_AFTER_SPACE_RE.finditer(text)]
    # Rare: after a newline, a dash, a quotation mark, ... or a non-ASCII letter, which
    # `\b` refuses.
    found.extend(
        other.end()
        for other in _VERB_AFTER_OTHER_RE.finditer(text)
        if SPEECH_VERB_RE.match(text, other.end())
    )
    if SPEECH_VERB_RE.match(text):
        found.append(0)
    return tuple(sorted(found))


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add text[start:end] without its surrounding whitespace, unless nothing is left."""
    if start == end:
        return  # as between a full stop and the newline after it
    piece = text[start:end]
    stripped = piece.lstrip()
    if stripped:
        start += len(piece) - len(stripped)
        spans.append((start, start + len(stripped.rstrip())))


def _is_abbreviation_before(text: str, period: int) -> bool:
    if text[period] != ".":
        return False
    word_start = period
    # Looking further back than the longest abbreviation could change nothing.
    limit = max(0, period - _LONGEST_ABBREVIATION - 1)
    if period - limit > _LONGEST_ABBREVIATION and text[limit:period].isalpha():
        return False  # a longer word, as two periods in three are: told at once
    while word_start > limit and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:period].lower()
    if len(word) == 1 and text[word_start].isupper():
        return True  # an initial: "Daren T. Tang"
    return word in _ABBREVIATIONS


def title_case_role(role: str) -> str:
    """'director general' -> 'Director General'; keeps acronyms and small words as they are."""
    words = []
    for index, word in enumerate(role.split()):
        if word.isupper() and len(word) > 1:
            words.append(word)
        elif index and word.lower() in {"of", "and", "for", "the", "on"}:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def surname_of(name: str) -> str:
    """The family name: first token for Chinese-order names ("Li Qiang"), else the last."""
    return surname_keys(name)[0]


def surname_keys(name: str) -> list[str]:
    """Every token a bare-surname reference may use, best first.

    Hong Kong style names put the surname before a hyphenated given name, after an English
    one: "Dennis Leung Tsz-wing" is "Leung"; "Carrie Lam Cheng Yuet-ngor" is "Lam" or "Cheng".
    """
    tokens = name.split()
    if len(tokens) >= 2 and _is_chinese_order(tokens):
        return [tokens[0]]
    if len(tokens) >= 3 and "-" in tokens[-1]:
        middle = [t for t in tokens[1:-1] if t in CHINESE_SURNAMES]
        if middle:
            return middle
    return [tokens[-1]]


def _is_chinese_order(tokens: Sequence[str]) -> bool:
    return (
        len(tokens) == 2
        and tokens[0] in CHINESE_SURNAMES
        and tokens[1] not in WESTERN_GIVEN_NAMES
        and PINYIN_GIVEN_NAME_RE.fullmatch(tokens[1]) is not None
    )


def _bare(word: str) -> str:
    word = word.strip("()").lower()
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_acronym(word: str) -> bool:
    return _ACRONYM_RE.match(word) is not None and any(c.isupper() for c in word)


# --------------------------------------------------------------------------------------------
# Organizations: turn "the WIPO" / "the ministry" into a canonical name
# --------------------------------------------------------------------------------------------


_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_LEADING_THE_RE = re.compile(r"^the\s+")
_SPACES_RE = re.compile(r"\s+")
_TRAILING_ACRONYM_RE = re.compile(r"\s*\([^)]*\)\s*$")
_TRAILING_ACRONYM_GROUP_RE = re.compile(r"\(([^)]*)\)\s*$")
_LEADING_THE_ANY_CASE_RE = re.compile(r"^(?:the|The)\s+")
_THE_PREFIX_RE = re.compile(r"^[Tt]he\s+")
_SPEECH_BEFORE_RE = re.compile(r"\b(?:said|says|according to|added|told)\s+$")
_PLACE_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:of|in|from|at)\s+$")
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
# The pronouns that stand for the last person who spoke ("He said ...").
SPEAKER_PRONOUNS = ("He", "She", "he", "she")
_PRONOUN_SUBJECT_RE = re.compile(r"(?:.*,\s+)?(" + "|".join(SPEAKER_PRONOUNS) + ")")


def _normalise_org_form(text: str) -> str:
    text = _POSSESSIVE_END_RE.sub("", text.strip().strip(",.").lower())
    text = _LEADING_THE_RE.sub("", text)
    return _SPACES_RE.sub(" ", text)


class OrgIndex:
    """Looks up what the organizations extractor found, by any of its written forms."""

    def __init__(self, organizations: Iterable[OrganizationMention]):
        self.organizations = list(organizations)
        self._forms: dict[str, str] = {}
        for org in self.organizations:
            forms = [org.name, org.acronym, *org.as_written]
            for form in forms:
                if not form:
                    continue
                for variant in _org_form_variants(form):
                    self._forms.setdefault(variant, org.name)
        # Longest first, so "the Chinese Foreign Ministry" wins over "ministry".
        self._suffixes = sorted(self._forms, key=len, reverse=True)

    def lookup(self, text: str) -> str | None:
        """Canonical name for a written form, or None."""
        for variant in _org_form_variants(text):
            if variant in self._forms:
                return self._forms[variant]
        return None

    def org_at_end(self, phrase: str) -> str | None:
        """Canonical name when `phrase` ends with a form of a known organization."""
        normalised = _normalise_org_form(phrase)
        for form in self._suffixes:
            if normalised.endswith(form) and (
                len(normalised) == len(form) or normalised[-len(form) - 1] == " "
            ):
                head = normalised[: len(normalised) - len(form)].split()
                if all(word in {"the", "chinese", "china's"} for word in head[-2:]) or not head:
                    return self._forms[form]
                return self._forms[form] if len(head) <= 1 else None
        return None


@lru_cache(maxsize=8192)  # the same organization names recur across articles
def _org_form_variants(form: str) -> tuple[str, ...]:
    base = _normalise_org_form(form)
    variants = [base]
    without_acronym = _TRAILING_ACRONYM_RE.sub("", base).strip()
    if without_acronym and without_acronym != base:
        variants.append(without_acronym)
        acronym = _TRAILING_ACRONYM_GROUP_RE.search(base)
        if acronym:
            variants.append(acronym.group(1).strip())
    for variant in list(variants):
        for nationality in ("chinese ", "china's "):
            if variant.startswith(nationality):
                variants.append(variant[len(nationality) :])
    return tuple(variants)


def canonical_affiliation(text: str, orgs: OrgIndex) -> str:
    """'the WIPO' -> 'World Intellectual Property Organization'; 'Chinese' -> 'China'."""
    text = text.strip().strip(",")
    if not text:
        return ""
    found = orgs.lookup(text)
    if found:
        return found
    bare = _normalise_org_form(text)
    if bare in NATIONALITY_TO_COUNTRY:
        return NATIONALITY_TO_COUNTRY[bare]
    text = _LEADING_THE_ANY_CASE_RE.sub("", text)
    text = _POSSESSIVE_END_RE.sub("", text)
    return _TRAILING_ACRONYM_RE.sub("", text) if text[:1].isupper() else text


# --------------------------------------------------------------------------------------------
# Roles: before the name ("SIPO Commissioner") or after it (", director general of the WIPO")
# --------------------------------------------------------------------------------------------


@dataclass
class _RoleParse:
    role: str = ""
    affiliation: str = ""


def _is_title_core(word: str) -> bool:
    return _bare(word) in TITLE_CORES


def _is_title_modifier(word: str) -> bool:
    return _bare(word) in TITLE_MODIFIERS


def _role_span(tokens: Sequence[str], core: int) -> tuple[int, int]:
    """Grow the role around its first head noun: modifiers before, heads and portfolios after."""
    start = core
    while start > 0 and _is_title_modifier(tokens[start - 1]):
        start -= 1
    end = core + 1
    while end < len(tokens):
        if (
            _is_title_core(tokens[end])
            or _bare(tokens[end]) == "general"
            or (
                _is_title_modifier(tokens[end])
                and end + 1 < len(tokens)
                and _is_title_core(tokens[end + 1])
            )
        ):
            end += 1
            continue
        if (
            _bare(tokens[end - 1]) == "head"
            and tokens[end] == "of"
            and end + 1 < len(tokens)
            and tokens[end + 1].isalpha()
            and tokens[end + 1].islower()
            and tokens[end + 1] not in FUNCTION_AND_SENTENCE_WORDS
        ):
            end += 2  # "head of licensing"
            break
        portfolio_end = _portfolio_end(tokens, end)
        if portfolio_end > end:
            end = portfolio_end
            continue
        break
    return start, end


def _portfolio_end(tokens: Sequence[str], index: int) -> int:
    """'of Justice', 'of Science and Technology': where such a portfolio ends, else index."""
    if index >= len(tokens) or tokens[index] not in {"of", "for"}:
        return index
    end = index + 1
    while end < len(tokens) and (
        _bare(tokens[end]) in PORTFOLIO_WORDS and tokens[end][:1].isupper()
    ):
        end += 1
        if end < len(tokens) - 1 and tokens[end] == "and":
            end += 1
    if tokens[end - 1] == "and":
        end -= 1
    return end if end > index + 1 else index


def _parse_prefix_role(tokens: Sequence[str], orgs: OrgIndex) -> _RoleParse:
    cores = [i for i, token in enumerate(tokens) if _is_title_core(token)]
    if not cores:
        return _RoleParse()
    start, end = _role_span(tokens, cores[0])
    role = title_case_role(" ".join(tokens[start:end]))
    before = [t for t in tokens[:start] if t.lower() != "the"]
    after = list(tokens[end:])
    affiliation = ""
    if before:
        affiliation = " ".join(before)
    elif after and after[0] in {"of", "at", "from"}:
        affiliation = " ".join(after[1:])
    return _RoleParse(role, canonical_affiliation(affiliation, orgs))


_ROLE_NOW_RE = re.compile(r"\bwho (?:is|was) now (?:a|an|the)\s+(.+)$")
# "of the IP team", "of the licensing unit": the unit a head leads belongs to the role.
_HEAD_OF_UNIT_RE = re.compile(
    r"of (?:the |its |their )?((?:[\w&-]+ ){0,2}(?:team|unit|division|section|practice|desk))"
    r"\b ?(.*)$"
)


def _parse_appositive(phrase: str, orgs: OrgIndex) -> _RoleParse | None:
    """', a spokesperson from the ministry' -> Spokesperson / the ministry's canonical name."""
    now = _ROLE_NOW_RE.search(phrase)
    if now:
        phrase = now.group(1)  # "a former judge who is now a partner at X": the role now
    phrase = _APPOSITIVE_ARTICLE_RE.sub("", phrase.strip())
    tokens = phrase.split()
    core = next((i for i, t in enumerate(tokens[:7]) if _is_title_core(t)), None)
    # Most appositives hold no role: told before the costlier search for a verb.
    if core is None or SPEECH_VERB_RE.search(phrase):
        return None
    start, end = _role_span(tokens, core)
    lead = list(tokens[:start])
    based = max((i for i, t in enumerate(lead) if t.endswith("-based")), default=-1)
    if based >= 0:
        lead = lead[based + 1 :]  # "a Hong Kong-based patent attorney": the place is no role
    nouns: list[str] = []
    while lead and lead[-1] in ROLE_NOUN_MODIFIERS:
        nouns.insert(0, lead.pop())
    # Before the role: an affiliation ("former WIPO director general") or adjectives.
    role_words = [t for t in lead if _is_title_modifier(t)] + nouns
    affiliation_words = [
        t
        for t in lead
        if not _is_title_modifier(t) and t[:1].isupper() and not t.endswith("-based")
    ]
    if any(not t[:1].isupper() and not _is_title_modifier(t) for t in lead[-3:]) and len(lead) > 2:
        return None
    if affiliation_words and all(w in _SUBJECT_ACRONYMS for w in affiliation_words):
        affiliation_words = []  # "an IP partner" is a partner
    role = title_case_role(" ".join(role_words + list(tokens[start:end])))
    if role == "Head":
        unit = _HEAD_OF_UNIT_RE.match(" ".join(tokens[end:]))
        if unit:  # "head of the IP team at X"
            role = title_case_role(f"head of {unit.group(1)}")
            tokens = [*tokens[:end], *unit.group(2).split()]
    affiliation = " ".join(affiliation_words)
    rest = tokens[end:]
    if not affiliation and rest and rest[0].lower() in _PREPOSITIONS:
        affiliation = " ".join(rest[1:])
    return _RoleParse(role, canonical_affiliation(affiliation, orgs))


# --------------------------------------------------------------------------------------------
# Finding names
# --------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    name: str
    start: int  # of the name itself
    end: int
    mention_start: int  # of the full mention, title included
    mention: str
    role: _RoleParse


# One set for the test run on every capitalised word.
_NOT_NAME_WORDS = (
    FUNCTION_AND_SENTENCE_WORDS
    | ORG_AND_THING_WORDS
    | PLACES
    | TITLE_CORES
    | TITLE_MODIFIERS
    | frozenset(NATIONALITY_TO_COUNTRY)
)


def _is_name_token(token: str) -> bool:
    lowered = token.lower()
    if lowered in NAME_PARTICLES:
        return True
    if token.endswith("."):
        return len(token) == 2  # an initial
    return lowered not in _NOT_NAME_WORDS


_HYPHENED_GIVEN_NAME_RE = re.compile(rf"[{_UPPER}][{_LOWER}]+-[{_LOWER}]+")


def _name_tokens_at_end(tokens: list[str]) -> int:
    """How many tokens at the end of a capitalised run can be a name (0 if none)."""
    count = 0
    for token in reversed(tokens):
        if not _is_name_token(token):
            break
        count += 1
    while count and tokens[len(tokens) - count].lower() in NAME_PARTICLES:
        count -= 1
    if count == 1 and len(tokens) > 1 and _HYPHENED_GIVEN_NAME_RE.fullmatch(tokens[-1]):
        # "Park Min-jung", "Hall Yu-ting": a hyphenated given name makes the word before it
        # a surname even when it is also a common noun.
        surname = tokens[-2]
        if surname.lower() in ORG_AND_THING_WORDS and surname[:1].isupper():
            count = 2
    return count


def _words_before(body: str, position: int, limit: int = 24) -> list[str]:
    """The words just before `position`, nearest last."""
    window_start = max(0, position - 200)
    words = body[window_start:position].split()
    if window_start and words:
        words = words[1:]  # the first one may be cut in half
    return words[-limit:]


def _start_of_last_words(body: str, position: int, words: list[str], count: int) -> int:
    """Where the last `count` of `words`, the words right before `position`, start."""
    start = position
    for word in reversed(words[len(words) - count :]):
        # Only spaces lie between a word and the next: its text last occurs right there.
        start = body.rfind(word, 0, start)
    return start


def _prefix_tokens(body: str, position: int) -> tuple[int, list[str]]:
    """Title words before a name: 'the World ... (WIPO) Director General', 'SIPO Commissioner'."""
    # Words only: the title's start is found once it is known, not an offset for every word.
    collected: list[str] = []
    words = _words_before(body, position)
    rest = words
    if (
        len(words) >= 4
        and words[-1].isalpha()
        and words[-1].islower()
        and words[-3:-1] == ["of", "the"]
        and _is_title_core(words[-4])
    ):
        collected.append(words[-1])  # "Vice President of the court Chen Jianmin"
        rest = words[:-1]
    for word in reversed(rest):
        bare = word.rstrip(',.;:"”')
        if bare != word and bare.lower() not in HONORIFICS:
            break  # a comma, full stop or the end of a quotation closes the title
        if not _may_be_in_title_prefix(word, collected):
            break
        collected.append(word)
        if word.endswith(("'s", "’s")):
            break
    collected.reverse()  # the last words before the name, in order
    while collected and collected[0].lower() in {"of", "the", "and", "for", "on"}:
        collected.pop(0)
    while collected and collected[0].lower() in FUNCTION_AND_SENTENCE_WORDS - {
        *NATIONALITY_TO_COUNTRY
    }:
        collected.pop(0)
    if not any(_is_title_core(w) for w in collected):
        return position, []
    return _start_of_last_words(body, position, words, len(collected)), collected


def _may_be_in_title_prefix(word: str, collected_so_far: list[str]) -> bool:
    lowered = word.lower()
    if lowered in {"of", "the", "for", "on"}:
        return True
    if lowered == "and":
        # "Science and Technology" joins a portfolio; "Li Qiang and President Xi" does not.
        return bool(collected_so_far) and _bare(collected_so_far[-1]) in PORTFOLIO_WORDS
    if _is_acronym(word):
        return True
    if word[:1].isupper():
        # A previous person's name ends the title: "Li Qiang and ..." is caught by "and";
        # here we just refuse sentence words like "Meanwhile".
        return True
    return _is_title_core(word) or _is_title_modifier(word)


_ROLE_BEFORE_NAME_RE = re.compile(
    r"\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]he)\s+([a-z][a-z -]{2,40}),\s$"
)
_GLOSS_RE = re.compile(r" \([^()\n]{1,40}\)")


def _appositive_after(body: str, end: int) -> str:
    gloss = _GLOSS_RE.match(body, end)
    if gloss:
        end = gloss.end()  # "Li Xuemei (李雪梅), the presiding judge"
    if not body.startswith(", ", end):
        return ""
    age = _AGE_RE.match(body, end)
    rest = body[age.end() if age else end + 2 : end + 200]
    stop = _APPOSITIVE_STOP_RE.search(rest)
    return rest[: stop.start()] if stop else rest


def _has_speech_verb_next(body: str, start: int, end: int) -> bool:
    after = _LEADING_ADVERBS_RE.sub("", body[end : end + 40])
    if SPEECH_VERB_RE.match(after):
        return True
    before = body[max(0, start - 20) : start]
    return _SPEECH_BEFORE_RE.search(before) is not None


def _candidate_from_run(
    body: str, run: re.Match[str], org_spans: _SpanIndex, orgs: OrgIndex
) -> _Candidate | None:
    tokens = run.group().split(" ")
    count = _name_tokens_at_end(tokens)
    if count < 2:
        return None
    name_tokens = tokens[-count:]
    if len(name_tokens) > 4:
        return None
    name = " ".join(name_tokens)
    start = run.end() - len(name)
    end = run.end()
    if name_tokens[-1].lower() in _MONTHS_AS_NAMES and _DAY_AFTER_RE.match(body, end):
        return None
    if _is_not_a_person(body, name, start, end, org_spans):
        return None
    if len(name_tokens) >= 3 and _PLACE_PREPOSITION_BEFORE_RE.search(
        body[max(0, start - 6) : start]
    ):
        return None  # "of the Republic of Kazakhstan Azimova"-like runs: a place glued on
    prefix_start, prefix = _prefix_tokens(body, start)
    role = _parse_prefix_role(prefix, orgs) if prefix else _RoleParse()
    appositive = _appositive_after(body, end)
    appositive_role = _parse_appositive(appositive, orgs) if appositive else None
    if not role.role and appositive_role:
        role = appositive_role
    if not role.role and appositive_role is None:
        # "Its head of licensing, Marta Koskinen, told ...": the role comes first.
        before = _ROLE_BEFORE_NAME_RE.search(body, max(0, start - 60), start)
        if before:
            appositive_role = _parse_appositive(before.group(1), orgs)
            role = appositive_role or role
    honorific = _honorific_before(body, start)
    if not role.role and honorific.lower().startswith("prof"):
        role = _RoleParse("Professor", "")
    if role.role and not role.affiliation:
        after_name = _AFFILIATION_AFTER_NAME_RE.match(body, end)
        if after_name:
            role.affiliation = canonical_affiliation(after_name.group(1).rstrip(), orgs)
    evidence = (
        bool(prefix)
        or appositive_role is not None
        or bool(honorific)
        or _is_chinese_order(name_tokens)
        or name_tokens[0] in WESTERN_GIVEN_NAMES
        or _has_speech_verb_next(body, start, end)
    )
    if not evidence:
        return None
    mention_start = prefix_start if prefix else start
    if honorific and not prefix:
        mention_start = start - len(honorific) - 1
    mention = body[mention_start:end]
    if appositive_role is not None and not prefix:
        mention = f"{name}, {appositive.strip()}"
    return _Candidate(name, start, end, mention_start, mention, role)


def _honorific_before(body: str, start: int) -> str:
    """'Mr.' / 'Prof' right before the name, or ''."""
    before = body[max(0, start - 6) : start]
    if not before.endswith(" "):
        return ""
    words = before.split()
    return words[-1] if words and words[-1].lower() in HONORIFICS else ""


def _is_not_a_person(body: str, name: str, start: int, end: int, org_spans: _SpanIndex) -> bool:
    if name.lower() in PLACE_PHRASES or org_spans.covers(start):
        return True
    following = body[end : end + 30]
    next_word = _NEXT_WORD_RE.match(following)
    # "Sun Yat-sen University", "Xi Jinping Thought" end the run with a lowercase word only
    # when written oddly; a following org word in capitals is caught by the run itself.
    return bool(next_word and next_word.group(1) in {"University", "Thought", "Road", "Street"})


class _SpanIndex:
    """Sorted (start, end) spans; `covers(position)` in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.max_ends: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.max_ends.append(furthest)

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and self.max_ends[index] > position


def _org_spans(body: str, organizations: Iterable[OrganizationMention]) -> _SpanIndex:
    spans = []
    for org in organizations:
        for written in {org.name, *org.as_written}:
            # The test spares most forms a call of the pattern, which needs "the" or "The".
            form = _THE_PREFIX_RE.sub("", written) if written[:1] in "Tt" else written
            if len(form) < 4 or not form[:1].isupper():
                continue
            position = body.find(form)
            while position != -1:
                spans.append((position, position + len(form)))
                position = body.find(form, position + 1)
    return _SpanIndex(spans)


# --------------------------------------------------------------------------------------------
# Resolving short references
# --------------------------------------------------------------------------------------------


@dataclass
class Reference:
    """A stretch of the body that refers to a person."""

    start: int
    end: int
    text: str
    person: PersonMention
    form: str  # "full", "honorific", "surname", "role", "pronoun"


_LAST_WORD_RE = re.compile(r"(?:\b(Mr|Ms|Mrs|Dr|Prof)\.?\s+)?([A-Z][\w'’-]+)$")
_THE_ROLE_AT_END_RE = re.compile(r"\b[Tt]he\s+([a-z][a-z -]+)$")


class PersonResolver:
    """Resolves "Li", "Mr. Tang", "the premier" to a full-name person of the same article.

    A bare surname goes to the most recent full-name mention with that surname before it, so
    two Wangs in one article stay apart.
    """

    def __init__(self, body: str, persons: Sequence[PersonMention]):
        self.body = body
        self.persons = list(persons)
        self._full: list[tuple[int, int, PersonMention]] = []
        for person in self.persons:
            for start in _find_word(body, person.name):
                self._full.append((start, start + len(person.name), person))
        self._full.sort(key=lambda item: item[0])
        self._full_starts = [start for start, _, _ in self._full]
        self._references: list[Reference] | None = None
        self._surnames: dict[str, list[PersonMention]] = {}
        self._add_surnames([(person, surname_keys(person.name)) for person in self.persons])
        self._index_names_and_roles()

    def _add_surnames(self, keyed: Sequence[tuple[PersonMention, list[str]]]) -> None:
        for person, surnames in keyed:
            for surname in surnames:
                self._surnames.setdefault(surname, []).append(person)

    def _index_names_and_roles(self) -> None:
        """The lookups by name and role: cheap, none reads the body."""
        self._by_name = {p.name: p for p in self.persons}
        # Longest name first, so "Li Qiang Jr" is tried before "Li Qiang".
        self._longest_first = sorted(self.persons, key=lambda p: len(p.name), reverse=True)
        self._names = tuple(p.name for p in self.persons)
        self._roles: dict[str, list[PersonMention]] = {}
        for person in self.persons:
            if person.role:
                self._roles.setdefault(person.role.lower(), []).append(person)
        # What the index was built from, for `shared_resolver`: roles may be filled in later.
        self._built_from = [(person, person.role) for person in self.persons]

    def built_from(self, body: str, persons: Sequence[PersonMention]) -> bool:
        return (
            body == self.body
            and len(persons) == len(self._built_from)
            and all(
                person is built and person.role == role
                for person, (built, role) in zip(persons, self._built_from, strict=True)
            )
        )

    def extend_to(self, body: str, persons: Sequence[PersonMention]) -> bool:
        """Take in `persons` when they are the people indexed, in order, followed by people
        the body can never refer to, roles filled in on the way counting as new people (the
        pipeline appends the people credited in bylines this way). False if not, unchanged.

        Every reference is found in the body (a phrase resolved is a piece of the body too):
        full names and surnames by their text, roles after "the". A surname not in the body
        (nor then the name it belongs to) and a role never after "the" can match none, so
        the full-name mentions and references found stay exactly as they are.
        """
        if body != self.body or len(persons) < len(self._built_from):
            return False
        new_roles = []
        for person, (built, role) in zip(persons, self._built_from, strict=False):
            if person is not built or (role and person.role != role):
                return False
            if person.role != role:
                new_roles.append(person.role)
        added = [(person, surname_keys(person.name)) for person in persons[len(self._built_from) :]]
        new_roles.extend(person.role for person, _ in added if person.role)
        if any(surname in body for _, surnames in added for surname in surnames) or any(
            _may_follow_the(body, role) for role in new_roles
        ):
            return False
        self.persons = list(persons)
        # Appended after the others', as a build from all of them would order them.
        self._add_surnames(added)
        self._index_names_and_roles()
        return True

    def person_named(self, name: str) -> PersonMention | None:
        return self._by_name.get(name)

    def resolve_surname(self, surname: str, position: int) -> PersonMention | None:
        candidates = self._surnames.get(surname)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        index = bisect_right(self._full_starts, position)
        for start, _, person in reversed(self._full[:index]):
            if person in candidates and start < position:
                return person
        return None

    def resolve_role(self, role: str, position: int) -> PersonMention | None:
        candidates = self._roles.get(role.lower())
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        index = bisect_right(self._full_starts, position)
        for _, _, person in reversed(self._full[:index]):
            if person in candidates:
                return person
        return None

    def resolve_reference(self, ref: str, position: int) -> PersonMention | None:
        """Person meant by `ref` ("Li Qiang", "Li", "Mr. Tang", "the premier") at `position`."""
        ref = ref.strip()
        person = self._by_name.get(ref)
        if person:
            return person
        words = ref.split()
        if len(words) == 2 and words[0].lower() in HONORIFICS:
            return self.resolve_surname(words[1], position)
        if len(words) == 1:
            return self.resolve_surname(ref, position)
        if words[0].lower() == "the":
            return self.resolve_role(" ".join(words[1:]), position)
        return None

    def person_at_end(self, phrase: str, position: int) -> tuple[PersonMention, str] | None:
        """The person the phrase ends with ("Chinese Premier Li Qiang", "Mr. Tang", "the premier")
        and the form found. `position` is where the phrase ends in the body."""
        phrase = phrase.rstrip()
        if phrase.endswith(self._names):  # one test for all, then the longest name first
            for person in self._longest_first:
                if _ends_with_word(phrase, person.name):
                    return person, "full"
        # A match lies in the last two words: searching from there spares the engine a try
        # at every offset of a long subject.
        words = phrase.rsplit(None, 2)
        last = _LAST_WORD_RE.search(phrase, len(words[0]) if len(words) == 3 else 0)
        if last and last.group(2) in self._surnames:  # else no surname resolves anyway
            before = phrase[: last.start()].rstrip()
            previous = before.rsplit(None, 1)[-1] if before else ""
            glued_to_name = (
                previous[:1].isupper()
                and not last.group(1)
                and not _is_title_core(previous)
                and not _is_title_modifier(previous)
            )
            person = None if glued_to_name else self.resolve_surname(last.group(2), position)
            if person:
                return person, "honorific" if last.group(1) else "surname"
        # The pattern needs "the" or "The": most subjects are told by a substring test.
        role = (
            _THE_ROLE_AT_END_RE.search(phrase)
            if self._roles and ("the" in phrase or "The" in phrase)
            else None
        )
        if role:
            person = self.resolve_role(role.group(1), position)
            if person:
                return person, "role"
        return None

    def references(self) -> list[Reference]:
        """Every full name, surname, honorific and role reference in the body, in order.
        Computed once: callers only read the list."""
        if self._references is None:
            self._references = self._find_references()
        return self._references

    def _find_references(self) -> list[Reference]:
        refs = [
            Reference(start, end, self.body[start:end], person, "full")
            for start, end, person in self._full
        ]
        refs.extend(self._surname_references())
        refs.extend(self._role_references())
        refs.sort(key=lambda ref: ref.start)
        return refs

    def _surname_references(self) -> list[Reference]:
        refs = []
        for start, surname_start, surname in _surname_occurrences(self.body, self._surnames):
            if self._inside_full_name(surname_start):
                continue
            if self.body[max(0, start - 2) : start].strip()[-1:].isupper():
                continue  # glued to another capitalised word: "Daren Tang" style unknown names
            person = self.resolve_surname(surname, start)
            if person:
                form = "surname" if start == surname_start else "honorific"
                end = surname_start + len(surname)
                refs.append(Reference(start, end, self.body[start:end], person, form))
        return refs

    def _role_references(self) -> list[Reference]:
        refs = []
        for role in self._roles:
            # The role is written lowercase: "the Premier" in capitals is a title before a name.
            for role_start in _find_word(self.body, role):
                start, end = role_start - 4, role_start + len(role)
                if start < 0 or self.body[start:role_start].lower() != "the ":
                    continue
                if _is_word_char(self.body, start - 1):
                    continue
                if self.body.startswith((" of", "'s", "’s"), end):
                    continue  # "the president of the company", "the premier's"
                person = self.resolve_role(role, start)
                if person:
                    text = self.body[start:end]
                    refs.append(Reference(start, end, text, person, "role"))
        return refs

    def _inside_full_name(self, position: int) -> bool:
        index = bisect_right(self._full_starts, position) - 1
        return index >= 0 and self._full[index][0] <= position < self._full[index][1]


_last_resolver: PersonResolver | None = None


def shared_resolver(body: str, persons: Sequence[PersonMention]) -> PersonResolver:
    """A PersonResolver, reused when asked again for the same body and people.

    People (short forms) and quotes (attribution) each index an article's names and find
    every reference; for most articles the quote extractor sees the very same people, so
    the second index, the costliest duplicated work of a parse, is the first one again.
    """
    global _last_resolver
    if _last_resolver is None or not (
        _last_resolver.built_from(body, persons) or _last_resolver.extend_to(body, persons)
    ):
        _last_resolver = PersonResolver(body, persons)
    return _last_resolver


def _may_follow_the(body: str, role: str) -> bool:
    """Whether the role (lowercase, as references write it) comes after "the" and spaces,
    in any case, somewhere in the body: a role found nowhere else is never a reference."""
    role = role.lower()
    position = body.find(role)
    while position != -1:
        end = position
        while end and body[end - 1].isspace():  # the spaces `\s+` matches
            end -= 1
        if end < position and body[max(0, end - 3) : end].lower() == "the":
            return True
        position = body.find(role, position + 1)
    return False


_HONORIFIC_WORDS = ("Mr", "Ms", "Mrs", "Dr", "Prof")
_NAME_GOES_ON_RE = re.compile(r" [A-Z][a-z]")


def _surname_occurrences(body: str, surnames: Iterable[str]) -> list[tuple[int, int, str]]:
    r"""(mention start, surname start, surname) of each surname standing alone, an honorific
    before it included, in body order: what `(?<![\w'’-])(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?
    (<surname>|...)(?![\w-])(?! [A-Z][a-z])` finds, without compiling a pattern per article.
    At one offset the first surname in `surnames` order wins, as in that alternation."""
    surname_at: dict[int, str] = {}
    for surname in surnames:
        position = body.find(surname) if surname else -1
        while position != -1:
            if position not in surname_at and _surname_stands_alone(body, position, surname):
                surname_at[position] = surname
            position = body.find(surname, position + 1)
    # By mention start; at one start the form with an honorific first (the regex tries it first).
    mentions = sorted(
        ((_honorific_start(body, position), position) for position in surname_at),
        key=lambda mention: (mention[0], -mention[1]),
    )
    found = []
    matched_until = 0  # matches never overlap, as with finditer
    for start, position in mentions:
        if start < matched_until:
            start = position
        if start < matched_until:
            continue
        surname = surname_at[position]
        found.append((start, position, surname))
        matched_until = position + len(surname)
    return found


def _surname_stands_alone(body: str, start: int, surname: str) -> bool:
    end = start + len(surname)
    if start and (body[start - 1].isalnum() or body[start - 1] in "_'’-"):
        return False
    if end < len(body) and (body[end].isalnum() or body[end] in "_-"):
        return False
    return _NAME_GOES_ON_RE.match(body, end) is None  # "Li Qiang" is not a bare "Li"


def _honorific_start(body: str, surname_start: int) -> int:
    """Where "Mr. " / "Prof " right before the surname starts, else the surname's start."""
    end = surname_start
    while end and body[end - 1].isspace():
        end -= 1
    if end == surname_start:
        return surname_start
    if body[end - 1] == ".":
        end -= 1
    if end <= 0 or not body.endswith(_HONORIFIC_WORDS, 0, end):
        return surname_start  # most surnames: no honorific, told in one call
    for word in _HONORIFIC_WORDS:
        start = end - len(word)
        if (
            start >= 0
            and body.startswith(word, start)
            and not (start and (body[start - 1].isalnum() or body[start - 1] in "_'’-"))
        ):
            return start
    return surname_start


def _find_word(text: str, word: str) -> list[int]:
    """Offsets of `word` standing alone (not inside a longer word or hyphenated name)."""
    found = []
    position = text.find(word)
    while position != -1:
        end = position + len(word)
        if not _is_word_char(text, position - 1) and not _is_word_char(text, end):
            found.append(position)
        position = text.find(word, position + 1)
    return found


def _is_word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "-_")


def _ends_with_word(phrase: str, word: str) -> bool:
    if not phrase.endswith(word):
        return False
    before = phrase[: len(phrase) - len(word)]
    return not before or not (before[-1].isalnum() or before[-1] in "-'’")


def strip_subject_adverbs(phrase: str) -> str:
    """'He also' -> 'He': the adverbs that sit between a subject and its speech verb."""
    phrase = phrase.rstrip()
    while True:  # word by word from the end: the phrase may be a long sentence
        head, _, last = phrase.rpartition(" ")
        if last.lower() not in _BETWEEN_SUBJECT_AND_VERB:
            return phrase
        phrase = head


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def extract_people(body: str, organizations: list[OrganizationMention]) -> list[PersonMention]:
    """People named in the body, in order of first mention, with role and affiliation."""
    body = title_case_labels(body)
    orgs = OrgIndex(organizations)
    org_spans = _org_spans(body, organizations)
    persons: dict[str, PersonMention] = {}
    for run in CAPITALISED_RUN_RE.finditer(body):
        candidate = _candidate_from_run(body, run, org_spans, orgs)
        if candidate is None:
            continue
        person = persons.get(candidate.name)
        if person is None:
            persons[candidate.name] = PersonMention(
                name=candidate.name,
                role=candidate.role.role,
                affiliation=candidate.role.affiliation,
                as_written=[candidate.mention],
                position=candidate.mention_start,
            )
            continue
        if not person.role and candidate.role.role:
            person.role, person.affiliation = candidate.role.role, candidate.role.affiliation
        if candidate.mention not in person.as_written:
            person.as_written.append(candidate.mention)
    result = _drop_names_inside_others(list(persons.values()))
    _add_short_forms(body, result)
    return result


def _drop_names_inside_others(persons: list[PersonMention]) -> list[PersonMention]:
    """'Jinping Xi' never; but 'Qiang Li' vs 'Li Qiang' can't both be right: keep the first."""
    seen_token_sets: list[frozenset[str]] = []
    kept = []
    for person in persons:
        tokens = frozenset(person.name.split())
        if tokens in seen_token_sets:
            continue
        seen_token_sets.append(tokens)
        kept.append(person)
    return kept


_FORM_ORDER = {"full": 0, "honorific": 1, "surname": 2, "role": 3, "pronoun": 4}


def _add_short_forms(body: str, persons: list[PersonMention]) -> None:
    resolver = shared_resolver(body, persons)
    forms: dict[str, list[tuple[int, str]]] = {p.name: [] for p in persons}
    for ref in resolver.references():
        if ref.form != "full":
            forms[ref.person.name].append((_FORM_ORDER[ref.form], ref.text))
    for person, pronoun in _pronoun_speakers(body, resolver):
        forms[person.name].append((_FORM_ORDER["pronoun"], pronoun))
    for person in persons:
        for _, text in sorted(forms[person.name], key=lambda item: item[0]):
            if text not in person.as_written:
                person.as_written.append(text)


def _pronoun_speakers(body: str, resolver: PersonResolver) -> list[tuple[PersonMention, str]]:
    """'He said ...' at the start of a sentence: the last person who spoke."""
    found = []
    last_speaker: PersonMention | None = None
    spans = sentence_spans(body)
    # A pronoun speaker is found only in a sentence that opens with the pronoun; the sentences
    # after the last of those could only change `last_speaker`. Most articles have none.
    opening = [i for i, (start, _) in enumerate(spans) if body.startswith(SPEAKER_PRONOUNS, start)]
    for start, end in spans[: opening[-1] + 1] if opening else ():
        sentence = body[start:end]
        for verb in speech_verbs(sentence, start, body):
            subject = strip_subject_adverbs(sentence[: verb.start()])
            pronoun = _PRONOUN_SUBJECT_RE.fullmatch(subject)
            if pronoun:
                if last_speaker is not None and pronoun.start(1) == 0:
                    found.append((last_speaker, pronoun.group(1)))
                break
            hit = resolver.person_at_end(subject, start + verb.start())
            if hit:
                last_speaker = hit[0]
                break
    return found
