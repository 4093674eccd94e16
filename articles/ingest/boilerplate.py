"""Page furniture: lines a page prints around a story that are not the story.

`is_furniture(line)` says whether a whole line goes; `strip_photo_credits(paragraph)` takes
credit markers such as `[Photo/VCG]` or `(Xinhua/Liu Weibing)` out of a caption and says who
they credit. The raw text keeps everything; only the stored body loses these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from articles.ingest.patterns import fold_case

_FURNITURE_PATTERNS = (
    r"\bcookies?\b.*\b(browse|browsing|privacy|consent|accept|settings|policy)\b",
    r"^(?:copyright\s*(?:©|\(c\)|(?:19|20)\d{2}|by\b)|©|\(c\)\s*(?:19|20)\d{2})",
    r"\bcopyright\s*©|©\s*(?:19|20)\d{2}|all rights reserved",
    r"ICP\s*(?:备|证|license)|ICP\d|京ICP|公网安备",
    r"\bhotline\b.*\d{3,}",
    r"^(?:tel|fax|e-?mail)\s*[:：]",
    r"font\s*larger|font\s*smaller|^[Aa][+-]?\s+[Aa][+-]?$",
    r"^(?:share|print|email|e-mail|close|menu|home|search|more|top|back to top|tweet|"
    r"facebook|twitter|linkedin|weibo|wechat|whatsapp|subscribe|advertisement|enditem|"
    r"sitemap|site map|login|log in|sign in|sign up|register|next|previous|prev|"
    r"comments?|reply|like|save|listen|read more|view more|load more|also read|"
    r"related|download app|scan to follow|go to top)[\s:.!>|]*$",
    r"^(?:share|follow us)\s*(?:on|:|\|)",
    r"^(?:facebook|twitter|linkedin|weibo|wechat|whatsapp|email|print|share)"
    r"(?:\s*[|/·]?\s*(?:facebook|twitter|linkedin|weibo|wechat|whatsapp|email|print|share))+$",
    r"^disclaimer\b|^terms of (?:use|service)\b|^privacy policy\b",
    r"^(?:about us|contact us|terms of use|privacy policy)(?:\s*[|·]\s*\w[\w ]*)*$",
    r"^PR/\d{4}/\d+$",  # WIPO press-release numbers
    r"^\(?(?:reporting|writing|additional reporting|editing) by\b.*\)?$",
    # "IPR Photo:VCG": a caption stub with credit. The lookahead, implied by the rest, spares
    # a line without "photo" counting [\w ]{0,30} and backing off one character at a time:
    # `re` finds the literal after (?s:.*) by stepping back from the end of the line.
    r"^\w(?=(?s:.*)photo)[\w ]{0,30}\s+photo\s*[:：]\s*\S+$",
    r"^(?:photo|image|picture|file photo|credit|photo credit|image credit)s?\s*[:：]"
    r"\s*[\w /.-]{1,40}$",
    r"^\[?(?:photo|image)\s*/\s*[\w .-]{1,40}\]?$",
    r"^(?:source|来源)\s*[:：]\s*$",
    r"^\d{1,2}\s*(?:min|minute)s?\s+read$",
    # licence, registration and record numbers in Chinese sites' footers
    r"^(?:license|licence|registration|registered|record|filing|website identification)"
    r"\b.{0,60}?\b[A-Za-z]{0,4}\d{5,}$",
    r"版权所有|未经.{0,10}授权|增值电信业务",
    r"^(?:contact|e-?mail) (?:the )?(?:writer|author|reporter)s?\b.*@",
    r"^[\w.+-]+@[\w-]+\.[\w.]+$",
    r"^our standards:",
    r"^share\b[\s\-–—:|]*\w*$",
    r"\bapp download\b|^download (?:the |our )?app\b",
    r"^video ?player",
    r"^_{3,}$|^-{3,}$|^\*{3,}$",
    r"^why you can trust\b",
    r"^skip to (?:main )?content$|^search this site$|^(?:subscribe|sign in|log in)\b.{0,20}$",
    # hashtag rows: "#" first and another after it; the lookahead comes after the first "#",
    # so a line that does not open with one is not scanned for two
    r"^#(?=[^#]*#)[\w][\w #-]*$",
    r"^\((?:updates?|adds?|recasts?|corrects?)\b[^)]*\)$",  # wire-service update notes
    r"^purchase licensing rights$|^reprints?(?: and permissions)?$",
    r"^(?:media|press) contacts?\b.*(?:@|\+?\d[\d ()-]{6,})",
    r"@[\w-]+\.[\w.]+.*\b(?:contact|submit|email us|send)\b|"
    r"\b(?:contact|submit|email us|send us)\b.*@[\w-]+\.[\w.]+",
    r"^(?:get|sign up for|subscribe to)\b.{0,40}\bnewsletters?\b.{0,20}$",
    r"^(?:\d+\s+)?(?:views?|comments?|likes?|shares?)$",
    # press-release sign-offs and site footers
    r"^N{4}$|^today['’]s press releases$",
    r"^(?:department in charge|sponsored by|hosted by|organi[sz]ed by|maintained by)\s*[:：]",
    r"^(?:address|postcode|zip code)\s*[:：]",
    r"^(?:print|close|share|email|e-mail|top)(?:\s*[|/]\s*(?:print|close|share|email|e-mail|top))+$",
    # tags, topics and follow prompts
    r"^(?:key ?words?|tags?|topics?|published in|filed under)\s*[:：]",
    r"^follow the topics in this article$|^reuse this content$|^explore more\s*[:：]",
    r"^follow\b.{0,40}\bon\s+(?:twitter|x|facebook|linkedin|weibo|wechat|instagram)\b",
    r"^(?:[•·*-]\s*)?(?:\[related\]|related(?: (?:stories|articles|news|reading))?\s*[:：])",
    r"^[←→«»]",
    # comments, sharing and likes (WordPress and the like)
    r"^(?:share|like) this\s*[:：]|^leave a (?:reply|comment)\b|^posted in\b.{0,80}\|\s*tagged\b",
    r"^comments (?:will be|are) moderated\b|^(?:please )?keep (?:your )?comments\b",
    # subscription prompts, legal notices under law-firm alerts, e-mailed bylines
    r"^enjoying this article\?|^by subscribing\b|^subscribe now\b|^get briefed\b",
    r"^listen to this (?:story|article)\b|^attorney advertising\b",
    r"^by\s+[A-Z][\w'’ .-]{1,40}\s*\(\s*[\w.+-]+@[\w-]+\.[\w.]+\s*\)$",
)


def _top_level_alternatives(pattern: str) -> list[str]:
    """`a|(b|c)|^d` -> ["a", "(b|c)", "^d"]."""
    parts, depth, start, escaped = [], 0, 0, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _compile_furniture(patterns: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """Two alternations, so each line is scanned once: the `^`-anchored alternatives are
    tried at the start of the line only (a search would try them at every position)."""
    alternatives = [alt for pattern in patterns for alt in _top_level_alternatives(pattern)]
    anchored = [alt[1:] for alt in alternatives if alt.startswith("^")]
    floating = [alt for alt in alternatives if not alt.startswith("^")]
    return (
        re.compile("|".join(f"(?:{alt})" for alt in anchored), re.IGNORECASE),
        re.compile("|".join(f"(?:{alt})" for alt in floating), re.IGNORECASE),
    )


def _lowercase_pattern(pattern: str) -> str:
    """The pattern with its capital ASCII letters made small, escapes such as \\S kept."""

    def lowercase(found: re.Match[str]) -> str:
        text = found.group()
        return text if text.startswith("\\") else text.lower()

    return re.sub(r"\\.|[A-Z]", lowercase, pattern)


_FURNITURE_AT_START_RE, _FURNITURE_ANYWHERE_RE = _compile_furniture(_FURNITURE_PATTERNS)
# _FURNITURE_AT_START_RE for an ASCII line (nearly every line) lowercased: it matches there
# just where the original matches the line, as under re.IGNORECASE an ASCII letter matches
# no other ASCII character than its capital. Case-sensitive, it costs half as much: `re`
# steps over an alternative whose first letter differs without entering it.
_LOWERCASE_FURNITURE_AT_START_RE = re.compile(_lowercase_pattern(_FURNITURE_AT_START_RE.pattern))


class KeyWords(NamedTuple):
    """Lowercase key words for `holds_any`, and those of them that are ASCII: an ASCII line
    holds no other, so it is spared looking for them."""

    every: tuple[str, ...]
    ascii: tuple[str, ...]


def key_words(*words: str) -> KeyWords:
    return KeyWords(words, tuple(word for word in words if word.isascii()))


# Every unanchored alternative above needs one of these in the line (see `holds_any`); a
# line without any is spared the search, which is the costly part for a story sentence.
# "copyright" is not one: its alternative needs a "©" too, and so many story sentences of the
# IP news say "copyright" that they were most of the lines searched.
_FURNITURE_ANYWHERE_WORDS = key_words(
    "cookie", "all rights reserved", "icp", "hotline", "font", "app download", "@", "©",
    "公网安备", "版权所有", "未经", "增值电信业务",
)  # fmt: skip


def holds_any(line: str, words: KeyWords) -> bool:
    """Whether the line holds one of the lowercase `words`, compared as re.IGNORECASE
    compares letters: when it holds none, no case-insensitive pattern that needs one of them
    can match, and the line is spared the pattern's search."""
    return _holds_any_folded(fold_case(line), words)


def _holds_any_folded(folded: str, words: KeyWords) -> bool:
    """`holds_any` for a line already passed through `fold_case`."""
    # An ASCII line can hold no other word (and a line that folds to ASCII holds none).
    candidates = words.ascii if folded.isascii() else words.every
    # A loop, not any() over a generator: a third faster, and every line is tested several times.
    for word in candidates:  # noqa: SIM110
        if word in folded:
            return True
    return False


# Prompts and notices recognised by a phrase anywhere in the line: searched only when the
# line (lowercased) holds one of the phrases' key words, non-ASCII lines included.
_PROMPT_PATTERNS = (
    r"\bclick here to subscribe\b",
    r"\bquality journalism\b|\bsupport (?:our|independent) journalism\b",
    r"\b(?:this|our) (?:weekly |daily )?newsletter\b|\bin your inbox\b|\bpodcasts on ios\b",
    r"\bappeared in the\b.{0,60}\bprint edition\b",
    r"\bfor (?:general )?informational purposes only\b|\bdoes not constitute legal advice\b",
    r"\bprior results do not guarantee\b",
    r"报料|爆料",  # a Chinese site's tip line
    r"[←→«»]$",  # "Next post →"
)
_PROMPT_RE = re.compile("|".join(_PROMPT_PATTERNS), re.IGNORECASE)
_PROMPT_WORDS = key_words(
    "journalism", "newsletter", "inbox", "podcasts", "print edition", "purposes only",
    "legal advice", "prior results", "click here", "报料", "爆料", "←", "→", "«", "»",
)  # fmt: skip

# Once one of these headings follows the story, the rest of the page is links, not the story.
END_OF_STORY_RE = re.compile(
    r"^(?:related(?: (?:stories|articles|news|reading|content|coverage|links))?|"
    r"media contacts?|press contacts?|for more information|you may also like|###|"
    r"most read(?: from [\w ]+)?|related videos?|more videos|"
    r"most (?:read|viewed|popular)|editor'?s picks|trending(?: now)?|recommended(?: for you)?|"
    r"more from|latest news|top stories|read next|popular)\s*:?$",
    re.IGNORECASE,
)


# A line that is only a photo credit: "IPR Photo:VCG", "Photo: Xinhua", "[Photo/VCG]",
# "Photo: WIPO/Laurent Vaney".
_CREDIT_LINE_RE = re.compile(
    r"^(?:[\w ]{0,30}\s)?(?:photo|image|picture|file photo|credit)s?\s*[:：/]\s*"
    r"(?P<agency>[A-Z][\w .'-]{0,30}?)(?:\s*/\s*(?P<photographer>[A-Z][\w .'-]{2,40}))?\]?$"
    r"|^\[(?:photo|image)\s*/\s*(?P<agency2>[^\]]{1,40})\]$",
    re.IGNORECASE,
)


def photo_credit_line(line: str) -> tuple[str, str]:
    """(agency, photographer) a credit-only line names, or ("", "")."""
    # Either form needs a ":", "：", "/" or "[": nine lines in ten have none, and skip the search.
    if ":" not in line and "：" not in line and "/" not in line and "[" not in line:
        return "", ""
    match = _CREDIT_LINE_RE.match(line.strip())
    if not match:
        return "", ""
    agency = (match.group("agency") or match.group("agency2") or "").strip()
    return agency, (match.group("photographer") or "").strip()


_NAV_SEPARATOR_RE = re.compile(r"\s*[|·•]\s*")


# "Home World US Companies Tech Markets Opinion Work & Careers": a menu printed without
# separators starts at Home and is nothing but capitalised words.
_BARE_MENU_RE = re.compile(r"^Home(?:\s+(?:&|[A-Z][\w&'-]*)){4,}$")


def is_navigation(line: str) -> bool:
    """A menu: three or more short items between `|` or `·` separators."""
    if "|" not in line and "·" not in line and "•" not in line:
        # the pattern's first test, which spares nearly every line the call
        return line.startswith("Home") and bool(_BARE_MENU_RE.match(line))
    items = [item for item in _NAV_SEPARATOR_RE.split(line) if item]
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items)


# A site prints the same menus, notices and footers on every page, so a worker meets the
# same furniture lines over and over; the answer depends on the line alone.
@lru_cache(maxsize=8192)
def is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    folded = fold_case(stripped)  # once for the three tests that compare letters
    return (
        _furniture_at_start(stripped, folded)
        or (
            _holds_any_folded(folded, _FURNITURE_ANYWHERE_WORDS)
            and bool(_FURNITURE_ANYWHERE_RE.search(stripped))
        )
        or (_holds_any_folded(folded, _PROMPT_WORDS) and bool(_PROMPT_RE.search(stripped)))
        or is_navigation(stripped)
    )


def _furniture_at_start(line: str, folded: str) -> bool:
    if line.isascii():  # then `folded` is line.lower()
        return bool(_LOWERCASE_FURNITURE_AT_START_RE.match(folded))
    return bool(_FURNITURE_AT_START_RE.match(line))


def is_end_of_story(line: str) -> bool:
    return bool(END_OF_STORY_RE.match(line.strip()))


@dataclass
class Credits:
    photo_agencies: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)


_NAME = r"[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){0,3}"
# (Xinhua/Liu Weibing), (Photo/Xinhua), (Photo by Zhang San/Xinhua), (Photo by Ken Kobayashi)
_PAREN_CREDIT = (
    rf"\((?:(?:Photo|Photograph)\s+by\s+(?P<by>{_NAME})(?:\s*/\s*(?P<agency1>[\w .']+))?"
    rf"|(?:Photo|Photograph)\s*/\s*(?P<agency2>[\w .']+)"
    rf"|(?P<agency3>Xinhua|Reuters|AFP|AP|CFP|IC|VCG|CNS|China Daily|People's Daily)"
    rf"\s*/\s*(?P<photographer>{_NAME}))\)"
)
# [Photo/VCG], [Photo by Zhu Xingxin/China Daily], [Photo provided to China Daily]
_BRACKET_CREDIT = (
    rf"\[(?:Photo|Image|File photo)(?:\s+by\s+(?P<by>{_NAME}))?\s*/\s*(?P<agency>[^\]]+)\]"
    r"|\[(?:Photo|Image)[^\]]{0,60}\]"
)
# Removing a credit takes the space before it too.
_PAREN_CREDIT_RE = re.compile(rf"\s*{_PAREN_CREDIT}")
_BRACKET_CREDIT_RE = re.compile(rf"\s*(?:{_BRACKET_CREDIT})", re.IGNORECASE)
# Finding one does not need that space, and without a leading \s* the search can skip from
# bracket to bracket instead of trying every position of the paragraph.
_PAREN_CREDIT_FIND_RE = re.compile(_PAREN_CREDIT)
_BRACKET_CREDIT_FIND_RE = re.compile(_BRACKET_CREDIT, re.IGNORECASE)
# "... October 31, 2023. /Xinhua" or "... Photo: VCG" at the end of a caption
_TRAILING_AGENCIES = (
    "Xinhua", "CFP", "IC", "VCG", "CGTN", "Reuters", "AFP", "AP", "CNS", "China Daily",
    "Global Times", "IC Photo", "People's Daily", "CNSPHOTO", "Getty Images", "EPA", "dpa",
    "AFP via Getty Images", "Yonhap", "Kyodo", "Bloomberg", "Depositphotos", "Shutterstock",
)  # fmt: skip
_TRAILING_CREDIT_RE = re.compile(
    r"\s*(?:/\s*|\b(?:Photo|Photograph|Image)\s*[:：]\s*"
    r"|\s[-–—|]\s*(?:(?:Copyright|©|Photo|Credit)\s*:?\s*)?)"
    rf"(?P<agency>{'|'.join(map(re.escape, _TRAILING_AGENCIES))})\s*$"
)


def strip_photo_credits(paragraph: str) -> tuple[str, Credits]:
    """Remove photo-credit markers from a paragraph; return the text and who was credited."""
    credits = Credits()

    def take_paren(match: re.Match[str]) -> str:
        agency = match.group("agency1") or match.group("agency2") or match.group("agency3")
        photographer = match.group("by") or match.group("photographer")
        _add(credits.photo_agencies, agency)
        _add(credits.photographers, photographer)
        return ""

    def take_bracket(match: re.Match[str]) -> str:
        _add(credits.photo_agencies, match.group("agency"))
        _add(credits.photographers, match.group("by"))
        return ""

    def take_trailing(match: re.Match[str]) -> str:
        _add(credits.photo_agencies, match.group("agency"))
        return ""

    def take_chain(match: re.Match[str]) -> str:
        parts = match.group("chain").split("/")
        if not any(part.strip().lower() in _CHAIN_AGENCIES for part in parts):
            return match.group()  # "(TCP/IP)", "(and/or)": not a credit
        for part in parts:
            part = part.strip()
            if " " not in part:
                _add(credits.photo_agencies, part)
            elif _NAME_RE.fullmatch(part):
                _add(credits.photographers, part)
        return ""

    text = _PAREN_CREDIT_RE.sub(take_paren, paragraph)
    if text.endswith(")"):
        text = _CHAIN_CREDIT_RE.sub(take_chain, text)
    text = _BRACKET_CREDIT_RE.sub(take_bracket, text)
    text = _TRAILING_CREDIT_RE.sub(take_trailing, text)
    return text.strip(), credits


_NAME_RE = re.compile(_NAME)
# Picture agencies a slash-separated credit names ("picture-alliance/dpa", "Imago/Xinhua").
_CHAIN_AGENCIES = frozenset(
    agency.lower()
    for agency in (
        *_TRAILING_AGENCIES, "picture-alliance", "picture alliance", "imago", "anp", "getty",
        "anadolu", "sipa", "nurphoto", "alamy", "zuma", "abaca", "newscom", "ap photo",
    )
)  # fmt: skip
# "(picture-alliance/dpa/X. Lin)" closing a caption: agencies, then maybe the photographer.
_CHAIN_CREDIT_RE = re.compile(
    r"\s*\((?P<chain>[A-Za-z][\w.-]{1,30}(?:\s*/\s*[A-Za-z][\w.' -]{0,30}){0,2})\)$"
)


def _add(items: list[str], value: str | None) -> None:
    value = (value or "").strip()
    if value and value not in items:
        items.append(value)


def _chain_credit(paragraph: str) -> bool:
    match = _CHAIN_CREDIT_RE.search(paragraph)
    return bool(match) and any(
        part.strip().lower() in _CHAIN_AGENCIES for part in match.group("chain").split("/")
    )


def has_photo_credit(paragraph: str) -> bool:
    # Each pattern needs its bracket, or an agency at the very end: cheap tests go first.
    return bool(
        ("(" in paragraph and _PAREN_CREDIT_FIND_RE.search(paragraph))
        or (paragraph.endswith(")") and _chain_credit(paragraph))
        or ("[" in paragraph and _BRACKET_CREDIT_FIND_RE.search(paragraph))
        or (
            paragraph.rstrip().endswith(_TRAILING_AGENCIES)
            and _TRAILING_CREDIT_RE.search(paragraph)
        )
    )
