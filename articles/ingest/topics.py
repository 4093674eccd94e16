"""Topics from a controlled vocabulary, assigned on evidence.

The vocabulary (`data/topics.json`, later a Topic table staff edit in admin) lists each topic's
name, slug, description and terms. A term matches case-insensitively on word boundaries, with
runs of spaces in the text allowed and an optional plural "s"/"es" ("patent" finds "patents").

Evidence rule, chosen so one passing word does not tag an article:

- a term in the title assigns the topic;
- in the body, a *phrase* term (two or more words: "punitive damages", "digital economy") is
  specific enough on its own, so one hit assigns the topic;
- a *single-word* term ("patent", "WIPO", "enforcement") needs two hits in the body, counting
  repeats and other terms of the same topic.

A `TopicMatch` keeps the vocabulary's spelling of every term found, in order of first use. Topics
come out strongest first (title hits weigh three body hits), ties in vocabulary order.

All terms of a vocabulary form one trie-shaped regex, compiled once per vocabulary and cached.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from articles.ingest.model import TopicMatch
from articles.ingest.patterns import IGNORECASE_ONLY_FOLDED, trie_regex

VOCABULARY_PATH = Path(__file__).with_name("data") / "topics.json"
TITLE_WEIGHT = 3
BODY_HITS_FOR_WORDS = 2


@dataclass
class TopicDefinition:
    name: str
    slug: str
    description: str = ""
    terms: list[str] = field(default_factory=list)


def load_default_vocabulary(path: Path = VOCABULARY_PATH) -> list[TopicDefinition]:
    """The vocabulary shipped with the importer (also the seed data for the Topic table)."""
    raw_topics = json.loads(path.read_text(encoding="utf-8"))
    return [
        TopicDefinition(
            name=raw["name"],
            slug=raw["slug"],
            description=raw.get("description", ""),
            terms=list(raw.get("terms", [])),
        )
        for raw in raw_topics
    ]


@lru_cache(maxsize=4096)
def _normalise(term: str) -> str:
    # Cached: the same few spellings of the terms are found again and again.
    return " ".join(term.casefold().split())


def _is_phrase(term: str) -> bool:
    return " " in term.strip()


class _TermSearch(NamedTuple):
    """Finds where terms start: at the start of a text, or after a character no word has.

    The same as finditer over (?<![\\w&-])(?=(term)), but re tries the terms only after such a
    character rather than at every offset (a leading lookbehind is tried at every offset)."""

    at_start: re.Pattern[str]
    after_separator: re.Pattern[str]

    @classmethod
    def compile(cls, trie: str, flags: int = 0, word: str = r"\w") -> _TermSearch:
        """Searches for the terms of `trie`; `word` is the word characters' class."""
        # A lookahead finds every start, so overlapping terms of different topics are all seen.
        found = r"(?=((?:" + trie + r")(?:e?s)?(?![" + word + r"&-])))"
        return cls(re.compile(found, flags), re.compile(r"[^" + word + r"&-]" + found, flags))

    def spans(self, text: str) -> list[tuple[int, int]]:
        first = self.at_start.match(text)
        spans = [first.span(1)] if first else []
        spans += [match.span(1) for match in self.after_separator.finditer(text)]
        return spans


@dataclass(frozen=True)
class _Matcher:
    search: _TermSearch | None
    # normalised term -> [(topic index, term as the vocabulary spells it)]
    owners: dict[str, tuple[tuple[int, str], ...]]
    # The same search without IGNORECASE, for lowercased text: case-insensitive matching
    # costs the engine twice as much. None when a term is not ASCII.
    lowercase_search: _TermSearch | None = None
    # The lowercase search for ASCII text, with \w spelled [0-9A-Za-z_], which is all it
    # matches there: re tests that with a bitmap, \w with a Unicode lookup for every character.
    ascii_search: _TermSearch | None = None

    def hits(self, text: str) -> list[tuple[int, str]]:
        """(topic index, term) for every term occurrence in text, in order.

        Terms may overlap ("IP protection on Internet" holds two topics' terms), but a term
        inside a longer hit of the same topic is not counted twice.
        """
        if self.search is None or not text:
            return []
        found = []
        covered_until: dict[int, int] = {}  # topic index -> end of its last counted hit
        for start, end in self._spans(text):
            for index, term in self._owners_of(text[start:end]):
                if covered_until.get(index, -1) >= end:
                    continue
                covered_until[index] = end
                found.append((index, term))
        return found

    def _spans(self, text: str) -> list[tuple[int, int]]:
        if self.lowercase_search is not None:
            lowered = text.lower()
            if text.isascii():
                return self.ascii_search.spans(lowered)
            if _lowercasing_keeps_matches(text, lowered):
                return self.lowercase_search.spans(lowered)
        return self.search.spans(text)

    def _owners_of(self, written: str) -> tuple[tuple[int, str], ...]:
        key = _normalise(written)
        # The form itself, then without a plural "s" or "es".
        return self.owners.get(key) or self.owners.get(key[:-1]) or self.owners.get(key[:-2], ())


def _lowercasing_keeps_matches(text: str, lowered: str) -> bool:
    """Whether an ASCII pattern finds on `lowered` exactly what it finds, ignoring case, on
    `text`: offsets must not move (no "İ" -> "i̇"), and "ı" and "ſ" match "i" and "s" only
    when case is ignored (IGNORECASE_ONLY_FOLDED). Every other character lowercases to one of
    its own case-class."""
    return len(lowered) == len(text) and (
        text.isascii() or not any(letter in text for letter in IGNORECASE_ONLY_FOLDED)
    )


@lru_cache(maxsize=16)
def _matcher(vocabulary_key: tuple[tuple[str, tuple[str, ...]], ...]) -> _Matcher:
    owners: dict[str, list[tuple[int, str]]] = {}
    for index, (_, terms) in enumerate(vocabulary_key):
        for term in terms:
            key = _normalise(term)
            if key and (index, term) not in owners.get(key, []):
                owners.setdefault(key, []).append((index, term))
    if not owners:
        return _Matcher(None, {})
    trie = trie_regex(sorted(owners), any_whitespace=True)
    search = _TermSearch.compile(trie, re.IGNORECASE)
    owners_of = {key: tuple(value) for key, value in owners.items()}
    if not all(key.isascii() for key in owners):
        return _Matcher(search, owners_of)
    lowercase = _TermSearch.compile(trie)
    ascii_search = _TermSearch.compile(trie, word="0-9A-Za-z_")
    return _Matcher(search, owners_of, lowercase, ascii_search)


def _vocabulary_key(vocabulary: list[TopicDefinition]) -> tuple:
    return tuple((topic.name, tuple(topic.terms)) for topic in vocabulary)


@dataclass
class _Evidence:
    title_hits: int = 0
    body_word_hits: int = 0
    body_phrase_hits: int = 0
    terms: dict[str, None] = field(default_factory=dict)

    @property
    def assigned(self) -> bool:
        return (
            self.title_hits > 0
            or self.body_phrase_hits > 0
            or self.body_word_hits >= BODY_HITS_FOR_WORDS
        )

    @property
    def score(self) -> int:
        return TITLE_WEIGHT * self.title_hits + self.body_word_hits + self.body_phrase_hits


def assign_topics(title: str, body: str, vocabulary: list[TopicDefinition]) -> list[TopicMatch]:
    """Topics of the vocabulary the title and body give evidence for (rule in module doc)."""
    matcher = _matcher(_vocabulary_key(vocabulary))
    evidence: dict[int, _Evidence] = {}
    for index, term in matcher.hits(title):
        found = evidence.get(index) or evidence.setdefault(index, _Evidence())
        found.title_hits += 1
        found.terms.setdefault(term)
    for index, term in matcher.hits(body):
        found = evidence.get(index) or evidence.setdefault(index, _Evidence())
        if _is_phrase(term):
            found.body_phrase_hits += 1
        else:
            found.body_word_hits += 1
        found.terms.setdefault(term)
    assigned = [(index, found) for index, found in evidence.items() if found.assigned]
    assigned.sort(key=lambda item: (-item[1].score, item[0]))
    return [
        TopicMatch(name=vocabulary[index].name, terms=list(found.terms))
        for index, found in assigned
    ]
