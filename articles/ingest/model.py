"""The pipeline's output: plain dataclasses, no Django.

`parse_article(text) -> ParsedArticle` fills these; `articles.loader` turns them into rows.
Every extractor works on the cleaned body (paragraphs joined by blank lines); positions are
character offsets into that body, so the reader can link a quote or a figure to its sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# Kinds of organization, kept short so the loader can store them as choices.
ORG_GOVERNMENT = "government"
ORG_INTERNATIONAL = "international"
ORG_MEDIA = "media"
ORG_COMPANY = "company"
ORG_COURT = "court"
ORG_PARTY = "party"
ORG_ACADEMIC = "academic"
ORG_OTHER = "other"
ORG_KINDS = (
    ORG_GOVERNMENT,
    ORG_INTERNATIONAL,
    ORG_MEDIA,
    ORG_COMPANY,
    ORG_COURT,
    ORG_PARTY,
    ORG_ACADEMIC,
    ORG_OTHER,
)


@dataclass
class Header:
    """What the lines around the story tell: title, date, outlet, credits."""

    title: str = ""
    title_derived: bool = False
    published: dt.date | None = None
    published_time: dt.time | None = None
    date_basis: str = ""  # e.g. "header", "caption", "dateline", "body", "none"
    dateline_place: str = ""
    dateline_date: dt.date | None = None
    dateline_as_written: str = ""
    outlet: str = ""
    section: str = ""
    byline: str = ""
    editor: str = ""
    photographer: str = ""
    photo_agency: str = ""
    url: str = ""


@dataclass
class PersonMention:
    name: str  # canonical full name, e.g. "Li Qiang"
    role: str = ""  # e.g. "Premier", "Director General", "Spokesperson"
    affiliation: str = ""  # e.g. "China", "World Intellectual Property Organization"
    as_written: list[str] = field(default_factory=list)
    position: int = 0  # first mention in the body


@dataclass
class OrganizationMention:
    name: str  # canonical name, e.g. "World Intellectual Property Organization"
    acronym: str = ""
    kind: str = ORG_OTHER
    as_written: list[str] = field(default_factory=list)
    position: int = 0


SPEAKER_PERSON = "person"
SPEAKER_ORGANIZATION = "organization"


@dataclass
class Quote:
    speaker: str  # canonical name of a PersonMention or OrganizationMention
    text: str
    speaker_kind: str = SPEAKER_PERSON
    direct: bool = True  # False for reported speech ("Li said China has ...")
    position: int = 0


@dataclass
class Statistic:
    value: Decimal
    unit: str  # "percent", "CNY", "USD", "rank", "years", or a counted noun ("applications")
    as_written: str
    what: str = ""  # what the figure counts, from its sentence
    qualifier: str = ""  # "more than", "about", "nearly", ...
    year: int | None = None  # the year the figure refers to, when stated
    position: int = 0
    sentence: str = ""


@dataclass
class TopicMatch:
    name: str
    terms: list[str] = field(default_factory=list)  # the matching terms found in the text


@dataclass
class ParsedArticle:
    raw_text: str
    body: str
    header: Header
    persons: list[PersonMention] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    topics: list[TopicMatch] = field(default_factory=list)
    review_notes: list[str] = field(default_factory=list)  # why staff should look at it
    source_file: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def speakers(self) -> list[str]:
        """Persons who are quoted, in order of first quote."""
        seen: dict[str, None] = {}
        for quote in self.quotes:
            if quote.speaker_kind == SPEAKER_PERSON:
                seen.setdefault(quote.speaker)
        return list(seen)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_notes)


class ParseError(ValueError):
    """A file that cannot become an article: the message says why, for the import report."""
