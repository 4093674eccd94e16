"""text -> ParsedArticle: the importer's whole pipeline, plain Python.

1. Lines are sorted into header facts (dates, sources, bylines, editors), furniture (dropped)
   and story text (kept); see `header` and `boilerplate`.
2. Story lines become paragraphs; the headline, photo captions and the dateline are read.
3. The publication date is chosen from the best evidence there is (see `choose_date`).
4. The extractors read the cleaned body: organizations, people, quotes, statistics, topics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from articles.ingest import dates
from articles.ingest.header import Dateline, looks_like_person_name, read_dateline, split_names
from articles.ingest.layout import PageFacts, read_layout
from articles.ingest.model import (
    ORG_MEDIA,
    Header,
    OrganizationMention,
    ParsedArticle,
    PersonMention,
)
from articles.ingest.organizations import extract_organizations, lookup_organization
from articles.ingest.patterns import word_start
from articles.ingest.people import extract_people
from articles.ingest.quotes import extract_quotes
from articles.ingest.sources import DEFAULT_MAX_BYTES, SourceDocument, read_documents
from articles.ingest.statistics import extract_statistics
from articles.ingest.topics import TopicDefinition, assign_topics, load_default_vocabulary

_SENTENCE_END_RE = re.compile(r"[.!?…\"”’)]$")
DERIVED_TITLE_LENGTH = 80
_AGENCY_PREFIX_RE = re.compile(r"^\([A-Za-z .']{2,30}\)\s*(?:--|—|–|-)\s*")  # "(ECNS) -- "
_FIRST_SENTENCE_RE = re.compile(r"^(.+?[.!?])(?:\s+[A-Z“\"]|$)")


def is_known_outlet(name: str) -> bool:
    organization = lookup_organization(name)
    return organization is not None and organization.kind == ORG_MEDIA


def is_organization_name(line: str) -> bool:
    """A masthead: the line is an organization's name, or names only organizations
    ("EUIPO - European Union Intellectual Property Office")."""
    parts = [part for part in re.split(r"\s+[-–—|]\s+", line) if part]
    return all(lookup_organization(part) is not None for part in parts)


def parse_file(
    path: Path,
    vocabulary: list[TopicDefinition] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[ParsedArticle]:
    """Every article in one file. Raises ParseError for a file that cannot be read."""
    return list(iter_file(path, vocabulary, max_bytes))


def iter_file(
    path: Path,
    vocabulary: list[TopicDefinition] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ParsedArticle]:
    for document in read_documents(path, max_bytes=max_bytes):
        yield parse_document(document, vocabulary)


def parse_text(
    text: str, source_name: str = "", vocabulary: list[TopicDefinition] | None = None
) -> ParsedArticle:
    return parse_document(SourceDocument(source_name=source_name, text=text), vocabulary)


def parse_document(
    document: SourceDocument, vocabulary: list[TopicDefinition] | None = None
) -> ParsedArticle:
    layout = read_layout(
        document.text,
        known_outlet=is_known_outlet,
        title_hint=document.title_hint,
        is_organization=is_organization_name,
    )
    paragraphs, captions, facts = layout.paragraphs, layout.captions, layout.facts
    header = Header(url=document.url)
    review_notes: list[str] = []

    dateline = _find_dateline(paragraphs, captions)
    if dateline:
        header.dateline_place = dateline.place
        header.dateline_as_written = dateline.as_written
    if layout.title:
        header.title = layout.title
    else:
        header.title = derive_title(paragraphs, captions)
        header.title_derived = True
        review_notes.append("The source has no headline: the title was derived from the text.")

    body = "\n\n".join(paragraphs)
    _choose_date(header, document, facts, captions, dateline, paragraphs, review_notes)
    _set_outlet_and_credits(header, document, facts, dateline, body)

    organizations = _merge_organizations(
        extract_organizations(body), _credited_organizations(header, facts)
    )
    persons = _merge_persons(extract_people(body, organizations) + _credited_persons(header, facts))
    quotes = extract_quotes(body, persons, organizations)
    published_year = header.published.year if header.published else None
    statistics = extract_statistics(body, published_year=published_year)
    topics = assign_topics(header.title, body, vocabulary or _default_vocabulary())
    return ParsedArticle(
        raw_text=document.raw,
        body=body,
        header=header,
        persons=persons,
        organizations=organizations,
        quotes=quotes,
        statistics=statistics,
        topics=topics,
        review_notes=review_notes,
        source_file=document.source_name,
    )


_VOCABULARY: list[TopicDefinition] = []


def _default_vocabulary() -> list[TopicDefinition]:
    if not _VOCABULARY:
        _VOCABULARY.extend(load_default_vocabulary())
    return _VOCABULARY


# --- Title and dateline ------------------------------------------------------------------


def _find_dateline(paragraphs: list[str], captions: list[str]) -> Dateline | None:
    for paragraph in paragraphs[:3]:
        if paragraph in captions:
            continue
        return read_dateline(paragraph)
    return None


def derive_title(paragraphs: list[str], captions: list[str]) -> str:
    """A readable stand-in headline from the lead sentence (or the caption)."""
    lead = next((p for p in paragraphs if p not in captions), "") or (captions or [""])[0]
    dateline = read_dateline(lead)
    if dateline:
        lead = lead[len(dateline.as_written) :].strip()
    lead = _AGENCY_PREFIX_RE.sub("", lead)
    match = _FIRST_SENTENCE_RE.match(lead)
    sentence = (match.group(1) if match else lead).rstrip(".")
    if len(sentence) <= DERIVED_TITLE_LENGTH:
        return sentence or "Untitled article"
    return sentence[:DERIVED_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --- 3. Date ------------------------------------------------------------------------------


def _choose_date(
    header: Header,
    document: SourceDocument,
    facts: PageFacts,
    captions: list[str],
    dateline: Dateline | None,
    paragraphs: list[str],
    review_notes: list[str],
) -> None:
    """Best evidence first: structured date, header line, caption, dateline, body."""
    story = [p for p in paragraphs if p not in captions]
    context = dates.context_years(header.title, *captions, *story)
    weekdays = dates.weekdays_mentioned(" ".join(story[:3]))
    weekday = weekdays[0] if weekdays else None

    if document.date_hint:
        date, time = dates.parse_date(document.date_hint)
        if date:
            _set_date(header, date, time, f"source metadata '{document.date_hint}'")
    if header.published is None and facts.dates:
        date, time, as_written, line = facts.dates[0]
        _set_date(header, date, time, f"header line '{line}'")
    if dateline and dateline.month_day:
        year = dateline.year or dates.year_for_month_day(*dateline.month_day, context, weekday)
        if year:
            header.dateline_date = dates.safe_date(year, *dateline.month_day)
    if header.published is None:
        for caption in captions:
            found = dates.find_full_dates(caption)
            if found:
                _set_date(header, found[0].date, None, f"photo caption '{found[0].as_written}'")
                _check_weekday(found[0].date, weekday, review_notes)
                break
    if header.published is None and header.dateline_date:
        _set_date(header, header.dateline_date, None, f"dateline '{dateline.as_written}'")
        _check_weekday(header.dateline_date, weekday, review_notes)
    if header.published is None:
        _date_from_body(header, story[:3], context, weekday, review_notes)
    if header.published is None:
        header.date_basis = "none"
        review_notes.append("No publication date found.")


def _set_date(header: Header, date, time, basis: str) -> None:
    header.published, header.published_time, header.date_basis = date, time, basis


def _date_from_body(header, lead_paragraphs, context, weekday, review_notes) -> None:
    lead = " ".join(lead_paragraphs)
    found = dates.find_full_dates(lead)
    if found:
        _set_date(header, found[0].date, None, f"body '{found[0].as_written}'")
        return
    month_day = dates.month_day_without_year(lead)
    if month_day:
        year = dates.year_for_month_day(*month_day, context, weekday)
        date = dates.safe_date(year, *month_day) if year else None
        if date:
            _set_date(header, date, None, "body date, year from context")
            _check_weekday(date, weekday, review_notes)
            review_notes.append("The year of the date was inferred from the text.")


def _check_weekday(date, weekday: int | None, review_notes: list[str]) -> None:
    if weekday is not None and date.weekday() != weekday:
        named = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        actual = named[date.weekday()]
        review_notes.append(
            f"The text says '{named[weekday]}' but {date.isoformat()} was a {actual}."
        )


# --- 4. Outlet, credits, entities ---------------------------------------------------------


# How outlets name themselves in their own copy: "told the Global Times", "told China Daily".
# "told" must start a word, checked so that re jumps from one "told" to the next instead of
# trying every offset of the body (see `word_start`): ten times faster.
_SELF_REFERENCE_RE = re.compile(
    word_start("told") + r"\s+(?:the\s+)?(?P<outlet>[A-Z][\w'.&-]*(?:\s+[A-Z][\w'.&-]*){0,3})"
)


def _set_outlet_and_credits(
    header: Header,
    document: SourceDocument,
    facts: PageFacts,
    dateline: Dateline | None,
    body: str,
) -> None:
    """The outlet from the best evidence: a source line, site metadata, the site's name atop
    the page, the copyright line, the dateline's agency, a breadcrumb's home, or the outlet
    naming itself in the story."""
    candidates = [
        *facts.outlets,
        document.outlet_hint,
        *facts.mastheads,
        *facts.copyright_outlets,
        dateline.agency if dateline else "",
        *facts.home_outlets,
        *_self_references(body),
    ]
    for name in candidates:
        if not name:
            continue
        known = lookup_organization(name)
        header.outlet = known.name if known else name
        break
    header.section = facts.sections[0] if facts.sections else ""
    header.byline = facts.bylines[0] if facts.bylines else document.byline_hint
    if document.byline_hint and not facts.reporters:
        facts.reporters.extend(split_names(document.byline_hint))
    editors = [name for name in facts.editors if looks_like_person_name(name)]
    header.editor = ", ".join(editors)
    header.photographer = ", ".join(facts.photographers)
    agencies = [_canonical_name(agency) for agency in facts.photo_agencies]
    header.photo_agency = agencies[0] if agencies else ""


def _self_references(body: str) -> list[str]:
    return [
        match.group("outlet")
        for match in _SELF_REFERENCE_RE.finditer(body)
        if is_known_outlet(match.group("outlet"))
    ]


def _canonical_name(name: str) -> str:
    known = lookup_organization(name)
    return known.name if known else name


def _credited_organizations(header: Header, facts: PageFacts) -> list[OrganizationMention]:
    found = []
    for name in (header.outlet, *facts.photo_agencies):
        if not name:
            continue
        known = lookup_organization(name)
        found.append(known or OrganizationMention(name=name, kind=ORG_MEDIA, as_written=[name]))
    return found


def _credited_persons(header: Header, facts: PageFacts) -> list[PersonMention]:
    """Editors, photographers and reporters named in credit lines, with their outlet."""
    credited = [
        *(("Editor", name, header.outlet) for name in facts.editors),
        *(
            ("Photographer", name, header.photo_agency or header.outlet)
            for name in facts.photographers
        ),
        *(("Reporter", name, header.outlet) for name in facts.reporters),
    ]
    return [
        PersonMention(name=name, role=role, affiliation=affiliation, as_written=[name])
        for role, name, affiliation in credited
        if looks_like_person_name(name) and not is_known_outlet(name)
    ]


def _merge_organizations(
    found: list[OrganizationMention], credited: list[OrganizationMention]
) -> list[OrganizationMention]:
    by_name = {organization.name: organization for organization in found}
    for organization in credited:
        if organization.name not in by_name:
            by_name[organization.name] = organization
    return list(by_name.values())


def _merge_persons(persons: list[PersonMention]) -> list[PersonMention]:
    by_name: dict[str, PersonMention] = {}
    for person in persons:
        existing = by_name.get(person.name)
        if existing is None:
            by_name[person.name] = person
            continue
        existing.role = existing.role or person.role
        existing.affiliation = existing.affiliation or person.affiliation
        existing.as_written.extend(w for w in person.as_written if w not in existing.as_written)
    return list(by_name.values())
