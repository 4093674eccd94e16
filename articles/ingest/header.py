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
    r"Release time|Release date|Date|Time|Source|From|Editor|Editors|Responsible editor|"
    r"Chief editor|Web editor|Author|Reporter|Writer|Journalist|By|Views|Clicks|Hits|Reads|"
    r"Current location|You are here|Location|Issued at|来源|责任编辑|编辑)\s*(?:[:：]|(?=\s))",
    re.IGNORECASE,
)
_EDITOR_LABELS = {
    "editor",
    "editors",
    "responsible editor",
    "chief editor",
    "web editor",
    "责任编辑",
    "编辑",
}
_SOURCE_LABELS = {"source", "from", "来源"}
_BYLINE_LABELS = {"author", "reporter", "writer", "journalist", "by"}
_COUNTER_LABELS = {"views", "clicks", "hits", "reads"}  # "Views: 1,287": page furniture
_LOCATION_LABELS = {"current location", "you are here", "location"}
_DATE_LABELS = {
    "issued at",
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
_PATH_SEPARATOR_RE = re.compile(r"\s*(?:/|>|»|›)\s*")
_SEGMENT_SEPARATOR_RE = re.compile(r"\||\s/\s|\s[·•丨｜]\s?|丨|｜")
_SECTION_PATH_RE = re.compile(
    r"^[A-Z][A-Za-z&' -]{1,30}(?:\s*(?:/|>|»|›)\s*[A-Z0-9][A-Za-z0-9&' -]{1,30})+$"
)
_PAREN_OUTLET_RE = re.compile(r"^\((?P<outlet>[A-Z][\w .'&-]{1,40})\)")
# "Copyright © 2024 CGTN." / "© 2020 The Associated Press" — but not a headline such as
# "Copyright registrations rise", so a © or a year must follow the word.
_COPYRIGHT_OUTLET_RE = re.compile(
    r"(?:copyright\s*(?=©|\(c\)|(?:19|20)\d{2})|©|\(c\))\s*(?:©\s*)?"
    r"(?:(?:19|20)\d{2}(?:\s*-\s*(?:19|20)\d{2})?\s*)?"
    r"(?:by\s+)?(?P<outlet>[A-Z][\w.&' -]{1,50}?)(?:\.|,|\s+all rights|\s+[^\x00-\x7f]|\s*$)",
    re.IGNORECASE,
)
# "South China Morning Post Publishers Ltd" -> "South China Morning Post"
_COMPANY_SUFFIX_RE = re.compile(
    r"(?:\s+(?:Publishers?|Publishing|Holdings|Media))?\s*,?\s+(?:Ltd|Limited|Inc|LLC|Co)\.?$"
)
_OUTLET_WORDS_RE = re.compile(
    r"^(?:[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4}|[a-z][\w-]*(?:\.[\w-]+)+)$"
)  # "China Daily Global", or a site's domain such as "english.gov.cn"
_SENTENCE_WORDS_RE = re.compile(
    r"^(?:On|In|At|By|Since|From|Until|As|Before|After|During|The|This|Last|Next)\b"
)
_RELATIVE_TIME_RE = re.compile(r"^\d+\s+(?:minute|min|hour|day|week)s?\s+ago$", re.IGNORECASE)
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
    editors: list[str] = field(default_factory=list)  # as written: names or desk accounts
    home_outlet: str = ""  # "WIPO Home > Press Room": the site the page belongs to


def read_meta_line(line: str, known_outlet=lambda name: False) -> MetaFacts | None:
    """Facts from a header/credit line, or None if any part of it is story text.

    `known_outlet(name)` tells whether a bare name is a news outlet (from the gazetteer).
    """
    line = " ".join(line.replace("\u00a0", " ").split())
    if not line or len(line) > 220:
        return None
    if _SECTION_PATH_RE.match(line) and not ("/" in line and dates.YEAR_RE.search(line)):
        first = _PATH_SEPARATOR_RE.split(line)[0]
        home = first[: -len(" Home")] if first.endswith(" Home") else ""
        return MetaFacts(section=_section_from_path(line), home_outlet=home)
    facts = MetaFacts()
    copyright_match = _COPYRIGHT_OUTLET_RE.match(line)
    if copyright_match:
        facts.outlet = _COMPANY_SUFFIX_RE.sub("", copyright_match.group("outlet")).strip()
        return facts
    line = _WIRE_SIGNOFF_RE.sub("", line)  # "Ends/Wednesday, May 15, 2024"
    leftovers = [
        segment for segment in _segments(line) if not _read_segment(segment, facts, known_outlet)
    ]
    if not leftovers:
        return facts
    # Beside a date, short extras are the header's own: a place ("SHENZHEN"), an author,
    # a page number, a comment count, a category ("Commentary"), "Article Type: Release".
    if facts.date is None or not all(_read_extra(segment, facts) for segment in leftovers):
        return None
    return facts


_WEEKDAY_RE = re.compile(
    r"^\s*(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*$",
    re.IGNORECASE,
)
_WIRE_SIGNOFF_RE = re.compile(r"^(?:ends|end|enditem|nnnn)\s*/\s*", re.IGNORECASE)
_PAGE_OR_COUNT_RE = re.compile(
    r"^(?:page\s+[A-Z]?\d+|\d[\d,]*\s+(?:comments?|views?|shares?|likes?|reads?))$",
    re.IGNORECASE,
)
_SHORT_LABEL_RE = re.compile(r"^[A-Z][\w ]{1,24}[:：]\s*\S.{0,30}$")
_SHORT_WORDS_RE = re.compile(r"^[A-Z][\w&'.-]*(?:\s+(?:&|and|of|[A-Z][\w&'.-]*)){0,3}$")


def _read_extra(segment: str, facts: MetaFacts) -> bool:
    if _PAGE_OR_COUNT_RE.match(segment) or _SHORT_LABEL_RE.match(segment):
        return True
    if _PERSON_NAME_RE.match(segment) and not segment.isupper():
        facts.byline_names.append(segment)
        facts.byline = facts.byline or segment
        return True
    return bool(_SHORT_WORDS_RE.match(segment))


def _section_from_path(line: str) -> str:
    last = _PATH_SEPARATOR_RE.split(line)[-1].strip()
    return last.title() if last.isupper() else last


def _segments(line: str) -> list[str]:
    """Split at `|` (or ` / `) and before each label: `Updated: X Source: Y` is two segments."""
    segments = []
    for part in _SEGMENT_SEPARATOR_RE.split(line):
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
            return _RELATIVE_TIME_RE.match(value) is not None or _read_date(
                value, facts, known_outlet
            )
        if label in _SOURCE_LABELS:
            return _read_source(value, facts, known_outlet)
        if label in _EDITOR_LABELS:
            facts.editors.extend(split_names(value.rstrip(".")))
            return bool(value) and len(value) <= 80
        if label in _BYLINE_LABELS:
            return _read_byline(value, facts, known_outlet)
        if label in _COUNTER_LABELS:
            return bool(re.fullmatch(r"[\d,. ]+", value))
        if label in _LOCATION_LABELS:
            facts.section = facts.section or _section_from_path(value)
            return True
    if _read_date(segment, facts, known_outlet, need_date=True):
        return True
    if facts.date and facts.time is None and dates.TIME_RE.fullmatch(segment):
        _, facts.time = dates.parse_date(f"{facts.date.isoformat()} {segment}")
        return True
    paren = _PAREN_OUTLET_RE.match(segment)
    if paren:
        facts.outlet = facts.outlet or paren.group("outlet")
        rest = segment[paren.end() :].strip()
        return not rest or _read_date(rest, facts, known_outlet, need_date=True)
    if _DOMAIN_RE.match(segment) or known_outlet(segment):  # the lookup is the costlier
        facts.outlet = facts.outlet or segment
        return True
    return False


_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net|gov|int|info)(?:\.cn)?$", re.I)


def _read_date(value: str, facts: MetaFacts, known_outlet, need_date: bool = False) -> bool:
    """A date (and time), possibly followed by an outlet: `Jan 15, 2021 10:23  Xinhua`."""
    found = dates.find_time_then_date(value)
    if found is None:
        full = dates.find_full_dates(value)
        found = full[0] if full else None
    if found is None:
        if need_date:
            return False
        # "Issued at HKT 16:30": a time alone, under a date label, completes the date.
        clock = dates.TIME_RE.search(value)
        if clock and len(value.split()) <= 3:
            _, facts.time = dates.parse_date(f"2000-01-01 {clock.group(0)}")
            return True
        return False
    before = _WEEKDAY_RE.sub("", value[: found.start]).strip(" ,;-")
    after = value[found.start + len(found.as_written) :].strip(" ,;-")
    if after and _PAGE_OR_COUNT_RE.match(after):  # "Tue, May 16, 2023 - Page 10"
        after = ""
    if after and found.time is None and dates.TIME_RE.fullmatch(after):  # "May 16, 2023 - 15:01"
        _, found_time = dates.parse_date(f"{found.date.isoformat()} {after}")
        found = dates.FoundDate(found.date, found_time, found.as_written, found.start)
        after = ""
    if before and after:
        return False
    rest = before or after
    # What stands beside the date may be the outlet ("Jan 15, 2021 10:23  Xinhua") or the
    # place ("Geneva, March 2, 2023"); a word like "On" means it is a sentence.
    if rest and not (
        known_outlet(rest) or (_OUTLET_WORDS_RE.match(rest) and not _SENTENCE_WORDS_RE.match(rest))
    ):
        return False
    if facts.date is None:
        facts.date, facts.time, facts.date_as_written = found.date, found.time, found.as_written
    if rest and known_outlet(rest) or rest and after and not need_date:
        facts.outlet = facts.outlet or rest
    return True


def _read_source(value: str, facts: MetaFacts, known_outlet) -> bool:
    if not value:
        return False
    if not value.isascii():  # "来源：澎湃新闻": a source line, but the English name is elsewhere
        return len(value) <= 20
    found = dates.find_full_dates(value)
    if found and _read_date(value, facts, known_outlet):
        # "Source: MOFCOM 2023-05-19 15:07": what is not the date is the source.
        name = value.replace(found[0].as_written, "").strip(" ,;|-")
        if name and _OUTLET_WORDS_RE.match(name):
            facts.outlet = facts.outlet or name
        return True
    if len(value) > 60 or not _OUTLET_WORDS_RE.match(value):
        return False
    facts.outlet = facts.outlet or value
    return True


# "by Xinhua writers Ma Xiaoyu, Zhang Wenjing": the desk's words go, the names stay.
_BYLINE_DESK_RE = re.compile(
    r"^(?:(?P<desk>[A-Z][\w.']*(?:\s+[A-Z][\w.']*)?)\s+)?(?:staff\s+)?"
    r"(?:writers?|reporters?|correspondents?|journalists?)\s+(?=[A-Z])"
)


def _read_byline(value: str, facts: MetaFacts, known_outlet) -> bool:
    desk = _BYLINE_DESK_RE.match(value)
    if desk:
        if desk.group("desk") and known_outlet(desk.group("desk")):
            facts.outlet = facts.outlet or desk.group("desk")
        value = value[desk.end() :]
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


def _names_only(text: str) -> list[str]:
    return [name for name in split_names(text) if _PERSON_NAME_RE.match(name)]


def split_names(text: str) -> list[str]:
    """`Liang Jun, Du Mingming` / `A and B` -> names, with `in London` places dropped."""
    names = []
    for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", text):
        part = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", part.strip())
        if part:
            names.append(_name_case(part))
    return names


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


def looks_like_person_name(text: str) -> bool:
    return bool(_PERSON_NAME_RE.match(text.strip()))


# --- Credit lines at the foot of a story ---------------------------------------------------

_CREDIT_PAREN_RE = re.compile(r"^\((?P<inner>[^()]{5,300})\)$")
_CREDIT_PART_RE = re.compile(
    r"^(?P<kind>(?:additional\s+)?reporting|writing|editing|web editor|editor|compiled)"
    r"\s*(?:by|:)\s*(?P<names>.+)$",
    re.IGNORECASE,
)
_CONTRIBUTED_RE = re.compile(
    r"^(?:[A-Z][\w.']*\s+){0,3}(?:writers?|reporters?|correspondents?|journalists?)\s+"
    r"(?P<names>[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}"
    r"(?:\s*(?:,|and)\s*[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3})*)"
    r"(?:\s+in\s+[A-Z][\w .'-]+)?\s+contributed(?:\s+to\s+this\s+(?:report|story))?\.?$"
)


_NAMES = (
    r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3})*"
)
# "HARUKA TSUJI, Nikkei staff writer"
_STAFF_WRITER_RE = re.compile(
    rf"^(?P<names>{_NAMES}),\s+(?:[A-Z][\w.' ]*\s+)?(?:staff\s+|senior\s+|chief\s+)?"
    r"(?:writer|reporter|correspondent|journalist)s?$",
    re.IGNORECASE,
)
# "--With assistance from Colum Kenny" (Bloomberg)
_ASSISTANCE_RE = re.compile(rf"^[-–— ]*(?i:with assistance from)\s+(?P<names>{_NAMES})\.?$")
# "Contact reporter Qu Yunxu (a@b.com) and editor Michael Reilly (c@d.com)" (Caixin)
_CONTACT_RE = re.compile(
    r"^contact\s+(?:(?:the\s+)?(?:reporters?|writers?)\s+(?P<reporters>.+?))?"
    r"(?:\s*(?:and|,)?\s*(?:the\s+)?editors?\s+(?P<editors>.+?))?\s*\.?$",
    re.IGNORECASE,
)
_EMAIL_IN_PARENS_RE = re.compile(r"\s*\([^)]*@[^)]*\)")


@dataclass
class CreditLine:
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


def read_credit_line(line: str) -> CreditLine | None:
    """`(Reporting by A; Editing by B)`, `(Web editor: A, B)`, `AP writer A contributed ...`."""
    for regex in (_CONTRIBUTED_RE, _ASSISTANCE_RE, _STAFF_WRITER_RE):
        match = regex.match(line)
        if match:
            return CreditLine(reporters=split_names(match.group("names")))
    contact = _CONTACT_RE.match(_EMAIL_IN_PARENS_RE.sub("", line)) if "@" in line else None
    if contact and (contact.group("reporters") or contact.group("editors")):
        return CreditLine(
            reporters=_names_only(contact.group("reporters") or ""),
            editors=_names_only(contact.group("editors") or ""),
        )
    paren = _CREDIT_PAREN_RE.match(line)
    if not paren:
        return None
    credit = CreditLine()
    for part in paren.group("inner").split(";"):
        match = _CREDIT_PART_RE.match(part.strip())
        if not match:
            return None
        names = [n for n in split_names(match.group("names")) if _PERSON_NAME_RE.match(n)]
        kind = match.group("kind").lower()
        (credit.editors if "edit" in kind else credit.reporters).extend(names)
    return credit


# --- Datelines -------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,\s*" + dates.MONTH + r"))"
    r"(?:,\s*(?P<date>" + dates.MONTH + r"\s+\d{1,2}(?:,\s*(?:19|20)\d{2})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .']{2,30})\))?"
    r"\s*(?P<separator>--|—|–|-|:)\s*"
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
    # "EUIPO - European Union ..." is a masthead, not a dateline: a bare hyphen or colon
    # after a place needs a date or an agency, and a dateline is followed by a sentence.
    bare = not (match.group("date") or match.group("agency"))
    if bare and match.group("separator") in ("-", ":"):
        return None
    if len(paragraph[match.end() :].split()) < 6:
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
