"""Quotations and reported speech, each attributed to a person or an organization.

Direct quotes are text in straight or curly quotation marks with an attribution next to them
(`"...," said Shen.`, `Shen said: "..."`, `"A," he said, "B."`). Reported speech is a
sentence built around a speech verb whose subject resolves to a known person or organization
(`Li said China has ...`, `..., Li said.`, `..., said Tang, adding that ...`,
`according to the ministry`). A subject that resolves to nothing produces nothing: an
unattributed quote is worse than a missing one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .model import (
    SPEAKER_ORGANIZATION,
    SPEAKER_PERSON,
    OrganizationMention,
    PersonMention,
    Quote,
)
from .organizations import title_case_labels, transcript_label_starts
from .people import (
    SPEAKER_PRONOUNS,
    SPEECH_VERB_RE,
    OrgIndex,
    Reference,
    sentence_spans,
    shared_resolver,
    speech_verbs,
    strip_subject_adverbs,
)

# Fewer words than this inside quotation marks is a term or a title ("Made in China").
MIN_QUOTE_WORDS = 4
MIN_REPORTED_WORDS = 3
MAX_SUBJECT_WORDS = 12

_PARAGRAPH_RE = re.compile(r"[^\n]+")
_OPEN_CURLY, _CLOSE_CURLY = "“", "”"
_QUOTE_MARKS = ('"', _OPEN_CURLY, _CLOSE_CURLY)
_PRONOUN_RE = re.compile(r"(?:^|\s)(" + "|".join(SPEAKER_PRONOUNS) + ")$")
# What a phrase `_PRONOUN_RE` matches ends with (`$` also matches before a final newline):
# one cheap test spares a search from every offset of most subjects.
_PRONOUN_ENDINGS = tuple(p + end for end in ("", "\n") for p in SPEAKER_PRONOUNS)
_CLAUSE_BREAKS = ',;:("“”'
# What may follow a speech verb when the attribution closes the clause: "said on Tuesday.",
# "told reporters.", "said in a statement,".
_ATTRIBUTION_TAIL_RE = re.compile(
    r"^(?:\s+(?:on|in|at|during|last|this|earlier|later|yesterday|today|when|while|after|"
    r"before|via|through|to)\b[^,.;:\"“”]{0,60}?"
    r"|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;:\"“”]{0,30}?)?"
    r"\s*(?P<stop>[,.;:!?]|$)"
)
# "told reporters.", "told Xinhua in an interview,": the addressee closes the clause.
_TOLD_TAIL_RE = re.compile(
    r"^\s+(?:reporters|journalists|a|an|the|[A-Z][\w-]*)\b[^,.;:\"“”]{0,60}?"
    r"\s*(?P<stop>[,.;:!?]|$)"
)
# Between a speech verb and its content: "said in his speech that", "told reporters that".
_LEAD_TO_THAT_RE = re.compile(
    r"^\s+(?:(?:on|in|at|during|while|when|last|this|earlier|later|via|through|after|before|"
    r"to|reporters|journalists|[A-Z][\w-]*)\b[^,.;\"“”]{0,60}?\s+)?that\s+"
)
_LEAD_TO_COMMA_RE = re.compile(r"^\s+(?:on|in|at|during)\b[^,.;\"“”]{0,40},\s+")
_FOLLOW_ON_RE = re.compile(r"^,\s+(?:adding|saying|noting|stressing|stating)(?:\s+that)?\s+(.+)$")
_PARTICIPLE_RE = re.compile(r"^,\s+[a-z]+ing\b")
_ACCORDING_TO_RE = re.compile(r"\b[Aa]ccording to\s+(?P<source>[^,.;:\"“”]+)")
_INVERTED_APPOSITIVE_RE = re.compile(
    r"^,\s+(?:a|an|the|[a-z]+ (?:of|at|from)|former|deputy|vice)\b[^,]*"
)
_BEFORE_QUOTE_TAIL_RE = re.compile(r"^[^.;!?\"“”]{0,60}$")
_THE_PREFIX_RE = re.compile(r"^[Tt]he\s+")
_LEADING_THAT_RE = re.compile(r"^that\s+")
_LEAD_PUNCTUATION_RE = re.compile(r"^\s*[,.!?]?\s*")
_VERB_OBJECT_RE = re.compile(r"\s+([^,.;:\"“”]+)")  # "said Tang" -> "Tang"
_THAT_COLON_END_RE = re.compile(r"\s*(?:that)?\s*[:,]?$")


@dataclass
class _Speaker:
    kind: str
    name: str
    person: PersonMention | None = None


@dataclass
class _Sentence:
    start: int  # absolute offset in the body
    text: str
    quote_spans: list[tuple[int, int]]  # relative; opening mark to closing mark inclusive


class _Attributor:
    """Resolves the phrase next to a speech verb to a speaker, remembering the last one."""

    def __init__(self, body: str, persons: Sequence[PersonMention], orgs: OrgIndex):
        self.body = body
        self.resolver = shared_resolver(body, persons)
        self.orgs = orgs
        self.last_person: PersonMention | None = None
        self._refs: list[Reference] = self.resolver.references()
        self._ref_starts = [ref.start for ref in self._refs]
        # Every sentence read so far, transcript labels aside: a 'He said' before anyone has
        # spoken is about the last of them that names someone.
        self.sentences_read: list[_Sentence] = []
        self.paragraph_start = 0
        self.sentence: _Sentence | None = None  # the one being read
        self._org_positions: list[tuple[int, str]] | None = None

    def _last_sentence_subject(self) -> PersonMention | None:
        """The first person named in the last sentence read that names anyone."""
        # Asked for rarely, so worked out then rather than for every sentence read.
        for sentence in reversed(self.sentences_read):
            index = bisect_left(self._ref_starts, sentence.start)
            if index < len(self._refs) and self._refs[index].start < sentence.start + len(
                sentence.text
            ):
                return self._refs[index].person
            if index == 0:
                return None  # no reference starts before this one: none in any earlier either
        return None

    def speaker_at_end(self, phrase: str, position: int) -> _Speaker | None:
        """The speaker named at the very end of `phrase` (a subject right before its verb)."""
        phrase = _without_gloss(strip_subject_adverbs(phrase.rstrip()))
        if not phrase or len(phrase.split(None, MAX_SUBJECT_WORDS)) > MAX_SUBJECT_WORDS:
            return None
        if phrase.endswith(_PRONOUN_ENDINGS) and _PRONOUN_RE.search(phrase):
            person = (
                self._paragraph_subject(position)
                or self.last_person
                or self._last_sentence_subject()
            )
            return _Speaker(SPEAKER_PERSON, person.name, person) if person else None
        spokesperson = (
            _SPOKESPERSON_RE.search(phrase)
            if "spokes" in phrase or "official" in phrase  # words the pattern needs
            else None
        )
        if spokesperson:
            return self._spokesperson_for(spokesperson.group("org") or "", position)
        hit = self.resolver.person_at_end(phrase, position)
        if hit:
            return _Speaker(SPEAKER_PERSON, hit[0].name, hit[0])
        org = self.orgs.org_at_end(phrase)
        return _Speaker(SPEAKER_ORGANIZATION, org) if org else None

    def _paragraph_subject(self, position: int) -> PersonMention | None:
        """The person a paragraph opens with, when a pronoun there follows that person
        ("Huang Ying, a lawyer, welcomed the move. '...,' she said.")."""
        index = bisect_left(self._ref_starts, self.paragraph_start)
        if index < len(self._refs) and self._refs[index].start < position:
            ref = self._refs[index]
            if ref.form == "full" and _only_title_before(
                self.body[self.paragraph_start : ref.start]
            ):
                return ref.person
        return None

    def _spokesperson_for(self, named: str, position: int) -> _Speaker | None:
        """ "a spokesperson for X said" is X speaking; a bare "a spokesperson said" speaks for
        the organization its sentence is about (the first one named in it)."""
        named = named.strip()
        if named:
            org = self.orgs.org_at_end(named)
            return _Speaker(SPEAKER_ORGANIZATION, org) if org else None
        if self.sentence is None:
            return None
        start, text = self.sentence.start, self.sentence.text
        if self._org_positions is None:
            self._org_positions = self._find_org_positions()
        for offset, name in self._org_positions:
            if start <= offset < min(position, start + len(text)):
                return _Speaker(SPEAKER_ORGANIZATION, name)
        return None

    def _find_org_positions(self) -> list[tuple[int, str]]:
        found = []
        for org in self.orgs.organizations:
            for form in {org.name, *org.as_written}:
                form = _THE_PREFIX_RE.sub("", form)
                if len(form) < 3:
                    continue
                position = self.body.find(form)
                while position >= 0:
                    found.append((position, org.name))
                    position = self.body.find(form, position + 1)
        return sorted(found)

    def speaker_exactly(self, phrase: str, position: int) -> _Speaker | None:
        """The speaker when the whole phrase is a reference ("Tang", "the ministry")."""
        phrase = phrase.strip()
        if (
            not phrase
            or len(phrase.split()) > 8
            or phrase[:1].islower()
            and not (phrase.startswith(("the ", "he", "she")))
        ):
            return None
        return self.speaker_at_end(phrase, position)

    def subject_before_verb(self, text: str, position: int) -> tuple[_Speaker, int] | None:
        """Speaker that is the subject of a verb starting right after `text`, and where the
        subject's clause starts in `text` (so the rest before it can be the reported content).
        Handles "Wang Wenbin, a spokesperson from the ministry, said"."""
        stripped = _without_gloss(text.rstrip())
        if stripped.endswith(","):
            commas = [
                m.start() for m in _APPOSITIVE_COMMA_RE.finditer(stripped, 0, len(stripped) - 1)
            ]
            cut = commas[-1] if commas else -1
            head, appositive = (stripped[:cut], stripped[cut + 1 : -1]) if cut >= 0 else ("", "")
            if head and appositive.strip():
                clause_start = _clause_start(head)
                speaker = self.speaker_at_end(head[clause_start:], position)
                if speaker and (
                    speaker.kind == SPEAKER_PERSON
                    or _ORG_APPOSITIVE_RE.match(appositive)  # "Nordlink, which owns ..., said"
                ):
                    return speaker, clause_start
                # "Its head of licensing, Marta Koskinen, told ...": the name is the appositive.
                named = self.speaker_exactly(appositive, position)
                if (
                    named
                    and named.kind == SPEAKER_PERSON
                    and self.resolver.person_named(appositive.strip()) is not None
                ):
                    return named, len(head) + 1
            return None
        clause_start = _clause_start(stripped)
        speaker = self.speaker_at_end(stripped[clause_start:], position)
        return (speaker, clause_start) if speaker else None

    def remember(self, speaker: _Speaker) -> None:
        if speaker.person is not None:
            self.last_person = speaker.person


# "Professor ", "Dr. ", "Vice Minister ": capitalised title words opening a paragraph.
_TITLE_OPENING_RE = re.compile(r"(?:(?:[Tt]he )?[A-Z][a-z]+\.? ){0,3}")


def _only_title_before(prefix: str) -> bool:
    """Whether the paragraph opens with the person, a title aside ("Professor Han Lei")."""
    return len(prefix) < 3 or (len(prefix) <= 40 and bool(_TITLE_OPENING_RE.fullmatch(prefix)))


# "Li Xuemei (李雪梅)", "the Association (CSIA)": a bracketed gloss after a name.
_GLOSS_AT_END_RE = re.compile(r"\s*\([^()\n]{1,40}\)$")
_APPOSITIVE_COMMA_RE = re.compile(r",(?!\d{3})")
_ORG_APPOSITIVE_RE = re.compile(r"^\s+(?:which|a|an|the|one\s+of)\b")
_SPOKESPERSON_RE = re.compile(
    r"(?:^|\s)(?:[Aa]n?|[Tt]he|[Ii]ts)\s+(?:[A-Z][\w.&'’-]*\s+)*"
    r"(?:spokes(?:person|man|woman)|official|(?:senior |unnamed )officials?)"
    r"(?:\s+(?:for|of|at|from)\s+(?P<org>.+))?$"
)
# Between "told" and what was told: "told IAM the rates were", "told reporters that".
_TOLD_OBJECT_RE = re.compile(
    r"^\s+(?:reporters|journalists|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})"
    r"\s+(?:that\s+)?(?=[a-z\"“‘])"
)
# Transcript labels (title-cased first): "Tao Kaiyuan, Vice President, Supreme ...: words".
_LABEL_LINE_RE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})(?:, [^:\n]{1,120})?:\s+(?P<text>.+)$"
)
_NOT_INTERVIEWEES = {"reporter", "correspondent", "anchor", "host", "presenter", "editor"}


# Greedy, so a match ends just past the last clause break: one pass, not an rfind per mark.
_UP_TO_LAST_CLAUSE_BREAK_RE = re.compile(".*[" + re.escape(_CLAUSE_BREAKS) + "]", re.DOTALL)


def _clause_start(text: str) -> int:
    """Just past the last clause break in `text`, else 0."""
    up_to_break = _UP_TO_LAST_CLAUSE_BREAK_RE.match(text)
    return up_to_break.end() if up_to_break else 0


def _without_gloss(text: str) -> str:
    """'Li Xuemei (李雪梅)' -> 'Li Xuemei'."""
    # The cheap test first: a gloss must end the text (`$` also allows a final newline).
    return _GLOSS_AT_END_RE.sub("", text) if text.endswith((")", ")\n")) else text


# --------------------------------------------------------------------------------------------
# Quotation marks and sentences
# --------------------------------------------------------------------------------------------


def _quotation_spans(body: str, marks: Sequence[int], end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations in a paragraph ending at `end`, given where its
    quotation marks are; one that never closes runs to `end`."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    for index in marks:
        char = body[index]
        if open_at is None:
            if char == _CLOSE_CURLY:
                continue
            open_at, open_mark = index, char
        elif (open_mark == '"' and char == '"') or (open_mark == _OPEN_CURLY and char != '"'):
            if open_mark == _OPEN_CURLY and char == _OPEN_CURLY:
                continue
            spans.append((open_at, index))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def _quote_mark_offsets(text: str) -> list[int]:
    """Where the quotation marks are, in order: one substring search per kind of mark costs
    a fraction of a pattern that opens with the class of all three, tested at every
    character of the text."""
    found = []
    for mark in _QUOTE_MARKS:
        index = text.find(mark)
        while index != -1:
            found.append(index)
            index = text.find(mark, index + 1)
    found.sort()
    return found


def _sentences(body: str) -> list[tuple[int, list[_Sentence]]]:
    """Paragraphs (by start offset), each a list of sentences that keep quotes whole."""
    # The marks of the whole body at once: most paragraphs hold none, and then need neither
    # searches of their own nor a split of their own.
    marks = _quote_mark_offsets(body)
    # The body's split, cached from the people extractor: a paragraph without quotations
    # splits exactly as the body does there (sentence_spans' window is those very spans).
    plain = sentence_spans(body)
    paragraphs = []
    for paragraph in _PARAGRAPH_RE.finditer(body):
        text = paragraph.group()
        if not text.strip():
            continue
        offset, paragraph_end = paragraph.span()
        first_mark = bisect_left(marks, offset)
        last_mark = bisect_left(marks, paragraph_end, first_mark)
        if first_mark == last_mark:  # as most paragraphs: no quotation to place in a sentence
            first = bisect_left(plain, (offset,))
            window = plain[first : bisect_left(plain, (paragraph_end,), first)]
            sentences = [_Sentence(start, body[start:end], []) for start, end in window]
        else:
            spans = _quotation_spans(body, marks[first_mark:last_mark], paragraph_end)
            sentences = [
                _Sentence(
                    start,
                    body[start:end],
                    [(s - start, e - start) for s, e in spans if start <= s < end],
                )
                for start, end in sentence_spans(body, spans, offset, paragraph_end)
            ]
        paragraphs.append((offset, sentences))
    return paragraphs


def _inner(text: str, span: tuple[int, int]) -> str:
    return text[span[0] + 1 : span[1]].strip()


def _clean_quote_text(text: str) -> str:
    return text.strip().rstrip(",").strip()


def _clean_reported(text: str) -> str:
    text = _LEADING_THAT_RE.sub("", text.strip(" ,;:"))
    return text.rstrip(" ,;:.")


def _fewer_words_than(count: int, text: str) -> bool:
    # At most count - 1 splits: a long quotation need not be cut into all its words.
    return len(text.split(None, count - 1)) < count


# --------------------------------------------------------------------------------------------
# Direct quotations
# --------------------------------------------------------------------------------------------


def _attribution_after(text: str, position: int, attributor: _Attributor) -> _Speaker | None:
    """`"...," said Shen.` / `"...," Li said.` / `"...," he added on Monday.`"""
    lead = _LEAD_PUNCTUATION_RE.match(text)
    rest = text[lead.end() :] if lead else text
    verb = SPEECH_VERB_RE.match(rest)
    if verb:
        obj = _VERB_OBJECT_RE.match(rest[verb.end() :])
        return attributor.speaker_exactly(obj.group(1), position) if obj else None
    verb = SPEECH_VERB_RE.search(rest)
    if verb is None or not _closing_attribution(verb, rest[verb.end() :]):
        return None
    subject = attributor.subject_before_verb(rest[: verb.start()], position)
    if subject is None or subject[1] != 0:
        return None
    return subject[0]


def _attribution_before(text: str, position: int, attributor: _Attributor) -> _Speaker | None:
    """`Shen said: "...` / `Li told reporters, "...` / `he said, "...` (split quote)."""
    stripped = text.rstrip()
    if not stripped or not (stripped.endswith((":", ",")) or stripped.endswith("that")):
        return None
    verbs = list(SPEECH_VERB_RE.finditer(stripped))
    if not verbs:
        return None
    verb = verbs[-1]
    tail = _THAT_COLON_END_RE.sub("", stripped[verb.end() :])
    if not _BEFORE_QUOTE_TAIL_RE.match(tail) or not _closing_attribution(verb, tail):
        return None
    subject = attributor.subject_before_verb(stripped[: verb.start()], position)
    if subject:
        return subject[0]
    obj = _VERB_OBJECT_RE.match(stripped[verb.end() :])
    preceded_by_break = not stripped[: verb.start()].strip() or stripped[
        : verb.start()
    ].rstrip().endswith(",")
    if obj and preceded_by_break:
        return attributor.speaker_exactly(obj.group(1), position)
    return None


def _direct_quotes(sentence: _Sentence, attributor: _Attributor) -> list[tuple[Quote, _Speaker]]:
    found: list[tuple[Quote, _Speaker, int]] = []  # with the index of the quotation
    text = sentence.text
    spans = sentence.quote_spans
    for index, span in enumerate(spans):
        inner = _inner(text, span)
        if _fewer_words_than(MIN_QUOTE_WORDS, inner):
            continue
        after_end = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        before_start = spans[index - 1][1] + 1 if index else 0
        position = sentence.start + span[0] + 1
        speaker = _attribution_after(
            text[span[1] + 1 : after_end], position, attributor
        ) or _attribution_before(text[before_start : span[0]], position, attributor)
        if speaker is None:
            continue
        quote = Quote(
            speaker=speaker.name,
            text=_clean_quote_text(inner),
            speaker_kind=speaker.kind,
            direct=True,
            position=position,
        )
        previous = found[-1] if found else None
        if previous and previous[2] == index - 1 and previous[1].name == speaker.name:
            # `"A," he said, "B."` is one quotation interrupted by its attribution.
            previous[0].text = f"{previous[0].text} {quote.text}"
            found[-1] = (previous[0], previous[1], index)
            continue
        found.append((quote, speaker, index))
    return [(quote, speaker) for quote, speaker, _ in found]


def _is_pure_quote(sentence: _Sentence) -> bool:
    """The whole sentence is inside quotation marks (a quote paragraph's sentence)."""
    if not sentence.quote_spans:
        return False
    first_open, last_close = sentence.quote_spans[0][0], sentence.quote_spans[-1][1]
    outside = sentence.text[:first_open] + sentence.text[last_close + 1 :]
    return not outside.strip(" .,!?") and len(sentence.quote_spans) == 1


# --------------------------------------------------------------------------------------------
# Reported speech
# --------------------------------------------------------------------------------------------


def _inside_quotes(index: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= index <= end for start, end in spans)


def _content_after_verb(verb: re.Match[str], after: str) -> str:
    lead = _LEAD_TO_THAT_RE.match(after) or _LEAD_TO_COMMA_RE.match(after)
    if lead:
        return after[lead.end() :]
    if verb.group() in {"told", "tells"}:
        told = _TOLD_OBJECT_RE.match(after)
        if told:
            return after[told.end() :]
        comma = after.find(",")
        return after[comma + 1 :] if comma != -1 else ""
    return after


def _reported_quotes(sentence: _Sentence, attributor: _Attributor) -> list[tuple[Quote, _Speaker]]:
    text = sentence.text
    for verb in speech_verbs(text, sentence.start, attributor.body):
        if _inside_quotes(verb.start(), sentence.quote_spans):
            continue
        position = sentence.start + verb.start()
        subject = attributor.subject_before_verb(text[: verb.start()], position)
        if subject is not None:
            return _from_subject_verb(sentence, verb, subject[0], subject[1])
        quotes = _from_inverted_attribution(sentence, verb, attributor)
        if quotes:
            return quotes
    return _from_according_to(sentence, attributor)


def _from_subject_verb(
    sentence: _Sentence, verb: re.Match[str], speaker: _Speaker, clause_start: int
) -> list[tuple[Quote, _Speaker]]:
    text = sentence.text
    after = text[verb.end() :]
    closing = _closing_attribution(verb, after)
    before = text[:clause_start]
    if closing and before.strip(" ,"):
        # "..., Li said." / "First, Shen said, we should ...": the content is around it.
        rest = after[closing.end() :] if closing.group("stop") == "," else ""
        return _around_attribution(sentence, before, ", " + rest if rest else "", speaker)
    content = _content_after_verb(verb, after)
    start = sentence.start + len(text) - len(content)
    return _reported(content, start, speaker)


def _closing_attribution(verb: re.Match[str], after: str) -> re.Match[str] | None:
    if verb.group() in {"told", "tells"}:
        return _TOLD_TAIL_RE.match(after) or _ATTRIBUTION_TAIL_RE.match(after)
    return _ATTRIBUTION_TAIL_RE.match(after)


def _from_inverted_attribution(
    sentence: _Sentence, verb: re.Match[str], attributor: _Attributor
) -> list[tuple[Quote, _Speaker]]:
    """`China's strategy is exemplary, said Tang, adding that the WIPO ...`"""
    text = sentence.text
    if not text[: verb.start()].rstrip().endswith(","):
        return []
    obj = _VERB_OBJECT_RE.match(text[verb.end() :])
    if obj is None:
        return []
    speaker = attributor.speaker_exactly(obj.group(1), sentence.start + verb.start())
    if speaker is None:
        return []
    rest = text[verb.end() + obj.end() :]
    appositive = _INVERTED_APPOSITIVE_RE.match(rest)
    if appositive:
        rest = rest[appositive.end() :]
    before = text[: verb.start()].rstrip().rstrip(",")
    return _around_attribution(sentence, before, rest, speaker)


def _around_attribution(
    sentence: _Sentence, before: str, rest: str, speaker: _Speaker
) -> list[tuple[Quote, _Speaker]]:
    """Content before an attribution, plus what follows it: a parenthetical's second half, or
    an "adding that ..." clause as a quote of its own."""
    before = before.rstrip().rstrip(",")
    follow_on = _FOLLOW_ON_RE.match(rest.rstrip())
    quotes = []
    if rest and not follow_on and not _PARTICIPLE_RE.match(rest) and rest.startswith(","):
        continuation = rest[1:].strip()
        if continuation:
            before = f"{before}, {continuation}" if before else continuation
    quotes.extend(_reported(before, sentence.start, speaker))
    if follow_on:
        content = follow_on.group(1)
        start = sentence.start + len(sentence.text) - len(rest.rstrip()) + follow_on.start(1)
        quotes.extend(_reported(content, start, speaker))
    return quotes


def _from_according_to(
    sentence: _Sentence, attributor: _Attributor
) -> list[tuple[Quote, _Speaker]]:
    if "ccording to" not in sentence.text:
        return []  # a cheap test first: the pattern is tried on every sentence
    match = _ACCORDING_TO_RE.search(sentence.text)
    if match is None or _inside_quotes(match.start(), sentence.quote_spans):
        return []
    speaker = attributor.speaker_exactly(match.group("source"), sentence.start + match.start())
    if speaker is None:
        return []
    content = (sentence.text[: match.start()] + sentence.text[match.end() :]).strip(" ,")
    return _reported(content, sentence.start, speaker)


def _reported(content: str, start: int, speaker: _Speaker) -> list[tuple[Quote, _Speaker]]:
    cleaned = _clean_reported(content)
    if _fewer_words_than(MIN_REPORTED_WORDS, cleaned):
        return []
    quote = Quote(
        speaker=speaker.name,
        text=cleaned,
        speaker_kind=speaker.kind,
        direct=False,
        position=start,
    )
    return [(quote, speaker)]


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def extract_quotes(
    body: str, persons: list[PersonMention], organizations: list[OrganizationMention]
) -> list[Quote]:
    """Direct and reported quotations in body order, each with its resolved speaker."""
    label_starts = transcript_label_starts(body)
    body = title_case_labels(body) if label_starts else body
    attributor = _Attributor(body, persons, OrgIndex(organizations))
    quotes: list[Quote] = []
    carried: _Speaker | None = None  # whose quotation the next quote-only paragraph continues
    for paragraph_start, sentences in _sentences(body):
        attributor.paragraph_start = paragraph_start
        if paragraph_start in label_starts:
            labelled = _labelled_quote(body, paragraph_start, attributor)
            if labelled is not None:
                quotes.append(labelled)
                carried = None
                continue
        paragraph_speaker: _Speaker | None = None
        for index, sentence in enumerate(sentences):
            attributor.sentence = sentence
            found: list[tuple[Quote, _Speaker]] = []
            if sentence.quote_spans:  # as one sentence in four: the rest can only report speech
                found = _direct_quotes(sentence, attributor)
                if not found and _is_pure_quote(sentence):
                    found = _continued_quote(sentence, carried if index == 0 else paragraph_speaker)
            if not found:
                found = _reported_quotes(sentence, attributor)
            if found:
                for quote, speaker in found:
                    quotes.append(quote)
                    attributor.remember(speaker)
                if found[-1][0].direct:
                    paragraph_speaker = found[-1][1]
            attributor.sentences_read.append(sentence)
        carried = _speaker_carried_over(sentences, paragraph_speaker, attributor)
    return quotes


def _labelled_quote(body: str, start: int, attributor: _Attributor) -> Quote | None:
    """A transcript paragraph: the label names a known person who is not the reporter."""
    if not body[start : start + 1].isupper():
        return None
    end = body.find("\n", start)
    match = _LABEL_LINE_RE.match(body[start : end if end >= 0 else len(body)])
    if match is None or ". " in body[start : start + match.start("text")]:
        return None
    person = attributor.resolver.person_named(match.group("name"))
    if person is None or person.role.lower() in _NOT_INTERVIEWEES:
        return None
    text = match.group("text").strip()
    if _fewer_words_than(MIN_QUOTE_WORDS, text):
        return None
    return Quote(
        speaker=person.name,
        text=text,
        speaker_kind=SPEAKER_PERSON,
        direct=True,
        position=start + match.start("text"),
    )


def _continued_quote(sentence: _Sentence, speaker: _Speaker | None) -> list[tuple[Quote, _Speaker]]:
    """A paragraph that is only a quotation, right after one by a known speaker."""
    if speaker is None:
        return []
    span = sentence.quote_spans[0]
    inner = _inner(sentence.text, span)
    if _fewer_words_than(MIN_QUOTE_WORDS, inner):
        return []
    quote = Quote(
        speaker=speaker.name,
        text=_clean_quote_text(inner),
        speaker_kind=speaker.kind,
        direct=True,
        position=sentence.start + span[0] + 1,
    )
    return [(quote, speaker)]


def _speaker_carried_over(
    sentences: Sequence[_Sentence], speaker: _Speaker | None, attributor: _Attributor
) -> _Speaker | None:
    """Who the next paragraph's bare quotation belongs to: the speaker of this paragraph's
    last direct quote, or the subject of a closing 'X said:'."""
    if not sentences:
        return None
    last = sentences[-1]
    if last.text.rstrip().endswith(":"):
        verbs = list(SPEECH_VERB_RE.finditer(last.text))
        if verbs:
            subject = attributor.subject_before_verb(
                last.text[: verbs[-1].start()], last.start + verbs[-1].start()
            )
            if subject:
                return subject[0]
        return None
    if last.quote_spans and speaker is not None:
        return speaker
    return None
