"""The lines around a story that describe it: dates, sources, bylines, editors, sections.

`read_meta_line(line)` understands one such line (`Updated: April 28, 2023 Source: Xinhua`,
`By Zhang Yunbi in London | China Daily Global | Updated: 2020-02-27 11:24`,
`Source: Xinhua| 2020-03-01 18:43:01|Editor: huaxia`, `SOURCE / ECONOMY`, ...) or returns
None when the line is story text. `read_dateline(paragraph)` reads `BEIJING, April 27 (Xinhua) --`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from articles.ingest import dates

_LABEL_RE = re.compile(
    r"(?:^|(?<=\s)|(?<=\|))(?P<label>Updated|Last updated|Published|Posted|Released|"
    r"Release time|Release date|Date|Time|Source|Editor|Editors|Responsible editor|"
    r"Chief editor|Author|Reporter|Writer|Journalist|By)\s*(?:[:：]|(?=\s))",
    re.IGNORECASE,
)
_EDITOR_LABELS = {"editor", "editors", "responsible editor", "chief editor"}
_BYLINE_LABELS = {"author", "reporter", "writer", "journalist", "by"}
_DATE_LABELS = {
    "updated",
    "last updated",
    "published",
    "posted",
    "released",
    "release time",
    "release date",
    "date",
    "time",
}
_SECTION_PATH_RE = re.compile(r"^[A-Z][A-Za-z&' ]{1,30}(?:\s*(?:/|>|»|›)\s*[A-Z][A-Za-z&' ]{1,30})+$")
_PAREN_OUTLET_RE = re.compile(r"^\((?P<outlet>[A-Z][\w .'&-]{1,40})\)")
_COPYRIGHT_OUTLET_RE = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:(?:19|20)\d{2}(?:\s*-\s*(?:19|20)\d{2})?\s*)?"
    r"(?:by\s+)?(?P<outlet>[A-Z][\w.&' -]{1,50}?)(?:\.|,|\s+all rights|\s+[^\x00-\x7f]|\s*$)",
    re.IGNORECASE,
)
_OUTLET_WORDS_RE = re.compile(r"^[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4}$")
_PERSON_NAME_RE = re.compile(r"^[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){1,3}$")
_BYLINE_BODY_RE = re.compile(
    r"^(?P<names>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})*)"
    r"(?:\s+in\s+(?P<place>[A-Z][\w .'-]{1,30}))?"
    r"(?:\s*[,|]\s*(?P<outlet>[A-Z][\w .'&-]{1,40}))?$"
)


@dataclass
class MetaFacts:
    """What one header line told."""

    date: dt.date | None = None
    time: dt.time | None = None
    date_as_written: str = ""
    outlet: str = ""
    section: str = ""
    byline: str = ""
    byline_names: list[str] = field(default_factory=list)
    editor: str = ""


def read_meta_line(line: str, known_outlet=lambda name: False) -> MetaFacts | None:
    """Facts from a header/credit line, or None if any part of it is story text.

    `known_outlet(name)` tells whether a bare name is a news outlet (from the gazetteer).
    """
    line = " ".join(line.replace("\u00a0", " ").split())
    if not line or len(line) > 220:
        return None
    if _SECTION_PATH_RE.match(line) and not dates.YEAR_RE.search(line):
        return MetaFacts(section=_section_from_path(line))
    facts = MetaFacts()
    copyright_match = _COPYRIGHT_OUTLET_RE.match(line)
    if copyright_match:
        facts.outlet = copyright_match.group("outlet").strip()
        return facts
    for segment in _segments(line):
        if not _read_segment(segment, facts, known_outlet):
            return None
    return facts


def _section_from_path(line: str) -> str:
    last = re.split(r"\s*(?:/|>|»|›)\s*", line)[-1].strip()
    return last.title() if last.isupper() else last


def _segments(line: str) -> list[str]:
    """Split at `|` and before each label, so `Updated: X Source: Y` is two segments."""
    segments = []
    for part in line.split("|"):
        starts = [m.start() for m in _LABEL_RE.finditer(part)]
        if not starts or starts[0] != 0:
            starts = [0, *starts]
        bounds = [*starts, len(part)]
        segments.extend(part[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [segment for segment in segments if segment]


def _read_segment(segment: str, facts: MetaFacts, known_outlet) -> bool:
    label_match = _LABEL_RE.match(segment)
    if label_match:
        label = label_match.group("label").lower()
        value = segment[label_match.end() :].strip(" :：-")
        if label in _DATE_LABELS:
            return _read_date(value, facts, known_outlet)
        if label == "source":
            return _read_source(value, facts, known_outlet)
        if label in _EDITOR_LABELS:
            facts.editor = value
            return bool(value) and len(value) <= 60
        if label in _BYLINE_LABELS:
            return _read_byline(value, facts, known_outlet)
    if _read_date(segment, facts, known_outlet, need_date=True):
        return True
    paren = _PAREN_OUTLET_RE.match(segment)
    if paren:
        facts.outlet = facts.outlet or paren.group("outlet")
        rest = segment[paren.end() :].strip()
        return not rest or _read_date(rest, facts, known_outlet, need_date=True)
    if known_outlet(segment):
        facts.outlet = facts.outlet or segment
        return True
    return False


def _read_date(value: str, facts: MetaFacts, known_outlet, need_date: bool = False) -> bool:
    """A date (and time), possibly followed by an outlet: `Jan 15, 2021 10:23  Xinhua`."""
    found = dates.find_time_then_date(value)
    if found is None:
        full = dates.find_full_dates(value)
        found = full[0] if full else None
    if found is None:
        return False
    rest = (value[: found.start] + " " + value[found.start + len(found.as_written) :]).strip(
        " ,;-"
    )
    if rest and not (known_outlet(rest) or (not need_date and _OUTLET_WORDS_RE.match(rest))):
        if need_date or not _OUTLET_WORDS_RE.match(rest):
            return False
    if facts.date is None:
        facts.date, facts.time, facts.date_as_written = found.date, found.time, found.as_written
    if rest:
        facts.outlet = facts.outlet or rest
    return True


def _read_source(value: str, facts: MetaFacts, known_outlet) -> bool:
    if not value:
        return False
    if dates.find_full_dates(value) and _read_date(value, facts, known_outlet):
        return True
    if len(value) > 60 or not _OUTLET_WORDS_RE.match(value):
        return False
    facts.outlet = facts.outlet or value
    return True


def _read_byline(value: str, facts: MetaFacts, known_outlet) -> bool:
    match = _BYLINE_BODY_RE.match(value)
    if not match or dates.YEAR_RE.search(value):
        return False
    facts.byline = value
    names = re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names"))
    for name in names:
        name = name.strip()
        if not name:
            continue
        if known_outlet(name):
            facts.outlet = facts.outlet or name
        elif _PERSON_NAME_RE.match(name):
            facts.byline_names.append(_name_case(name))
        else:
            return False
    if match.group("outlet"):
        facts.outlet = facts.outlet or match.group("outlet").strip()
    return True


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


def looks_like_person_name(text: str) -> bool:
    return bool(_PERSON_NAME_RE.match(text.strip()))


# --- Datelines -------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,\s*" + dates.MONTH + r"))"
    r"(?:,\s*(?P<date>" + dates.MONTH + r"\s+\d{1,2}(?:,\s*(?:19|20)\d{2})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .']{2,30})\))?"
    r"\s*(?:--|—|–|-|:)\s*"
)


@dataclass
class Dateline:
    place: str
    as_written: str
    month_day: tuple[int, int] | None
    year: int | None
    agency: str


def read_dateline(paragraph: str) -> Dateline | None:
    match = _DATELINE_RE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    if len(place) < 3 or (place.isupper() is False and not match.group("date")):
        return None
    written_date = match.group("date") or ""
    month_day = dates.month_day_without_year(written_date + ",") if written_date else None
    year = None
    if written_date:
        full, _ = dates.parse_date(written_date)
        if full:
            month_day, year = (full.month, full.day), full.year
    return Dateline(
        place=place.title() if place.isupper() else place,
        as_written=match.group(0).strip(),
        month_day=month_day,
        year=year,
        agency=(match.group("agency") or "").strip(),
    )
