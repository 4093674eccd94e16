"""Figures in an article body: counts, money, percentages, ranks and durations.

`extract_statistics(body)` scans each sentence for number tokens (digits, spelled-out
numbers, ordinals) and classifies each one by its immediate context. A token that fits no
pattern is dropped: a list of figures is judged as complete, so a date, a phone number or
the "14th" of a plan's name must never become a statistic.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from articles.ingest.model import Statistic
from articles.ingest.patterns import fold_case, trie_regex, word_start, word_start_matches


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Vocabulary -------------------------------------------------------------------------

_CARDINAL_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "hundred million": 10**8,
    "bn": 10**9,
    "mn": 10**6,
    # Glued abbreviations ("$5m", "£3k") mean money only; elsewhere "5m" is a distance.
    "m": 10**6,
    "k": 10**3,
    "b": 10**9,
}
_MONEY_ONLY_SCALES = frozenset({"m", "k", "b"})

# Symbols and codes written before the amount. "$" alone is taken as US dollars, as it is in
# the English-language Chinese and international press.
_PREFIX_CURRENCIES = {
    "us$": "USD",
    "u.s.$": "USD",
    "u.s. $": "USD",
    "hk$": "HKD",
    "nt$": "TWD",
    "s$": "SGD",
    "a$": "AUD",
    "c$": "CAD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "chf": "CHF",
    "hkd": "HKD",
    "jpy": "JPY",
    "gbp": "GBP",
}
# Currency words written after the amount, longest first so "US dollars" beats "dollars".
_SUFFIX_CURRENCIES = {
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "new taiwan dollars": "TWD",
    "nt dollars": "TWD",
    "singapore dollars": "SGD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "british pounds": "GBP",
    "swiss francs": "CHF",
    "yen": "JPY",
    "rupees": "INR",
    "rubles": "RUB",
    "roubles": "RUB",
    "usd": "USD",
    "eur": "EUR",
    "chf": "CHF",
    "hkd": "HKD",
    "jpy": "JPY",
    "gbp": "GBP",
}
# Ambiguous words that are currencies only after a scale word ("5 billion won", "2m pounds").
_SCALED_ONLY_CURRENCIES = {"won": "KRW", "pounds": "GBP"}

_QUALIFIERS = (
    "more than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "at least",
    "up to",
    "less than",
    "fewer than",
    "roughly",
    "approximately",
    "close to",
    "as many as",
    "as much as",
    "an estimated",
    "in excess of",
)

_TIME_UNITS = ("year", "month", "quarter", "week", "day", "hour", "minute", "time")

# Words that stop a counted noun phrase: the figure's noun comes before any of these.
_NP_STOP_WORDS = _word_set("""
    a an the this that these those its their his her our your my which who whom whose what
    of for from in on at by with to into onto over under about after before since until than
    as per via through across among between against during within without toward towards
    and or but nor so yet if while when where because although though whether
    is are was were be been being am has have had do does did will would shall should can
    could may might must not no also still only just even all each every both either
    neither last next this year ago later earlier respectively including such
    he she it they we you i
    """)
# Plural-looking words that are not counted nouns.
_NOT_PLURAL = _word_set("""
    this his its was has does is as us yes thus less plus across perhaps always besides unless
    whereas towards afterwards news series species means whereas various numerous previous
    overseas nevertheless
    """)
# Plural nouns that usually modify the noun after them ("30 sales offices").
_MODIFIER_PLURALS = _word_set("sales sports arts goods savings arms")
_IRREGULAR_PLURALS = _word_set(
    "people children men women staff personnel data media criteria police cattle"
)
# Set phrases of Chinese politics that look like counts but name something.
_NAME_PHRASES = frozenset(
    {
        "two sessions",
        "two systems",
        "two centenary goals",
        "three represents",
        "four comprehensives",
        "two establishments",
        "two safeguards",
        "four consciousnesses",
    }
)

# --- Patterns ---------------------------------------------------------------------------


def _compound_words(units: dict[str, int]) -> dict[str, int]:
    small = {word: value for word, value in units.items() if value < 10}
    return {
        f"{tens}-{unit}": tens_value + unit_value
        for tens, tens_value in _TENS_WORDS.items()
        for unit, unit_value in small.items()
    }


def _with_capitals(words: list[str]) -> list[str]:
    # Case-sensitive matching of both forms is much faster than an IGNORECASE pattern.
    return [*words, *(word.capitalize() for word in words)]


_SPELLED_CARDINALS = {**_CARDINAL_WORDS, **_TENS_WORDS, **_compound_words(_CARDINAL_WORDS)}
_SPELLED_ORDINALS = {**_ORDINAL_WORDS, **_compound_words(_ORDINAL_WORDS)}
_SPELLED_ORDINAL = trie_regex(_with_capitals(list(_SPELLED_ORDINALS)))

# A number token is a number in digits or a spelled-out number word; the two patterns are
# kept apart so that each opens with a character class, which lets the engine jump from one
# possible first character to the next instead of trying the pattern at every offset.
_GROUP_SPACE = r"[ \u00a0\u2009\u202f]"  # "22 413": a (thin or no-break) space as separator
# Digits, optionally with an ordinal suffix or a glued scale. The guards keep dates, times,
# phone numbers, ranges and codes ("G20", "5G", "12:10", "010-85061466", "2020-12-16") from
# yielding a token at all. The look-behinds stand after the first digit (so they look back
# one character further) for the pattern to open with the digit.
_DIGIT_TOKEN = re.compile(
    r"(?P<digits>\d"
    # Not glued to a word, a number or a sign before it, except to a currency code: "RMB5".
    r"(?:(?<![\w.,/:\-+]\d)|(?<=RMB\d)|(?<=CNY\d)|(?<=USD\d))"
    # European grouping "22 413": the first digit is not 0 and no digit group stands before.
    rf"(?:(?<=[1-9])(?<!\d{_GROUP_SPACE}\d)\d{{0,2}}(?:{_GROUP_SPACE}\d{{3}})+"
    r"(?![\d,]|\.\d|\s\d)"
    r"|\d*(?:,\d{3})*(?:\.\d+)?))"
    r"(?:(?P<suffix>st|nd|rd|th)\b|(?P<glued>bn|mn|m|k|b)\b|(?![A-Za-z]))"
    r"(?!\d)(?![.,:/]\d)(?!-\d)"
)
# A spelled-out cardinal or ordinal. It must start a word, which word_start_matches checks
# with _NOT_BEFORE_NUMBER_WORD: without a look-behind in front the pattern opens with the
# words' first letters.
_SPELLED_NUMBER = re.compile(
    rf"{trie_regex(_with_capitals([*_SPELLED_CARDINALS, *_SPELLED_ORDINALS]))}\b(?!-\d)"
)
_NOT_BEFORE_NUMBER_WORD = re.compile(r"[\w-]")
_SCALE_AFTER = re.compile(r"\s+(?P<scale>hundred million|thousand|million|billion|trillion)\b")
_HUNDRED_AFTER = re.compile(r"\s+hundred\b(?!\s+million)")

_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|U\.S\.\s?\$|HK\$|NT\$|S\$|A\$|C\$|\$|€|£|¥|RMB|CNY|USD|EUR|CHF|HKD|JPY|GBP)"
    r"\s?$"
)
# The trie, like the list, prefers the longest word ("euros" over "euro" over "eur").
_CURRENCY_AFTER = re.compile(rf"\s*(?P<cur>(?i:{trie_regex(list(_SUFFIX_CURRENCIES))}))\b")
_SCALED_CURRENCY_AFTER = re.compile(rf"\s+(?P<cur>{'|'.join(_SCALED_ONLY_CURRENCIES)})\b")
_PERCENT_AFTER = re.compile(r"\s*(?:(?P<points>percentage points?\b)|%|(?:percent|per cent|pct)\b)")
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<qual>(?i:{trie_regex(_QUALIFIERS)}))\s+$")
_QUALIFIER_LAST_WORDS = tuple(sorted({qualifier.split()[-1] for qualifier in _QUALIFIERS}))

_TIME_UNIT = rf"(?:{'|'.join(_TIME_UNITS)})"
_STREAK_CARDINAL_AFTER = re.compile(
    rf"\s+(?:(?:consecutive|straight|successive)\s+(?P<u1>{_TIME_UNIT})s\b"
    rf"|(?P<u2>{_TIME_UNIT})s\s+(?:in\s+a\s+row|running)\b)"
)
_STREAK_ORDINAL_AFTER = re.compile(
    rf"\s+(?:(?:consecutive|straight|successive)\s+(?P<u1>{_TIME_UNIT})\b"
    rf"|(?P<u2>{_TIME_UNIT})\s+(?:in\s+a\s+row|running)\b)"
)
_STREAK_ORDINAL_BEFORE = re.compile(r"(?:\b[Ff]or\s+)?\b(?:[Tt]he|a)\s+$")
_ANNIVERSARY_AFTER = re.compile(r"\s+anniversary\b")
# "a 5-year plan", "a three-day forum"; "-old" is an age and "Five-Year Plan" a name.
_HYPHEN_DURATION_AFTER = re.compile(
    r"-(?P<unit>year|month|week|day|hour)s?\b(?!-)(?:\s+(?P<noun>[a-z]+(?:\s+[a-z]+)?)\b)?"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+$")

_RANK_TRIGGER_BEFORE = re.compile(
    r"\b(?:ranked|ranks|ranking|rank|rose|risen|climbed|jumped|moved\s+up|advanced|fell|"
    r"dropped|slipped|slid|came|placed|finished|stood|remained|stayed|is|was|remains|took|"
    r"takes|secured|claimed|occupied|occupies)"
    r"(?:\s+up)?(?:\s+(?:to|at|in))?\s+(?:No\.\s?)?$"
)
# What may follow a rank: a place word, a scope, or the end of the clause. Anything else
# ("was first proposed", "the second-highest") is not a rank.
_RANK_FOLLOWER = re.compile(
    r"(?:\s+(?:place|position|spot|globally|worldwide|overall|in|among|out|of|on|behind|"
    r"after|with|for|and|last|this)\b|\s*[,.;:)]|\s*$)"
)
_NUMBER_SIGN_BEFORE = re.compile(r"\bNo\.\s?$")
_PLACE_AFTER = re.compile(r"\s+place\b")
_TOP_BEFORE = re.compile(r"(?:\b(?P<the>the)\s+)?\btop[\s-]$")

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$")
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTHS}\b")
_TIME_OF_DAY_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|hrs\b|h\b)")
# Words that make the number after them a label or an age ("Article 5", "aged 30").
_DESIGNATORS = """
    article articles section sections chapter chapters paragraph paragraphs clause clauses
    rule rules item items no. nos. number vol. volume page pages p. pp. level levels phase
    phases grade grades class category type version room route line terminal flight group
    team resolution decree order round session stage step part annex appendix table fig.
    figure box season episode aged age ages model tier industry web
    """
_DESIGNATOR_BEFORE = re.compile(rf"\b(?i:{trie_regex(_DESIGNATORS.split())})\s+$")
_CAPITALIZED_WORD_BEFORE = re.compile(r"(?P<word>\b[A-Z][\w\-]*)\s+$")
_ANAPHORIC_BEFORE = re.compile(r"\b(?i:the|these|those|both|all|other|another)\s+$")
_TIME_WINDOW_BEFORE = re.compile(
    r"\b(?i:past|next|last|coming|recent|previous|following|first|final|initial|upcoming|"
    r"every|once)\s+$"
)
_TIME_WINDOW_AFTER = re.compile(r"\s+(?:ago|later|earlier|old|of\s+age|hence|from\s+now)\b")
_NP_WORD = re.compile(r"\s+(?P<word>[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|&)(?![\w'’-])")

# The subject of a bare figure: "PCT applications grew by 0.6% to 278,100".
_CHANGE_VERBS = (
    r"(?:grew|rose|increased|climbed|jumped|surged|soared|fell|dropped|declined|decreased|"
    r"reached|totaled|totalled|hit|topped|exceeded|stood|amounted|numbered|came|stands|"
    r"reach|total|grow|rise|exceed)"
)
_CHANGE_VERB = re.compile(rf"\b{_CHANGE_VERBS}\b")
_NUMBER_OF = re.compile(
    r"\b(?i:number|total|count)\s+of\s+(?:[\w\-]+\s+){0,3}?(?P<noun>[a-z][a-z\-]*s)\b"
)
_SUBJECT_PREPOSITION = re.compile(r"\s(?:of|by|from|in|for|at|on|with|under|among|through|via)\s")
_SUBJECT_BOUNDARY = re.compile(r",(?!\d)|[;:\u2014]|\s--?\s")
# Each word is written as word_start(word), \bword, for the pattern to open with letters.
_COMPARED_BEFORE = re.compile(
    rf"(?:{word_start('compared')}\s+(?:with|to)|{word_start('versus')}|{word_start('vs')}\.?|"
    rf"{word_start('from')}|{word_start('against')}|{word_start('than')})\s+(?:\w+\s+)?$"
)

_YEAR_REFERENCE = re.compile(
    r"\b(?i:in|during|for|of|throughout|through)\s+"
    r"(?:the\s+(?:(?:first|second|third|fourth|last|final)\s+)?(?:half|quarter|three\s+"
    r"quarters|(?:\w+\s+)?months|end|beginning|start)\s+of\s+|(?:early|late|mid-?)\s*|"
    rf"{_MONTHS}\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b(?![\-/]\d)"
    r"|\b(?P<possessive>(?:19|20)\d{2})['’]s\b"
)
# Every _YEAR_REFERENCE contains one; far cheaper to look for first.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# \bword as word_start(word): opening with letters, the pattern is not tried at every offset.
_RELATIVE_YEAR = re.compile(
    rf"(?P<which>{word_start('last')}|{word_start('this')}|{word_start('next')})\s+year\b(?!['’])"
)
_COMPARISON_BEFORE = re.compile(r"\b(?:than|from|with|over|against|since)\s+$")
# "founded in 1987": the year of an event in the sentence, not of its figures.
_EVENT_BEFORE = re.compile(
    r"\b(?:founded|established|set\s+up|created|born|launched|built|opened|enacted|adopted|"
    r"introduced|issued|signed|started|began|took\s+effect)\s+$"
)

_SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=\n)\n*|[.!?]*[\"'”’)\]]*\s+)")
_ABBREVIATIONS = _word_set("""
    mr mrs ms dr prof st no nos vol jan feb mar apr jun jul aug sep sept oct nov dec co corp
    inc ltd jr sr vs etc gov gen rep sen approx fig e.g i.e u.s u.k u.n a.m p.m
    """)
_CLAUSE_BOUNDARY = re.compile(
    # The leading look-ahead lets the engine skip positions that cannot start a boundary.
    r"(?=[,;:(\u2014\swt])"
    r"(?:,(?!\d)|[;:(\u2014]|\s--\s|\b(?:while|which|where)\b|\bthat(?=\s+(?:the\b|[A-Z])))"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:and|but|while|with|as|moreover|meanwhile|also|besides|in\s+(?:19|20)\d{2}|"
    r"accounting\s+for|representing|reaching|making|up|down|there\s+(?:are|were|is|was))"
    r"(?:\s+|$))+",
    re.IGNORECASE,
)
_TRAILING_VERB = re.compile(
    rf"\s+(?:(?:has|have|had|was|were|is|are|will)\s+)?(?:{_CHANGE_VERBS}|received|"
    r"submitted|filed|granted|spent|invested|recorded|reported|saw|registered|accounted|"
    r"made|posted|established|founded|set\s+up|attracted|earned|generated|approved)"
    r"(?:\s+(?:by|to|at|for|up|from|of))*\s*$"
)
# Words a subject does not end with; the pattern's alternation keeps this order.
_TRAILING_WORDS = (
    *("by", "to", "at", "for", "of", "from", "with", "about", "around", "and"),
    *("is", "was", "are", "were", "has", "have", "had", "been", "be", "will", "would"),
    *("last", "lasted", "lasts", "worth"),
)
_TRAILING_PREPOSITION = re.compile(rf"(?:\s+(?:{'|'.join(_TRAILING_WORDS)}))+\s*$")
# "reached 2.443 trillion yuan" before a bracketed conversion: the figure is not the subject.
_DIGIT = re.compile(r"\d")
_TRAILING_FIGURE = re.compile(rf"\s+(?:{_CHANGE_VERBS}|at|of|worth)\b[^,;]*\d[^,;]*$")
_TAIL = re.compile(
    r"\s+((?:for|of|from|in|on|with|at|under|across)\s+[^,;.()]+?)"
    r"(?=\s+(?:will|would|is|are|was|were|has|have|had|to|that|which|who)\b|[,;.()]|$)"
)


# How far back a figure's subject is looked for; also bounds the work on run-on text.
_CONTEXT = 240


# --- Sentences --------------------------------------------------------------------------


def _sentences(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each sentence; abbreviations and initials do not end one."""
    result: list[tuple[int, str]] = []
    start = 0
    for brk in _SENTENCE_BREAK.finditer(body):
        # A break that starts with a newline is a run of newlines: it always ends a sentence.
        if body[brk.start()] != "\n" and not _ends_sentence(body, brk):
            continue
        end = brk.end()
        _append_sentence(result, body, start, end)
        start = end
    _append_sentence(result, body, start, len(body))
    return result


def _ends_sentence(body: str, brk: re.Match[str]) -> bool:
    start, end = brk.span()
    if body[end : end + 1].islower():
        return False
    # Only the last word counts: rsplit stops at the first space from the right.
    before = body[max(0, start - 15) : start].rsplit(None, 1)
    if not before:
        return True
    word = before[-1].lstrip("(\"'“‘").rstrip(".").lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def _append_sentence(result: list[tuple[int, str]], body: str, start: int, end: int) -> None:
    text = body[start:end]
    stripped = text.lstrip()
    offset = start + len(text) - len(stripped)
    stripped = stripped.rstrip()
    if stripped:
        result.append((offset, stripped))


# --- Number tokens ----------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    start: int  # in the sentence
    end: int  # after the number and any scale word
    value: Decimal
    ordinal: bool
    spelled: bool
    glued_scale: str  # "m", "k", "b": only valid as money
    scaled: bool
    grouped: bool  # written with thousands separators


def _ascii_words_table() -> bytes:
    table = bytearray(b" " * 256)
    for letter in string.ascii_letters:
        table[ord(letter)] = ord(letter.lower())
    for digit in string.digits:
        table[ord(digit)] = ord("0")
    return bytes(table)


# A sentence's UTF-8 bytes through this table keep only its ASCII letters (lowered) and
# digits (as "0"); every other byte becomes a space. Cheap C loops make and search such
# bytes: they spare most sentences the two token scans, which try a match at every digit and
# at every letter that may open a number word.
_ASCII_WORDS = _ascii_words_table()
# A _SPELLED_NUMBER match at a word start leaves its first part (up to any "-") as a whole
# word of those bytes: the part is ASCII letters, and the characters around it, being no
# letter, digit or "_" (only "-" after a part), become spaces. So a sentence without such a
# word has no match. The pattern opens with a space: the engine tries it at spaces only.
_SPELLED_NUMBER_WORD = re.compile(
    rb" "
    + trie_regex(
        sorted({word.split("-")[0] for word in [*_SPELLED_CARDINALS, *_SPELLED_ORDINALS]})
    ).encode()
    + rb"\b"
)


def _tokens(sentence: str) -> list[_Token]:
    words = b" " + sentence.encode().translate(_ASCII_WORDS)
    tokens = []
    # \d matches non-ASCII digits too, which leave no "0": such sentences are scanned anyway.
    if b"0" in words or not sentence.isascii():
        tokens = [_digit_token(sentence, match) for match in _DIGIT_TOKEN.finditer(sentence)]
    if _SPELLED_NUMBER_WORD.search(words):  # most sentences spell out no number
        spelled = [
            _spelled_token(sentence, match)
            for match in word_start_matches(_SPELLED_NUMBER, sentence, _NOT_BEFORE_NUMBER_WORD)
        ]
        if spelled:
            tokens = sorted(tokens + spelled, key=lambda token: token.start)
    return tokens


def _spelled_token(sentence: str, match: re.Match[str]) -> _Token:
    word = match.group().lower()
    if word in _SPELLED_ORDINALS:
        value = Decimal(_SPELLED_ORDINALS[word])
        return _Token(match.start(), match.end(), value, True, True, "", False, False)
    value = Decimal(_SPELLED_CARDINALS[word])
    end = match.end()
    hundred = _HUNDRED_AFTER.match(sentence, end)
    if hundred:
        value, end = value * 100, hundred.end()
    return _scaled(sentence, _Token(match.start(), end, value, False, True, "", False, False))


_GROUP_SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")


def _digit_token(sentence: str, match: re.Match[str]) -> _Token:
    digits, suffix, glued = match.group("digits", "suffix", "glued")
    # Most numbers have no group separators: skip the substitution for them.
    plain = digits if digits.isdigit() else _GROUP_SEPARATORS.sub("", digits)
    value = Decimal(plain)
    ordinal = bool(suffix)
    glued = (glued or "").lower()
    grouped = plain != digits
    token = _Token(*match.span(), value, ordinal, False, "", False, grouped)
    if glued in _MONEY_ONLY_SCALES:
        token.glued_scale = glued
        token.value, token.scaled = value * _SCALES[glued], True
        return token
    if glued:
        token.value, token.scaled = value * _SCALES[glued], True
        return token
    return token if ordinal else _scaled(sentence, token)


def _scaled(sentence: str, token: _Token) -> _Token:
    scale = _SCALE_AFTER.match(sentence, token.end)
    if scale:
        token.value *= _SCALES[scale.group("scale").lower()]
        token.end, token.scaled = scale.end(), True
    return token


def _normalized(value: Decimal) -> Decimal:
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


# --- Classification ---------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    start: int  # as_written span in the sentence
    end: int
    value: Decimal
    unit: str
    kind: str  # money, percent, rank, streak, anniversary, duration, count, bare
    qualifier: str = ""
    noun_phrase: str = ""
    compared: bool = False  # a comparison base: "up from $3.36 trillion in 2021"


def _classify(sentence: str, token: _Token) -> _Found | None:
    if token.ordinal:
        return _ordinal_figure(sentence, token)
    for classify in (_money, _percent):
        found = classify(sentence, token)
        if found:
            return found
    if _NUMBER_SIGN_BEFORE.search(sentence, max(0, token.start - 4), token.start):
        return _rank(sentence, token)  # "ranked No. 1"; a bare "No. 5" is a label
    if token.glued_scale or _not_a_quantity(sentence, token):
        return None
    if _PER_BEFORE.search(sentence, max(0, token.start - 5), token.start):
        return None  # "12 patents per 10,000 people": a rate's denominator
    for classify in (_streak, _hyphen_duration, _top_rank, _count, _anaphor, _bare):
        found = classify(sentence, token)
        if found:
            return found
    return None


def _with_qualifier(sentence: str, start: int) -> tuple[int, str]:
    window_start = max(0, start - 20)
    # A match leaves the window, stripped, ending in a qualifier's last word (in any case):
    # most windows fail this test and are spared the search, tried at each of their offsets.
    if not fold_case(sentence[window_start:start].rstrip()).endswith(_QUALIFIER_LAST_WORDS):
        return start, ""
    qual = _QUALIFIER_BEFORE.search(sentence, window_start, start)
    if qual is None:
        return start, ""
    return qual.start(), qual.group("qual").lower()


def _money(sentence: str, token: _Token) -> _Found | None:
    before = _CURRENCY_BEFORE.search(sentence, max(0, token.start - 6), token.start)
    if before:
        unit = _PREFIX_CURRENCIES[before.group("cur").lower()]
        end = token.end
        trailing = _CURRENCY_AFTER.match(sentence, end)
        if trailing and _SUFFIX_CURRENCIES[trailing.group("cur").lower()] == unit:
            end = trailing.end()  # "RMB 5 billion yuan"
        start, qualifier = _with_qualifier(sentence, before.start())
        return _Found(start, end, token.value, unit, "money", qualifier)
    if token.glued_scale:
        return None
    after = _CURRENCY_AFTER.match(sentence, token.end)
    unit = _SUFFIX_CURRENCIES[after.group("cur").lower()] if after else ""
    if not after and token.scaled:
        after = _SCALED_CURRENCY_AFTER.match(sentence, token.end)
        unit = _SCALED_ONLY_CURRENCIES[after.group("cur")] if after else ""
    if not after or _is_year(token) or (token.spelled and token.value == 1 and not token.scaled):
        return None
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, after.end(), token.value, unit, "money", qualifier)


def _percent(sentence: str, token: _Token) -> _Found | None:
    after = _PERCENT_AFTER.match(sentence, token.end)
    if not after or token.glued_scale:
        return None
    unit = "percentage points" if after.group("points") else "percent"
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, after.end(), token.value, unit, "percent", qualifier)


def _ordinal_figure(sentence: str, token: _Token) -> _Found | None:
    anniversary = _ANNIVERSARY_AFTER.match(sentence, token.end)
    if anniversary:
        return _Found(token.start, anniversary.end(), token.value, "years", "anniversary")
    streak = _STREAK_ORDINAL_AFTER.match(sentence, token.end)
    if streak and token.value > 1:
        lead = _STREAK_ORDINAL_BEFORE.search(sentence, max(0, token.start - 12), token.start)
        start = lead.start() if lead else token.start
        unit = (streak.group("u1") or streak.group("u2")) + "s"
        return _Found(start, streak.end(), token.value, unit, "streak")
    superlative = _SUPERLATIVE_AFTER.match(sentence, token.end)
    if superlative and token.value > 1:
        return _Found(token.start, superlative.end(), token.value, "rank", "rank")
    return _rank(sentence, token)


# "the second-largest source", "the third biggest market": a rank.
_SUPERLATIVE_AFTER = re.compile(
    r"(?:-[a-z]+est|[\s-](?:largest|biggest|highest|lowest|smallest|busiest|fastest|"
    r"strongest|richest))\b(?=\s+(?!(?:in|on|of|for|at|to|by|and|or|with|among|after)\b)"
    r"[a-z]+(?<!ly)\b)"
)


def _rank(sentence: str, token: _Token) -> _Found | None:
    place = _PLACE_AFTER.match(sentence, token.end)
    trigger = _RANK_TRIGGER_BEFORE.search(sentence, max(0, token.start - 30), token.start)
    if trigger and (place or _RANK_FOLLOWER.match(sentence, token.end)):
        return _Found(trigger.start(), token.end, token.value, "rank", "rank")
    if place and not token.spelled:
        return _Found(token.start, place.end(), token.value, "rank", "rank")
    return None


def _top_rank(sentence: str, token: _Token) -> _Found | None:
    top = _TOP_BEFORE.search(sentence, max(0, token.start - 10), token.start)
    if top is None:
        return None
    return _Found(top.start(), token.end, token.value, "rank", "rank")


def _streak(sentence: str, token: _Token) -> _Found | None:
    streak = _STREAK_CARDINAL_AFTER.match(sentence, token.end)
    if streak is None or _spelled_one(token):
        return None
    unit = (streak.group("u1") or streak.group("u2")) + "s"
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, streak.end(), token.value, unit, "streak", qualifier)


def _hyphen_duration(sentence: str, token: _Token) -> _Found | None:
    duration = _HYPHEN_DURATION_AFTER.match(sentence, token.end)
    if duration is None or token.scaled:
        return None
    if _ORDINAL_BEFORE.search(sentence, max(0, token.start - 30), token.start):
        return None  # "the 14th five-year plan" names a plan
    article = _ARTICLE_BEFORE.search(sentence, max(0, token.start - 5), token.start)
    start = article.start() if article else token.start
    noun = duration.group("noun")
    noun, end = _duration_noun(duration)
    unit = duration.group("unit") + "s"
    return _Found(start, end, token.value, unit, "duration", noun_phrase=noun)


def _duration_noun(duration: re.Match[str]) -> tuple[str, int]:
    """The noun a duration qualifies: "a 5-year plan" -> "plan"; none before a stop word."""
    words = (duration.group("noun") or "").split()
    kept: list[str] = []
    for word in words:
        if word in _NP_STOP_WORDS:
            break
        kept.append(word)
    if not kept:
        return "", duration.end("unit")
    end = duration.start("noun") + len(" ".join(kept))
    return " ".join(kept), end


_ORDINAL_BEFORE = re.compile(rf"(?:\d+(?:st|nd|rd|th)|\b{_SPELLED_ORDINAL})\s+$")


def _count(sentence: str, token: _Token) -> _Found | None:
    if _spelled_one(token):
        return None
    phrase = _counted_noun_phrase(sentence, token.end)
    if phrase is None:
        link = _PARTITIVE_OR_PREDICATE.match(sentence, token.end)
        if link and (not token.spelled or link.group().lstrip().startswith("of")):
            phrase = _counted_noun_phrase(sentence, link.end() - 1)
    if phrase is None:
        return _implicit_count(sentence, token)
    unit, phrase_text, end = phrase
    is_time = unit.split()[0].rstrip("s") in _TIME_UNITS
    if token.spelled and not is_time and _anaphoric(sentence, token):
        return None  # "the two countries" refers back; "the two weeks before" is a span
    if is_time and _time_window(sentence, token, end):
        return None
    if token.spelled and f"{sentence[token.start : token.end].lower()} {unit}" in _NAME_PHRASES:
        return None
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, end, token.value, unit, "count", qualifier, phrase_text)


def _implicit_count(sentence: str, token: _Token) -> _Found | None:
    """A number whose noun was named just before it: "a target for high-value patents,
    aiming for 12 per 10,000 people"; "suits are few, with only 96 filed last year"."""
    if token.spelled:
        return None
    if not (
        _PER_AFTER.match(sentence, token.end)
        or (
            _PARTICIPLE_AFTER.match(sentence, token.end)
            and _WITH_BEFORE.search(sentence, max(0, token.start - 20), token.start)
        )
    ):
        return None
    unit = _last_plural_before(sentence, token.start)
    if not unit:
        return None
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, token.end, token.value, unit, "count", qualifier, unit)


def _last_plural_before(sentence: str, pos: int) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence[max(0, pos - 100) : pos])
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.lower() in _NP_STOP_WORDS:
            continue
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if _is_plural(word) and following not in _VERB_PARTICLES:
            return _unit_word(word)  # "patents", but not "aims for"
    return ""


_VERB_PARTICLES = _word_set("for to at on up out about that the a an its their his her")


_PER_BEFORE = re.compile(r"\bper\s+$")
_PER_AFTER = re.compile(r"\s+per\s+(?:\d|[a-z])")
_PARTICIPLE_AFTER = re.compile(
    r"\s+(?:filed|granted|registered|approved|issued|handled|accepted|concluded|received|"
    r"sold|recorded|submitted|reported|seized|removed|closed|settled)\b"
)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:only\s+|just\s+)?$")
# "27 of them", "up from 29 a year earlier": the unit is the one counted just before.
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|those|these)\b")
_BASE_BEFORE = re.compile(
    r"\b(?:up|down|rising|rose|falling|fell|increasing|decreasing|compared)\s+"
    r"(?:from|with|to)\s+$"
)


def _anaphor(sentence: str, token: _Token) -> _Found | None:
    if _spelled_one(token):
        return None
    of_them = _OF_THEM_AFTER.match(sentence, token.end)
    if of_them:
        start, qualifier = _with_qualifier(sentence, token.start)
        return _Found(start, of_them.end(), token.value, "", "anaphor", qualifier)
    if token.spelled or not _BASE_BEFORE.search(sentence, max(0, token.start - 20), token.start):
        return None
    start, qualifier = _with_qualifier(sentence, token.start)
    return _Found(start, token.end, token.value, "", "anaphor", qualifier)


# "4,000 of the cases", "2,408 were criminal cases": the noun comes a few words later.
_PARTITIVE_OR_PREDICATE = re.compile(
    r"\s+(?:of\s+(?:the|its|their|these|those|our|all)|(?:were|are)(?:\s+[a-z]+ly)?)\s"
)


def _bare(sentence: str, token: _Token) -> _Found | None:
    """A scaled or grouped number with no noun after it: "grew by 0.6% to 278,100"."""
    if not (token.scaled or token.grouped) or token.spelled:
        return None
    start, qualifier = _with_qualifier(sentence, token.start)
    unit = _inferred_unit(sentence[max(0, token.start - _CONTEXT) : token.start])
    return _Found(start, token.end, token.value, unit, "bare", qualifier)


# A clause-opening plural noun qualified by what follows it: "Cases involving ...".
_SUBJECT_HEAD = re.compile(
    r"^(?:(?:the|its|their|all)\s+)?(?:[A-Za-z-]+\s+){0,2}?(?P<noun>[A-Za-z-]+)\s+"
    r"(?:involving|including|concerning|regarding|related\s+to|linked\s+to|over)\s",
    re.IGNORECASE,
)


def _inferred_unit(before: str) -> str:
    """The plural head of the subject of the last change verb: "Filings by Chinese companies
    rose ... to 1.59 million" -> "filings"; "the number of patents reached" -> "patents"."""
    verbs = list(_CHANGE_VERB.finditer(before))
    if not verbs:
        return ""
    subject = before[: verbs[-1].start()]
    head = _SUBJECT_HEAD.match(subject)
    if head and _is_plural(head.group("noun")):
        return _unit_word(head.group("noun"))  # "Cases involving patents, designs ... reached"
    boundaries = list(_SUBJECT_BOUNDARY.finditer(subject))
    if boundaries:
        subject = subject[boundaries[-1].end() :]
    number_of = _NUMBER_OF.search(subject)
    if number_of:
        return _unit_word(number_of.group("noun"))
    subject = _SUBJECT_PREPOSITION.split(f" {subject} ", maxsplit=1)[0]
    plurals = [word for word in subject.split() if _is_plural(word)]
    return _unit_word(plurals[-1]) if plurals else ""


# --- Exclusions -------------------------------------------------------------------------


def _is_year(token: _Token) -> bool:
    return (
        not token.spelled
        and not token.grouped
        and not token.scaled
        and token.value == token.value.to_integral_value()
        and 1800 <= token.value <= 2100
    )


def _spelled_one(token: _Token) -> bool:
    return token.spelled and token.value == 1 and not token.scaled


def _anaphoric(sentence: str, token: _Token) -> bool:
    return bool(_ANAPHORIC_BEFORE.search(sentence, max(0, token.start - 10), token.start))


def _not_a_quantity(sentence: str, token: _Token) -> bool:
    """Dates, years, times, article numbers and name parts ("Industry 4.0", "Two Sessions")."""
    before = sentence[max(0, token.start - 30) : token.start]
    stripped = before.rstrip()
    # The three patterns on `before` match a word (no whitespace in it) and the whitespace
    # after it to the end: no match starts before the last word. Searching from there spares
    # the engine a try at every earlier offset (\b still sees the space before the word).
    last_word = stripped.rsplit(None, 1)
    last_word_start = len(stripped) - len(last_word[-1]) if last_word else 0
    if (
        _is_year(token)
        or _MONTH_BEFORE.search(before, last_word_start)
        or _DESIGNATOR_BEFORE.search(before, last_word_start)
    ):
        return True
    if _MONTH_AFTER.match(sentence, token.end) or _TIME_OF_DAY_AFTER.match(sentence, token.end):
        return True
    first_word = token.start == 0 or stripped.endswith((":", '"', "“", "(", "—"))
    if token.spelled and sentence[token.start].isupper() and not first_word:
        return True
    capitalized = _CAPITALIZED_WORD_BEFORE.search(before, last_word_start)
    return bool(capitalized and _names_the_number(sentence, token, capitalized))


def _names_the_number(sentence: str, token: _Token, capitalized: re.Match[str]) -> bool:
    """A capitalized word right before a number is a name ("Windows 10") unless it opens
    the sentence ("Some 70 guests", "About 30 firms")."""
    word = capitalized.group("word")
    opens_sentence = not sentence[: token.start - len(capitalized.group())].strip()
    return not (opens_sentence or word.lower() in _QUALIFIER_WORDS)


_QUALIFIER_WORDS = frozenset(word for q in _QUALIFIERS for word in q.split())


def _time_window(sentence: str, token: _Token, end: int) -> bool:
    """ "the past 50 years", "next five years", "two years ago": a time frame, not a figure."""
    start, _ = _with_qualifier(sentence, token.start)
    if _TIME_WINDOW_BEFORE.search(sentence, max(0, start - 12), start):
        return True
    return bool(_TIME_WINDOW_AFTER.match(sentence, end))


# --- Counted noun phrases ---------------------------------------------------------------


def _counted_noun_phrase(sentence: str, pos: int) -> tuple[str, str, int] | None:
    """(unit, phrase, end) for the noun a number counts: "54 IPR protection centers" ->
    "centers"; "80 countries and regions" -> "countries and regions"."""
    words = _following_words(sentence, pos, limit=6)
    head = _head_index(words)
    if head is None:
        return None
    start, end = words[head][1], words[head][2]
    last = head
    if head + 2 < len(words) and words[head + 1][0].lower() in ("and", "or"):
        partner = _head_index(words[head + 2 : head + 5])
        if partner is not None and (
            _VERB_OBJECT_AFTER.match(sentence, words[head + 2 + partner][2])
            or words[head + 2][0].endswith("ed")
        ):
            partner = None  # "places 27 of them", "and awarded damages": a verb
        if partner is not None:
            last = head + 2 + partner
            end = words[last][2]
    listed = _NOUN_LIST.match(sentence, end) if last == head else None
    if listed and all(_is_plural(item.split()[-1]) for item in _LIST_ITEM.findall(listed[0])):
        end = listed.end()  # "31 provinces, autonomous regions and municipalities"
    unit = " ".join(_unit_word(word) for word in sentence[start:end].split())
    phrase = " ".join(word for word, _, _ in words[:head]) + " " + sentence[start:end]
    return unit, " ".join(phrase.split()), end


_VERB_OBJECT_AFTER = re.compile(r"\s+(?:\d|(?:the|a|an|its|their|them|it)\b)")
_LIST_WORD = r"(?!(?:and|or)\b)[a-z][a-z\-]*"
_LIST_ITEM = re.compile(rf"(?:,|\band\b|\bor\b)\s+((?:{_LIST_WORD}\s+){{0,2}}{_LIST_WORD})")
_NOUN_LIST = re.compile(
    rf"(?:,\s+(?:{_LIST_WORD}\s+){{0,2}}{_LIST_WORD})+,?\s+(?:and|or)\s+"
    rf"(?:{_LIST_WORD}\s+){{0,2}}{_LIST_WORD}\b"
)


def _following_words(sentence: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    words: list[tuple[str, int, int]] = []
    while len(words) < limit:
        match = _NP_WORD.match(sentence, pos)
        if match is None:
            break
        word = match.group("word")
        lower = word.lower()
        if lower in ("and", "or"):
            if _number_starts_at(sentence, match.end() + 1):
                break  # "54 centers and 22 sub-centers" are two figures
        elif lower in _NP_STOP_WORDS:
            break
        words.append((word, *match.span("word")))
        pos = match.end()
    return words


def _number_starts_at(sentence: str, pos: int) -> bool:
    return bool(
        _DIGIT_TOKEN.match(sentence, pos)
        or (
            _SPELLED_NUMBER.match(sentence, pos)
            and not (pos and _NOT_BEFORE_NUMBER_WORD.match(sentence, pos - 1))
        )
    )


def _head_index(words: list[tuple[str, int, int]]) -> int | None:
    for index, (word, _, _) in enumerate(words):
        if word.lower() in ("and", "or"):
            if index + 1 < len(words) and words[index + 1][0].lower() == "other":
                continue  # "PCT and other overseas applications"
            return None
        if not _is_plural(word):
            continue
        followed = index + 1 < len(words) and words[index + 1][0].lower() not in ("and", "or")
        if word.lower() in _MODIFIER_PLURALS and followed:
            continue
        return index
    return None


# _is_plural and _unit_word run on every word near a figure, and the words near figures
# come from a small vocabulary ("cases", "patents", "companies").
@lru_cache(maxsize=4096)
def _is_plural(word: str) -> bool:
    if len(word) >= 3 and word.endswith("s") and word[:-1].isupper():
        return True  # "GIs", "SEPs", "SMEs"
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if len(lower) < 3 or not lower.endswith("s") or lower in _NOT_PLURAL:
        return False
    return not lower.endswith(("ss", "us", "is", "ous", "'s", "’s"))


@lru_cache(maxsize=4096)
def _unit_word(word: str) -> str:
    # Keep acronyms' case ("SMEs", "NGOs"); lower everything else.
    return word if any(c.isupper() for c in word[1:]) else word.lower()


# --- Year and description ---------------------------------------------------------------


def _reference_year(
    found: _Found, bases: list[_Found], mentions: list[tuple[re.Match[str], int]]
) -> int | None:
    """The year stated nearest the figure, unless a comparison base stands between them
    ("798,000 patents, compared with 695,000 in 2021": 2021 is the base's year)."""
    if not mentions or found.kind in ("anniversary", "streak", "duration"):
        return None
    starts = [match.start() for match, _ in mentions]
    low = bisect.bisect_left(starts, found.start - _CONTEXT)
    high = bisect.bisect_right(starts, found.end + _CONTEXT)
    candidates: list[tuple[int, int]] = []  # (distance, year)
    for match, year in mentions[low:high]:
        if any(_between(base, match, found) for base in bases if base is not found):
            continue
        candidates.append((_distance(match, found), year))
    return min(candidates)[1] if candidates else None


def _year_mentions(sentence: str, published_year: int | None) -> list[tuple[re.Match[str], int]]:
    """Years a figure may refer to; "than in 2019" / "from last year" are comparison bases."""
    mentions: list[tuple[re.Match[str], int]] = []
    # Most sentences name no year: these cheap tests spare them the long patterns below.
    # ("19" or "20" first: a substring test is many times cheaper than the engine's scan.)
    if ("19" in sentence or "20" in sentence) and _YEAR_DIGITS.search(sentence):
        mentions = [
            (match, int(match.group("year") or match.group("possessive")))
            for match in _YEAR_REFERENCE.finditer(sentence)
        ]
    if published_year is not None and "year" in sentence:
        for match in _RELATIVE_YEAR.finditer(sentence):
            offset = {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
            mentions.append((match, published_year + offset))
    mentions.sort(key=lambda mention: mention[0].start())
    return [
        (match, year)
        for match, year in mentions
        if not _COMPARISON_BEFORE.search(sentence, max(0, match.start() - 10), match.start())
        and not _EVENT_BEFORE.search(sentence, max(0, match.start() - 14), match.start())
    ]


def _between(other: _Found, match: re.Match[str], found: _Found) -> bool:
    low, high = sorted((match.start(), found.start))
    return low < other.start < high


def _distance(match: re.Match[str], found: _Found) -> int:
    if match.end() <= found.start:
        return found.start - match.end()
    return max(0, match.start() - found.end)


def _describe(sentence: str, found: _Found) -> str:
    """What the figure measures: the counted noun phrase, or the clause's subject."""
    if found.kind in ("count", "duration") and found.noun_phrase:
        described = _with_tail(sentence, found.end, found.noun_phrase)
        if described != found.noun_phrase:
            return described
        subject = _clause_subject(sentence[max(0, found.start - _CONTEXT) : found.start])
        return f"{described} ({subject})" if subject else described
    if found.kind == "anniversary":
        of = _of_phrase(sentence, found.end)
        if of:
            return f"anniversary of {of}"
    subject = _clause_subject(sentence[max(0, found.start - _CONTEXT) : found.start])
    if found.kind == "percent":
        share = _of_phrase(sentence, found.end)
        if share:
            return f"{subject}: share of {share}" if subject else f"share of {share}"
    return subject


def _with_tail(sentence: str, pos: int, phrase: str) -> str:
    tail = _TAIL.match(sentence, pos)
    if not tail:
        return phrase
    return f"{phrase} {' '.join(tail.group(1).split()[:7])}"


def _of_phrase(sentence: str, pos: int) -> str:
    match = _OF_PHRASE.match(sentence, pos)
    return " ".join(match.group(1).split()[:8]) if match else ""


_OF_PHRASE = re.compile(r"\s+of\s+([^,;.()]+)")


# The text before a figure often recurs: figures at a sentence's start share an empty or
# stock lead-in ("The number rose ", "Fines totaling "), and wire copy is republished.
@lru_cache(maxsize=4096)
def _clause_subject(before: str) -> str:
    """The subject of the last clause of `before`, or of the nearest earlier clause that
    has one ("Exports rose 5%, up from ...": "Exports")."""
    boundaries = [match.span() for match in _CLAUSE_BOUNDARY.finditer(before)]
    end = len(before)
    while True:
        start = boundaries[-1][1] if boundaries else 0
        subject = _subject_words(before[start:end])
        if subject or not boundaries:
            return " ".join(subject.strip("()[] ").split()[-10:])
        end = boundaries.pop()[0]


def _subject_words(clause: str) -> str:
    """The clause without its leading filler and its trailing verb and figure; "" if only
    stop words remain."""
    clause = clause.strip()
    if _DIGIT.search(clause):  # _TRAILING_FIGURE needs one; most clauses have none
        clause = _TRAILING_FIGURE.sub("", clause)
    clause = _LEADING_FILLER.sub("", clause)
    clause = _TRAILING_VERB.sub("", clause)
    # A match ends in one of _TRAILING_WORDS as the clause's last word; most clauses end in
    # another word and are spared a pattern tried from every offset.
    last_word = clause.rsplit(None, 1)[-1:]
    if last_word and last_word[0] in _TRAILING_WORDS:
        clause = _TRAILING_PREPOSITION.sub("", clause)
    clause = clause.strip()
    if _NP_STOP_WORDS.issuperset(clause.lower().split()):
        return ""
    return clause


# --- Public -----------------------------------------------------------------------------


def extract_statistics(body: str, published_year: int | None = None) -> list[Statistic]:
    """The figures stated in a cleaned article body, in order of appearance.

    A figure repeated with the same value and unit (a lead restated in the body) is listed
    once. `published_year` resolves "last year" / "this year".
    """
    statistics: list[Statistic] = []
    seen: dict[tuple[Decimal, str], list[Statistic]] = {}
    for offset, sentence in _sentences(body):
        figures = _figures(sentence)
        if not figures:
            continue
        mentions = _year_mentions(sentence, published_year)
        bases = [found for found in figures if found.compared]
        what = ""
        for found in figures:
            year = _reference_year(found, bases, mentions)
            what = (
                f"{what} (comparison base)"
                if found.compared and what
                else _describe(sentence, found)
            )
            value = _normalized(found.value)
            earlier = seen.setdefault((value, found.unit), [])
            written = sentence[found.start : found.end]
            if earlier:  # most figures are stated once: spare them the restatement test
                repeated = [
                    s for s in earlier if s.sentence is not sentence or s.as_written == written
                ]
                if _restated(repeated, year):
                    continue
            statistic = Statistic(
                value=value,
                unit=found.unit,
                as_written=written,
                what=what,
                qualifier=found.qualifier,
                year=year,
                position=offset + found.start,
                sentence=sentence,
            )
            earlier.append(statistic)
            statistics.append(statistic)
    if "$" in body or "¥" in body:
        _localize_currency_symbols(body, statistics)
    return statistics


_BARE_DOLLAR_RE = re.compile(r"(?<![A-Za-z.$])\$")
_HONG_KONG_RE = re.compile(r"\bHong Kong\b|\bHKSAR\b")
_US_DOLLARS_RE = re.compile(r"\bUS dollars?\b|\bU\.S\. dollars?\b")
_JAPAN_RE = re.compile(r"\bJapan(?:ese)?\b|\bTokyo\b|\bOsaka\b")
# A story that writes the yuan as "RMB" or "CNY" may write "¥" for it too; one that spells
# out "yuan" beside "¥" keeps the symbol for the yen.
_YUAN_RE = re.compile(r"\bRMB\b|\brenminbi\b|\bCNY\b|元", re.IGNORECASE)


def _localize_currency_symbols(body: str, statistics: list[Statistic]) -> None:
    """A bare "$" in a Hong Kong story that never writes "HK$" or "US$" is the Hong Kong
    dollar (government releases); "¥" in a Japanese story that never writes RMB or CNY is
    the yen. Elsewhere "$" stays USD and "¥" CNY."""
    bare_dollars = [
        s for s in statistics if s.unit == "USD" and _BARE_DOLLAR_RE.search(s.as_written)
    ]
    yen_signs = [s for s in statistics if s.unit == "CNY" and "¥" in s.as_written]
    # The body-wide searches are the costly part: run them only if a figure could change.
    if bare_dollars and _hong_kong_story(body):
        for statistic in bare_dollars:
            statistic.unit = "HKD"
    if yen_signs and _japanese_story(body):
        for statistic in yen_signs:
            statistic.unit = "JPY"


def _hong_kong_story(body: str) -> bool:
    return (
        "HK$" not in body
        and "US$" not in body
        and ("Hong Kong" in body or "HKSAR" in body)  # spares most bodies the pattern
        and len(_HONG_KONG_RE.findall(body)) >= 2
        and not _US_DOLLARS_RE.search(body)
    )


def _japanese_story(body: str) -> bool:
    return "¥" in body and len(_JAPAN_RE.findall(body)) >= 2 and not _YUAN_RE.search(body)


def _restated(earlier: list[Statistic], year: int | None) -> bool:
    """Same value and unit again: a restatement unless both carry different years. A year
    the restatement adds (headline "48.1%", body "48.1 percent in 2021") is kept."""
    for statistic in earlier:
        if statistic.year is None or year is None or statistic.year == year:
            statistic.year = statistic.year or year
            return True
    return False


def _figures(sentence: str) -> list[_Found]:
    figures: list[_Found] = []
    claimed_until = 0
    for token in _tokens(sentence):
        if token.start < claimed_until:
            continue  # part of the previous figure ("two consecutive years")
        found = _classify(sentence, token)
        if found:
            found.compared = bool(
                _COMPARED_BEFORE.search(sentence, max(0, found.start - 30), found.start)
            )
            if found.kind == "bare" and (found.compared or not found.unit) and figures:
                _inherit_unit(found, figures)
            if found.kind == "anaphor":
                _inherit_unit(found, figures)
                if not found.unit:
                    continue
            figures.append(found)
            claimed_until = found.end
    return figures


def _inherit_unit(found: _Found, figures: list[_Found]) -> None:
    """ "798,000 patents, compared with 695,000 in 2021", "filed 70,015 applications, followed
    by the United States with 59,056": a bare number counts what the sentence's last count
    counted."""
    counts = [f for f in figures if f.kind in ("count", "bare", "anaphor") and f.unit]
    if counts:
        found.unit = counts[-1].unit
        found.noun_phrase = counts[-1].noun_phrase
