"""Find and parse dates and times in the many forms news pages print them.

Regexes only *find* candidates; python-dateutil does the parsing. Month names come from the
`calendar` module, so no month table is written by hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from dateutil import parser as date_parser

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
YEAR_RE = re.compile(rf"(?<![\d-])({_YEAR})(?![\d-])")  # a year standing alone
_HAS_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
WEEKDAY_RE = re.compile(
    r"\b(?:on|last|this|late|early)\s+(" + "|".join(calendar.day_name) + r")\b", re.IGNORECASE
)
# "by 2035", "until 2030": targets, not the time of writing.
_FUTURE_YEAR_RE = re.compile(
    rf"\b(?:by|until|till|through|before|to)\s+(?:the\s+end\s+of\s+)?({_YEAR})"
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
    try:
        parsed = date_parser.parse(text, fuzzy=True, dayfirst=_day_first(text))
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


def _day_first(text: str) -> bool:
    """`25/04/2024` can only be day first; `04/05/2024` is read month first (US pages);
    `16.05.2023` is day first (European pages)."""
    if _DOTTED_RE.search(text):
        return True
    match = _SLASHED_RE.search(text)
    return bool(match and int(match.group(1)) > 12)


def find_full_dates(text: str) -> list[FoundDate]:
    """Every date with a year in the text, in order."""
    found = []
    for match in FULL_DATE_RE.finditer(text):
        date, time = parse_date(match.group(0))
        if date is not None:
            found.append(FoundDate(date, time, match.group(0), match.start()))
    return found


def find_time_then_date(text: str) -> FoundDate | None:
    """`09:25, March 01, 2020` (People's Daily) and `14:32, 05-Jun-2022` (CGTN)."""
    match = TIME_THEN_DATE_RE.search(text)
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


def _month_number(name: str) -> int | None:
    key = name.rstrip(".")[:3].lower()
    for number, abbr in enumerate(calendar.month_abbr):
        if abbr and abbr.lower() == key:
            return number
    return None


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
    names = [name.lower() for name in calendar.day_name]
    return [names.index(m.group(1).lower()) for m in WEEKDAY_RE.finditer(text)]


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
