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
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest import dates
from articles.ingest.boilerplate import (
    Credits,
    has_photo_credit,
    is_end_of_story,
    is_furniture,
    strip_photo_credits,
)
from articles.ingest.header import Dateline, looks_like_person_name, read_dateline, read_meta_line
from articles.ingest.model import (
    ORG_MEDIA,
    Header,
    OrganizationMention,
    ParsedArticle,
    PersonMention,
)
from articles.ingest.organizations import extract_organizations, lookup_organization
from articles.ingest.people import extract_people
from articles.ingest.quotes import extract_quotes
from articles.ingest.sources import DEFAULT_MAX_BYTES, SourceDocument, read_documents
from articles.ingest.statistics import extract_statistics
from articles.ingest.topics import TopicDefinition, assign_topics, load_default_vocabulary

_SENTENCE_END_RE = re.compile(r"[.!?…\"”’)]$")
_FIRST_SENTENCE_RE = re.compile(r"^(.+?[.!?])(?:\s+[A-Z“\"]|$)")


@dataclass
class _Collected:
    """Facts gathered from header and credit lines while reading the page."""

    dates: list[tuple] = field(default_factory=list)  # (date, time, as_written)
    outlets: list[str] = field(default_factory=list)
    copyright_outlets: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    byline_names: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)


def is_known_outlet(name: str) -> bool:
    organization = lookup_organization(name)
    return organization is not None and organization.kind == ORG_MEDIA


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
    collected = _Collected()
    blocks = _story_blocks(document.text, collected)
    paragraphs = [paragraph for block in blocks for paragraph in _block_paragraphs(block)]
    header = Header(url=document.url)
    review_notes: list[str] = []

    title, paragraphs = _take_title(paragraphs, document.title_hint)
    paragraphs, captions = _read_captions(paragraphs, collected.credits)
    dateline = _find_dateline(paragraphs, captions)
    if dateline:
        header.dateline_place = dateline.place
        header.dateline_as_written = dateline.as_written
    if title:
        header.title = title
    else:
        header.title = derive_title(paragraphs, captions)
        header.title_derived = True
        review_notes.append("The source has no headline: the title was derived from the text.")

    body = "\n\n".join(paragraphs)
    _choose_date(header, document, collected, captions, dateline, paragraphs, review_notes)
    _set_outlet_and_credits(header, document, collected, dateline)

    organizations = _merge_organizations(extract_organizations(body), _credited_organizations(header))
    persons = extract_people(body, organizations) + _credited_persons(header, collected)
    persons = _merge_persons(persons)
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


# --- 1. Lines ----------------------------------------------------------------------------


def _story_blocks(text: str, collected: _Collected) -> list[list[str]]:
    """Story lines grouped into blank-line-separated blocks; header facts go to `collected`."""
    blocks: list[list[str]] = [[]]
    seen: set[str] = set()
    story_lines = 0
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.replace("\u00a0", " ").replace("\u3000", " ").split())
        if not line:
            blocks.append([])
            continue
        if line in seen:  # a repeated block (menus, captions printed twice) goes
            continue
        seen.add(line)
        if story_lines >= 2 and is_end_of_story(line):
            break
        if _collect_meta(line, collected) or is_furniture(line):
            blocks.append([])
            continue
        blocks[-1].append(line)
        story_lines += 1
    return [block for block in blocks if block]


def _collect_meta(line: str, collected: _Collected) -> bool:
    facts = read_meta_line(line, known_outlet=is_known_outlet)
    if facts is None:
        return False
    if facts.date:
        collected.dates.append((facts.date, facts.time, facts.date_as_written, line))
    if facts.outlet:
        is_copyright = line.lower().startswith(("copyright", "©", "(c)"))
        (collected.copyright_outlets if is_copyright else collected.outlets).append(facts.outlet)
    if facts.section:
        collected.sections.append(facts.section)
    if facts.byline:
        collected.bylines.append(facts.byline)
        collected.byline_names.extend(facts.byline_names)
    if facts.editor:
        collected.editors.append(facts.editor)
    return True


def _block_paragraphs(block: list[str]) -> list[str]:
    """A hard-wrapped block is one paragraph; otherwise each line is one."""
    if len(block) > 1 and all(
        30 <= len(line) <= 100 and not _SENTENCE_END_RE.search(line) for line in block[:-1]
    ):
        return [" ".join(block)]
    return block


# --- 2. Title, captions, dateline ---------------------------------------------------------


def _take_title(paragraphs: list[str], title_hint: str) -> tuple[str, list[str]]:
    if title_hint:
        rest = [p for p in paragraphs[:3] if _normal(p) != _normal(title_hint)]
        return title_hint, rest + paragraphs[3:]
    if paragraphs and looks_like_headline(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return "", paragraphs


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 250:
        return False
    if line.endswith(".") and len(words) > 12:
        return False
    if has_photo_credit(line) or read_dateline(line):
        return False
    return not line.isupper() or len(words) >= 3


def _read_captions(paragraphs: list[str], credits: Credits) -> tuple[list[str], list[str]]:
    """Strip photo credits from captions; captions stay in the body, their credits go."""
    kept, captions = [], []
    for paragraph in paragraphs:
        if has_photo_credit(paragraph):
            text, found = strip_photo_credits(paragraph)
            for agency in found.photo_agencies:
                if agency not in credits.photo_agencies:
                    credits.photo_agencies.append(agency)
            for photographer in found.photographers:
                if photographer not in credits.photographers:
                    credits.photographers.append(photographer)
            if text:
                kept.append(text)
                captions.append(text)
        else:
            kept.append(paragraph)
    return kept, captions


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
    match = _FIRST_SENTENCE_RE.match(lead)
    sentence = (match.group(1) if match else lead).rstrip(".")
    if len(sentence) <= 110:
        return sentence or "Untitled article"
    return sentence[:110].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --- 3. Date ------------------------------------------------------------------------------


def _choose_date(
    header: Header,
    document: SourceDocument,
    collected: _Collected,
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
    if header.published is None and collected.dates:
        date, time, as_written, line = collected.dates[0]
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
        review_notes.append(
            f"The text says '{named[weekday]}' but {date.isoformat()} was a {named[date.weekday()]}."
        )


# --- 4. Outlet, credits, entities ---------------------------------------------------------


def _set_outlet_and_credits(
    header: Header, document: SourceDocument, collected: _Collected, dateline: Dateline | None
) -> None:
    candidates = [
        *collected.outlets,
        document.outlet_hint,
        *collected.copyright_outlets,
        dateline.agency if dateline else "",
    ]
    outlet = next((name for name in candidates if name), "")
    known = lookup_organization(outlet) if outlet else None
    header.outlet = known.name if known else outlet
    header.section = collected.sections[0] if collected.sections else ""
    header.byline = (collected.bylines or [document.byline_hint])[0]
    header.editor = next((e for e in collected.editors if looks_like_person_name(e)), "")
    credits = collected.credits
    header.photographer = credits.photographers[0] if credits.photographers else ""
    agencies = [_canonical_name(agency) for agency in credits.photo_agencies]
    header.photo_agency = agencies[0] if agencies else ""


def _canonical_name(name: str) -> str:
    known = lookup_organization(name)
    return known.name if known else name


def _credited_organizations(header: Header) -> list[OrganizationMention]:
    found = []
    for name in (header.outlet, header.photo_agency):
        if not name:
            continue
        known = lookup_organization(name)
        found.append(known or OrganizationMention(name=name, kind=ORG_MEDIA, as_written=[name]))
    return found


def _credited_persons(header: Header, collected: _Collected) -> list[PersonMention]:
    persons = []
    if header.editor:
        persons.append(
            PersonMention(header.editor, "Editor", header.outlet, [f"Editor: {header.editor}"])
        )
    for photographer in collected.credits.photographers:
        if looks_like_person_name(photographer):
            persons.append(
                PersonMention(
                    photographer, "Photographer", header.photo_agency or header.outlet, []
                )
            )
    for name in collected.byline_names:
        persons.append(PersonMention(name, "Reporter", header.outlet, [name]))
    return persons


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
