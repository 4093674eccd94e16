"""Page text -> headline, story paragraphs, captions, and the facts of the header lines.

A dump of a news page reads top to bottom as: site chrome (menus, cookie banners), the
headline among header lines (date, source, byline), maybe a photo caption, the story, then
more chrome (related links, copyright). Every line is first sorted:

- a header line (`header.read_meta_line`) gives facts and goes;
- a furniture line (`boilerplate.is_furniture`) goes;
- anything else is content.

Content before the story starts is the *head*: the headline is chosen there, captions are
kept, the rest (section labels, standfirsts, menu words) goes. The story starts at the first
line that reads as prose: a dateline, or a sentence of six words or more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from articles.ingest import dates
from articles.ingest.boilerplate import (
    has_photo_credit,
    holds_any,
    is_end_of_story,
    is_furniture,
    is_navigation,
    key_words,
    photo_credit_line,
    strip_photo_credits,
)
from articles.ingest.header import (
    looks_like_person_name,
    read_credit_line,
    read_dateline,
    read_meta_line,
)

_SENTENCE_END_RE = re.compile(r"[.!?…\"”’)]$")
# A line of prose ends a sentence; "... $12 million (with photo)" is a headline, not prose.
_PROSE_END_RE = re.compile(r"(?:[.!?…\"”’]|[.!?]\))$")
_INNER_SENTENCE_RE = re.compile(r"[.!?][\"”’]?\s+[A-Z\"“]")
_TRAILING_SIGNOFF_RE = re.compile(r"\s*\(?\b(?:Enditem|END|ENDS)\)?\s*$")
_MIN_TITLE_WORDS = 4
CHROME = "\x00chrome"  # stands for a removed menu or breadcrumb line


@dataclass
class PageFacts:
    """What the header and credit lines said, in the order the page said it."""

    dates: list[tuple] = field(default_factory=list)  # (date, time, as_written, line)
    outlets: list[str] = field(default_factory=list)
    copyright_outlets: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photo_agencies: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    home_outlets: list[str] = field(default_factory=list)  # "WIPO Home > ..." breadcrumbs
    mastheads: list[str] = field(default_factory=list)  # the site's name atop the page


@dataclass
class Layout:
    title: str
    paragraphs: list[str]
    captions: list[str]
    facts: PageFacts


def read_layout(
    text: str,
    known_outlet=lambda name: False,
    title_hint: str = "",
    is_organization=lambda name: False,
) -> Layout:
    """Sort a page's lines. `known_outlet(name)` says whether a name is a news outlet and
    `is_organization(line)` whether a line is just an organization's name (a masthead)."""
    facts = PageFacts()
    lines = _content_lines(text, facts, known_outlet, is_organization)
    start = _story_start(lines)
    head, story = lines[:start], lines[start:]

    title = title_hint
    title_index = -1
    if not title:
        title, title_index = _choose_title(head, is_organization)
    if not facts.mastheads:
        _site_name_above(head, title_index, facts)
    _bare_bylines(head[title_index + 1 :], facts, known_outlet, is_organization)
    paragraphs = [line for line in head if line not in ("", CHROME) and _is_caption_line(line)]
    paragraphs.extend(_paragraphs(story))
    if title_hint:
        paragraphs = [p for p in paragraphs if _normal(p) != _normal(title_hint)]
    paragraphs, captions = _strip_credits(paragraphs, facts)
    return Layout(title=title, paragraphs=paragraphs, captions=captions, facts=facts)


def _choose_title(head: list[str], is_organization) -> tuple[str, int]:
    """The headline: the first candidate after the site's menus and breadcrumbs (mastheads,
    section labels and menu words come before them), else the first candidate at all."""
    last_chrome = max((i for i, line in enumerate(head) if line == CHROME), default=-1)
    candidates = [
        i
        for i, line in enumerate(head)
        if line not in ("", CHROME) and _is_title_candidate(line) and not is_organization(line)
    ]
    if not candidates:
        return "", -1
    index = next((i for i in candidates if i > last_chrome), candidates[0])
    title = head[index]
    # A headline wrapped onto a second line: "... for IP protection" / "and application".
    following = head[index + 1] if index + 1 < len(head) else ""
    if following not in ("", CHROME) and following[:1].islower() and len(following.split()) <= 8:
        title, index = f"{title} {following}", index + 1
    return title, index


_SITE_WORD = r"(?:[A-Z][\w.&'-]*|of|the|and|&)"
_SITE_NAME_RE = re.compile(rf"^{_SITE_WORD}(?:\s+{_SITE_WORD}){{0,4}}$")


# Section labels that open some pages above the headline ("Business News") are not the site.
_SECTION_WORDS = {
    "business",
    "world",
    "china",
    "tech",
    "technology",
    "opinion",
    "sports",
    "politics",
    "markets",
    "economy",
    "home",
    "latest",
    "breaking",
    "top",
    "news",
    "national",
    "local",
}


def _site_name_above(head: list[str], title_index: int, facts: PageFacts) -> None:
    """A page that opens with a short capitalised name above its headline opens with the
    site's name ("The Korea Herald", "澎湃新闻 The Paper")."""
    first = next((i for i, line in enumerate(head) if line not in ("", CHROME)), -1)
    if first < 0 or first >= title_index:
        return
    name = " ".join(word for word in head[first].split() if word.isascii())
    if name.split()[:1] and name.split()[0].lower() in _SECTION_WORDS:
        return
    if name and _SITE_NAME_RE.match(name) and not any(ch.isdigit() for ch in name):
        facts.mastheads.append(name.title() if name.isupper() and len(name) > 4 else name)


def _bare_bylines(lines: list[str], facts: PageFacts, known_outlet, is_organization) -> None:
    """A name alone on a line under the headline is the reporter ("Wang Lina")."""
    for line in lines:
        if line in ("", CHROME) or not looks_like_person_name(line):
            continue
        if known_outlet(line) or is_organization(line) or line.isupper():
            continue
        if line not in facts.reporters:
            facts.reporters.append(line)


# --- sorting lines ------------------------------------------------------------------------


def _content_lines(text: str, facts: PageFacts, known_outlet, is_organization) -> list[str]:
    """Content lines in order; "" marks a paragraph break (a blank or removed line) and
    CHROME a menu or breadcrumb line, which tells where the site's header ends."""
    lines: list[str] = []
    seen: set[str] = set()
    story_lines = 0
    ended = False
    seen_content = False
    for raw_line in text.split("\n"):
        line = _single_spaced(raw_line)
        if not line:
            lines.append("")
            continue
        if line in seen:  # a repeated block (menus, captions printed twice) goes
            continue
        seen.add(line)
        if story_lines >= 2 and is_end_of_story(line):
            ended = True  # the rest is links; only its header lines (copyright) still count
        agency, photographer = photo_credit_line(line)
        if agency and agency not in facts.photo_agencies:
            facts.photo_agencies.append(agency)
        if photographer and photographer not in facts.photographers:
            facts.photographers.append(photographer)
        furniture: bool | None = None  # computed at most once per line: the search is costly
        if not seen_content:
            furniture = is_furniture(line)
        if not seen_content and not furniture:
            seen_content = True
            masthead = _masthead_name(line, known_outlet, is_organization)
            if masthead:
                facts.mastheads.append(masthead)
        sections_before = len(facts.sections)
        if _collect_meta(line, facts, known_outlet):
            lines.append(CHROME if len(facts.sections) > sections_before else "")
            continue
        if is_navigation(line):
            lines.append(CHROME)
            continue
        if furniture is None:
            furniture = is_furniture(line)
        if furniture or ended:
            lines.append("")
            continue
        lines.append(line)
        story_lines += 1
    return lines


def _single_spaced(raw_line: str) -> str:
    """The line stripped, each run of whitespace in it (no-break and ideographic spaces too)
    made one space."""
    # Most lines already are: saying so costs half of splitting and joining them. Every
    # whitespace character but the space is unprintable, so a printable line has no other.
    if raw_line.isprintable() and "  " not in raw_line and raw_line.strip(" ") == raw_line:
        return raw_line
    return " ".join(raw_line.split())


_ACRONYM_AND_NAME_RE = re.compile(r"^(?P<acronym>[A-Z]{2,8})\s+[|–—-]\s+[A-Z][\w' ]+$")


def _masthead_name(line: str, known_outlet, is_organization) -> str:
    """The site's name when the page opens with it: a known organization or outlet, an
    all-capitals name ("SIXTH TONE"), or "IAM | Intellectual Asset Management"."""
    if len(line.split()) > 8 or not line.isascii():
        return ""
    acronym = _ACRONYM_AND_NAME_RE.match(line)
    if acronym:
        return acronym.group("acronym")
    if known_outlet(line) or is_organization(line):
        return line
    if line.isupper() and 1 <= len(line.split()) <= 4 and line.replace(" ", "").isalpha():
        return line.title() if len(line.replace(" ", "")) > 4 else line
    return ""


_CREDIT_HINT_RE = re.compile(
    r"^\(|contributed|assistance|\b(?:writer|reporter|correspondent)s?\b|^contact\b", re.I
)
# The hint's words: a line that starts without "(" and holds none of them needs no search.
_CREDIT_HINT_WORDS = key_words(
    "contributed", "assistance", "writer", "reporter", "correspondent", "contact"
)
_MAX_META_WORDS = 16
# How a header or credit line that reads like a sentence still begins.
_META_START_RE = re.compile(
    r"\(|copyright|©|(?:updated|published|posted|source|editor|by|author|reporter|writer)\b",
    re.IGNORECASE,
)


def _collect_meta(line: str, facts: PageFacts, known_outlet) -> bool:
    if len(line) > 300:  # header and credit lines are short; a long line is story text
        return False
    # Most lines are story sentences; the cheap tests below spare them the date parsing.
    words = line.count(" ") + 1  # _content_lines leaves single spaces between words
    sentence = words > _MAX_META_WORDS or (words >= 6 and line[-1] in '.!?"”')
    if sentence and not _META_START_RE.match(line):
        return False
    credit = read_credit_line(line) if _has_credit_hint(line) else None
    if credit is not None:
        facts.reporters.extend(credit.reporters)
        facts.editors.extend(credit.editors)
        return True
    meta = _read_meta_line(line, known_outlet)
    if meta is None:
        return False
    if meta.date:
        facts.dates.append((meta.date, meta.time, meta.date_as_written, line))
    elif meta.time and facts.dates and facts.dates[-1][1] is None:
        # "Issued at HKT 16:30" under "Ends/Wednesday, May 15, 2024"
        date, _, as_written, date_line = facts.dates[-1]
        facts.dates[-1] = (date, meta.time, as_written, date_line)
    if meta.outlet:
        is_copyright = line.lower().startswith(("copyright", "©", "(c)"))
        (facts.copyright_outlets if is_copyright else facts.outlets).append(meta.outlet)
    if meta.section:
        facts.sections.append(meta.section)
    if meta.home_outlet:
        facts.home_outlets.append(meta.home_outlet)
    if meta.byline:
        facts.bylines.append(meta.byline)
        facts.reporters.extend(meta.byline_names)
    facts.editors.extend(meta.editors)
    return True


# Every page of a site repeats its header lines ("Source: Xinhua", "Editor: huaxia", the
# copyright line), and reading one means searching it for dates and parsing them. The answer
# depends only on the line and on `known_outlet`, a gazetteer lookup. The cached MetaFacts is
# shared by every page with that line: `_collect_meta` only reads it.
_read_meta_line = lru_cache(maxsize=4096)(read_meta_line)


def _has_credit_hint(line: str) -> bool:
    if not line.startswith("(") and not holds_any(line, _CREDIT_HINT_WORDS):
        return False
    return bool(_CREDIT_HINT_RE.search(line))


def _story_start(lines: list[str]) -> int:
    """Index of the first line of the story proper."""
    for index, line in enumerate(lines):
        if line not in ("", CHROME) and _reads_as_story(line) and not _is_caption_line(line):
            return index
    return len(lines)


def _is_caption_line(line: str) -> bool:
    return has_photo_credit(line) and len(line.split()) < 40


def _reads_as_story(line: str) -> bool:
    if read_dateline(line):
        return True
    words = len(line.split())
    if line.endswith("?") and words < 12:  # "Where Does Copyright Fit?" is a headline
        return False
    if words >= 6 and _PROSE_END_RE.search(line) and not line.isupper():
        return True
    return words >= 12 and bool(_INNER_SENTENCE_RE.search(line))


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    if not _MIN_TITLE_WORDS <= len(words) <= 30 or len(line) > 250 or "|" in line:
        return False
    if line.startswith(("-", "•", "*", "·")):  # a bullet of a standfirst list
        return False
    if has_photo_credit(line):
        return False
    # A date line is not a headline, but a headline may name a date: "... (May 18, 2023)".
    written = sum(len(found.as_written) for found in dates.find_full_dates(line))
    if written > 0.4 * len(line):
        return False
    return not (line.endswith(".") and len(words) > 12)


def looks_like_headline(line: str) -> bool:
    return _is_title_candidate(line) and not read_dateline(line)


# --- paragraphs ---------------------------------------------------------------------------


def _paragraphs(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line and line != CHROME:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs = []
    for block in blocks:
        for paragraph in _block_paragraphs(block):
            if "END" in paragraph or "Enditem" in paragraph:  # what the sign-off needs
                paragraph = _TRAILING_SIGNOFF_RE.sub("", paragraph)
            paragraph = paragraph.strip()
            if paragraph:
                paragraphs.append(paragraph)
    return paragraphs


def _block_paragraphs(block: list[str]) -> list[str]:
    """A hard-wrapped block is one paragraph; otherwise each line is one."""
    if len(block) > 1 and all(
        30 <= len(line) <= 100 and not _SENTENCE_END_RE.search(line) for line in block[:-1]
    ):
        return [" ".join(block)]
    return block


def _strip_credits(paragraphs: list[str], facts: PageFacts) -> tuple[list[str], list[str]]:
    """Photo credits leave captions (which stay in the body) and go to the facts."""
    kept, captions = [], []
    for paragraph in paragraphs:
        if not has_photo_credit(paragraph):
            kept.append(paragraph)
            continue
        text, found = strip_photo_credits(paragraph)
        for agency in found.photo_agencies:
            if agency not in facts.photo_agencies:
                facts.photo_agencies.append(agency)
        for photographer in found.photographers:
            if photographer not in facts.photographers:
                facts.photographers.append(photographer)
        if text:
            kept.append(text)
            # A caption is a picture's description, not the lead: it has no prose after it.
            if not _INNER_SENTENCE_RE.search(text) or len(text.split()) < 40:
                captions.append(text)
    return kept, captions


def _normal(text: str) -> str:
    return " ".join(text.lower().split())
