"""Find and parse dates and times in the many forms news pages print them.

Regexes only *find* candidates; python-dateutil does the parsing, except for the plainest
forms (`2020-02-27 11:24`, `Nov 09, 2021 06:03 PM`, `05-Jun-2022`): dateutil is slow, and
`read_plain_date` reads them as it does (checked against it on every day from 1900 to 2099
and every clock time). Month names come from the `calendar` module, so no month table is
written by hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from dateutil import parser as date_parser

from articles.ingest.patterns import fold_case, word_start

_MONTH_NAMES = [name for name in calendar.month_name if name]
_MONTH_ABBRS = [name for name in calendar.month_abbr if name]
_MONTH_ALTERNATIVES = "|".join(
    [*_MONTH_NAMES, *(f"{abbr}\\.?" for abbr in _MONTH_ABBRS), "Sept\\.?"]
)
MONTH = f"(?:{_MONTH_ALTERNATIVES})"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
# A time zone printed after the time is kept out of the value: the date and time stay as the
# page printed them (its local time), which is what a reader of that page saw.
_ZONE_NAMES = "GMT|UTC|JST|KST|CST|HKT|BJT|SGT|BST|CET|CEST|EST|EDT|PST|PDT|ET|Beijing Time"
_ZONE = rf"(?:\s*(?:GMT|UTC)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|\s+(?:{_ZONE_NAMES})\b)?"
_CLOCK = rf"(?:,?\s+(?:at\s+)?{_TIME}{_ZONE})?"
_YEAR = r"(?:19|20)\d{2}"

# Order matters: the longest, least ambiguous forms first.
_DATE_FORMS = [
    rf"{_YEAR}-\d{{1,2}}-\d{{1,2}}(?:(?:[ T]|\s+){_TIME}{_ZONE})?",  # 2020-12-16 12:10:05
    rf"{_YEAR}/\d{{1,2}}/\d{{1,2}}{_CLOCK}",  # 2020/12/16
    rf"\d{{1,2}}/\d{{1,2}}/{_YEAR}{_CLOCK}",  # 04/25/2024 (month first, as US pages print it)
    rf"\d{{1,2}}-\d{{1,2}}-{_YEAR}{_CLOCK}",  # 05-16-2023 10:45 BJT (CCTV)
    rf"\d{{1,2}}\.\d{{1,2}}\.{_YEAR}{_CLOCK}",  # 16.05.2023 (day first, as Europe prints it)
    rf"{_YEAR}年\d{{1,2}}月\d{{1,2}}日(?:\s*{_TIME})?",  # 2024年4月23日 17:06
    rf"\d{{1,2}}-{MONTH}-{_YEAR}{_CLOCK}",  # 05-Jun-2022
    rf"{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}{_CLOCK}",  # Nov 09, 2021 06:03 PM
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+{_YEAR}{_CLOCK}",  # 1 March 2020
]
FULL_DATE_RE = re.compile(r"\b(?:" + "|".join(f"(?:{form})" for form in _DATE_FORMS) + ")")
TIME_RE = re.compile(rf"\b{_TIME}\b")
TIME_THEN_DATE_RE = re.compile(rf"\b({_TIME}),?\s+((?:{'|'.join(_DATE_FORMS)}))")
MONTH_DAY_RE = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+{_YEAR})")
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\b(?!,?\s+{_YEAR})")


# A year standing alone. The check that no digit or hyphen stands before it comes after its
# first two digits, so that `re` skips ahead to a 1 or a 2 (see `word_start`).
YEAR_RE = re.compile(r"((?:19|20)(?<![\d-](?:19|20))\d{2})(?![\d-])")
_HAS_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_WEEKDAY_NAMES = [name.lower() for name in calendar.day_name]  # Monday first
_WEEKDAY_WORDS = ("on", "last", "this", "late", "early")
WEEKDAY_RE = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAY_WORDS)})\s+({'|'.join(calendar.day_name)})\b", re.IGNORECASE
)
# WEEKDAY_RE for lowercased ASCII text. Case-sensitive, it can open with its words' first
# letters and skip ahead to them (under re.IGNORECASE no pattern does).
_LOWERCASE_WEEKDAY_RE = re.compile(
    rf"(?:{'|'.join(map(word_start, _WEEKDAY_WORDS))})\s+({'|'.join(_WEEKDAY_NAMES)})\b"
)
# "by 2035", "until 2030": targets, not the time of writing.
_FUTURE_YEAR_RE = re.compile(
    rf"(?:{'|'.join(map(word_start, ('by', 'until', 'till', 'through', 'before', 'to')))})"
    rf"\s+(?:the\s+end\s+of\s+)?({_YEAR})"
)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    time: dt.time | None
    as_written: str
    start: int


def parse_date(text: str) -> tuple[dt.date | None, dt.time | None]:
    """Parse one date expression (with an optional time); (None, None) if it is not one."""
    text = text.strip().strip("|,;")
    if not text or not _HAS_YEAR_RE.search(text):
        return None, None
    text = _ZONE_RE.sub("", _AT_RE.sub(" ", text))
    text = _CJK_DATE_RE.sub(r"\1-\2-\3 ", text).strip()
    day_first = _day_first(text)
    plain = None if day_first else read_plain_date(text)
    if plain is not None:
        return plain
    try:
        parsed = date_parser.parse(text, fuzzy=True, dayfirst=day_first)
    except (ValueError, OverflowError):
        return None, None
    time = parsed.time() if TIME_RE.search(text) else None
    if time is not None and time.second == 0 and text.count(":") < 2:
        time = time.replace(second=0)
    return parsed.date(), time


_ZONE_RE = re.compile(_ZONE + r"$")
_AT_RE = re.compile(r"\s+at\s+(?=\d)")
_SLASHED_RE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](?:19|20)\d{2}")
_DOTTED_RE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}")
_CJK_DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


_PLAIN_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PLAIN_MONTH = r"(?P<month_name>[A-Z][a-z]+)"
_PLAIN_TIME = (
    r"(?: (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?: ?(?P<half>[AP]M))?)?"
)
_PLAIN_DATE_RES = [
    re.compile(rf"{_PLAIN_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}}){_PLAIN_TIME}"),
    re.compile(rf"{_PLAIN_MONTH}\.? (?P<day>\d{{1,2}}),? {_PLAIN_YEAR}{_PLAIN_TIME}"),
    re.compile(rf"(?P<day>\d{{1,2}})[ -]{_PLAIN_MONTH}[ -]{_PLAIN_YEAR}{_PLAIN_TIME}"),
]
_MONTH_NUMBERS = {
    name: number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}


def read_plain_date(text: str) -> tuple[dt.date, dt.time | None] | None:
    """The date (and time) of a text that is just `2020-02-27 11:24:05`, `Nov 09, 2021 06:03
    PM`, `1 March 2020` or `05-Jun-2022 14:32`, as dateutil reads it (month first); None for
    anything else, such as an impossible date, which is left to dateutil."""
    for regex in _PLAIN_DATE_RES:
        match = regex.fullmatch(text)
        if match:
            break
    else:
        return None
    parts = match.groupdict()
    month = int(parts["month"]) if parts.get("month") else _MONTH_NUMBERS.get(parts["month_name"])
    if month is None:
        return None
    try:
        date = dt.date(int(parts["year"]), month, int(parts["day"]))
        if parts["hour"] is None:
            return date, None
        hour = int(parts["hour"])
        if parts["half"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if parts["half"] == "PM" else 0)
        return date, dt.time(hour, int(parts["minute"]), int(parts["second"] or 0))
    except ValueError:
        return None


def _day_first(text: str) -> bool:
    """`25/04/2024` can only be day first; `04/05/2024` is read month first (US pages);
    `16.05.2023` is day first (European pages)."""
    if _DOTTED_RE.search(text):
        return True
    match = _SLASHED_RE.search(text)
    return bool(match and int(match.group(1)) > 12)


def may_hold_full_date(text: str) -> bool:
    """Every full date form has a 19xx or 20xx year: a text without "19" and "20" (most
    story lines) is spared the date searches."""
    return "19" in text or "20" in text


def find_full_dates(text: str) -> list[FoundDate]:
    """Every date with a year in the text, in order."""
    found = []
    if not may_hold_full_date(text):
        return found
    for match in FULL_DATE_RE.finditer(text):
        date, time = parse_date(match.group(0))
        if date is not None:
            found.append(FoundDate(date, time, match.group(0), match.start()))
    return found


def find_time_then_date(text: str) -> FoundDate | None:
    """`09:25, March 01, 2020` (People's Daily) and `14:32, 05-Jun-2022` (CGTN)."""
    match = TIME_THEN_DATE_RE.search(text) if may_hold_full_date(text) else None
    if not match:
        return None
    date, _ = parse_date(match.group(2))
    _, time = parse_date(f"{match.group(2)} {match.group(1)}")
    if date is None:
        return None
    return FoundDate(date, time, match.group(0), match.start())


def month_day_without_year(text: str) -> tuple[int, int] | None:
    """(month, day) of the first `April 27` / `27 April` that carries no year."""
    for regex, month_group, day_group in ((MONTH_DAY_RE, 1, 2), (DAY_MONTH_RE, 2, 1)):
        match = regex.search(text)
        if match:
            month = _month_number(match.group(month_group))
            day = int(match.group(day_group))
            if month and 1 <= day <= 31:
                return month, day
    return None


# calendar.month_abbr formats each name anew on every access: look them up once.
_MONTH_BY_ABBR = {abbr.lower(): number for number, abbr in enumerate(calendar.month_abbr) if abbr}


def _month_number(name: str) -> int | None:
    return _MONTH_BY_ABBR.get(name.rstrip(".")[:3].lower())


def context_years(*texts: str) -> list[int]:
    """Years the text is written in, most telling first: targets like `by 2035` left out."""
    counts: Counter[int] = Counter()
    for text in texts:
        if "19" not in text and "20" not in text:
            continue  # no year in it: spares two scans of most paragraphs
        future = {int(m.group(1)) for m in _FUTURE_YEAR_RE.finditer(text)}
        for match in YEAR_RE.finditer(text):
            year = int(match.group(1))
            if year not in future:
                counts[year] += 1
    return [year for year, _ in counts.most_common()]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekdays_mentioned(text: str) -> list[int]:
    """Weekday numbers (Monday=0) of `on Tuesday`-style mentions, in order."""
    if text.isascii():
        # Lowercasing ASCII text moves no character, and a lowercase pattern then matches it
        # case-sensitively where WEEKDAY_RE, under re.IGNORECASE, matches the text: every
        # letter that IGNORECASE folds beyond str.lower() is outside ASCII.
        matches = _LOWERCASE_WEEKDAY_RE.finditer(text.lower())
    else:
        matches = WEEKDAY_RE.finditer(text)
    # Folded as IGNORECASE folds: WEEKDAY_RE takes "ſunday" for "sunday".
    names = (fold_case(m.group(1)) for m in matches)
    return [_WEEKDAY_NAMES.index(name) for name in names]


def year_for_month_day(
    month: int, day: int, candidate_years: list[int], weekday: int | None
) -> int | None:
    """Pick a year for a yearless date: the context's year, or one whose weekday agrees."""
    if weekday is not None:
        for year in candidate_years:
            date = safe_date(year, month, day)
            if date and date.weekday() == weekday:
                return year
    return candidate_years[0] if candidate_years else None
