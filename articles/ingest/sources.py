"""Read raw files into text documents: decoding, and the .txt / .html / .jsonl formats.

A `.jsonl` file holds one article a line; every other file is one article. Each document
keeps a stable `source_name` (file name, plus `#N` for the N-th record of a .jsonl) so that a
re-import of a changed file updates the article it made before.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from charset_normalizer import from_bytes

from articles.ingest.model import ParseError

# Legacy encodings of the pages this archive collects. Limiting detection to them keeps it
# fast (charset-normalizer otherwise tries every codec Python has) and avoids odd guesses.
LEGACY_ENCODINGS = ["cp1252", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]
SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Above this share of non-ASCII bytes, a file that only one legacy encoding decodes is still
# put to charset-normalizer, which may judge the decoding to be garbage (decode_bytes).
MOSTLY_ASCII_SHARE = 0.05
_ASCII_BYTES = bytes(range(128))
# Control characters other than tab/newline/CR/form feed mark a binary file.
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


@dataclass
class SourceDocument:
    source_name: str
    text: str  # what the pipeline reads
    raw: str = ""  # the source exactly as read (HTML markup, the JSON line), for the archive
    title_hint: str = ""  # from structured input (.jsonl title, HTML <h1>/<title>)
    date_hint: str = ""  # ISO or free text, from structured input
    url: str = ""
    outlet_hint: str = ""
    byline_hint: str = ""

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.text


def decode_bytes(data: bytes) -> str:
    """Bytes of unknown encoding -> text. BOMs decide; else UTF-8; else charset-normalizer."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _normalize_newlines(data.decode(encoding))
    try:
        return _normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise ParseError("binary content, not text")
    # charset-normalizer rules out an encoding that cannot decode all the bytes before it
    # weighs the others, so asking it about only those that can gives the same answer, and
    # spares it setting up and trying the rest (most files fit a single one).
    candidates = [encoding for encoding in LEGACY_ENCODINGS if _decodes(data, encoding)]
    if len(candidates) == 1 and _mostly_ascii(data):
        # With one candidate there is nothing to weigh: charset-normalizer could only keep it
        # or reject it as garbage (a fifth of the text looking mangled), and a text that is
        # nearly all ASCII decodes to nearly all ASCII whichever it is. Asking it costs some
        # 8 ms a file: as much as parsing the article.
        return _normalize_newlines(data.decode(candidates[0]))
    best = from_bytes(data, cp_isolation=candidates).best() if candidates else None
    if best is None:
        raise ParseError("cannot detect the text encoding")
    return _normalize_newlines(str(best))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_ascii(data: bytes) -> bool:
    return len(data.translate(None, _ASCII_BYTES)) <= len(data) * MOSTLY_ASCII_SHARE


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _BINARY_BYTES)
    return controls > len(sample) * 0.01


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def read_documents(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument]:
    """Yield the documents in one file; raise ParseError for a file that holds none."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise ParseError("empty file")
    if size > max_bytes:
        raise ParseError(f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if path.suffix.lower() not in (".txt", ".text") and _looks_binary(data):
        raise ParseError("binary content, not text")
    text = decode_bytes(data)
    if not text.strip():
        raise ParseError("no text in file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(path.name, text)
    elif suffix in (".html", ".htm"):
        yield html_document(path.name, text)
    else:
        yield SourceDocument(source_name=path.name, text=text)


# Feeds name their fields differently; the first key present wins.
TEXT_KEYS = ("text", "body", "content", "article", "full_text", "maintext")
TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = ("date", "published", "pubDate", "pub_date", "published_at", "datetime", "time")
URL_KEYS = ("url", "link", "permalink")
OUTLET_KEYS = ("source", "outlet", "site", "sitename", "publisher")
AUTHOR_KEYS = ("author", "byline", "authors")


def _field(record: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _jsonl_documents(name: str, text: str) -> Iterator[SourceDocument]:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(f"line {number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise ParseError(f"line {number}: a record must be a JSON object")
        text = _field(record, TEXT_KEYS)
        if not text:
            raise ParseError(
                f"line {number}: a record needs the article text under one of: "
                + ", ".join(TEXT_KEYS)
            )
        found = True
        yield SourceDocument(
            source_name=f"{name}#{number}",
            text=text.replace("\r\n", "\n"),
            raw=line,
            title_hint=_field(record, TITLE_KEYS),
            date_hint=_field(record, DATE_KEYS),
            url=_field(record, URL_KEYS),
            outlet_hint=_field(record, OUTLET_KEYS),
            byline_hint=_field(record, AUTHOR_KEYS),
        )
    if not found:
        raise ParseError("no records in JSON Lines file")


_TITLE_RE = re.compile(r"<title[^>]*>(?P<title>.*?)</title>", re.IGNORECASE | re.DOTALL)


def _title_suffix(html: str) -> str:
    """The site's name from a `<title>` like "Headline | WIPO" (when no site name is given)."""
    match = _TITLE_RE.search(html[:20000])
    if not match:
        return ""
    parts = re.split(r"\s+[|–—-]\s+", unescape(match.group("title")).strip())
    return parts[-1] if len(parts) > 1 and len(parts[-1].split()) <= 5 else ""


def html_document(name: str, html: str) -> SourceDocument:
    """Main text of an HTML page via trafilatura (boilerplate-aware), with its metadata."""
    import trafilatura  # imported here: slow to import, and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
    )
    if not extracted:
        raise ParseError("no article text found in HTML")
    document = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (document.get("text") or "").strip()
    if not text:
        raise ParseError("no article text found in HTML")
    # trafilatura puts one paragraph a line; the pipeline reads blank-line paragraphs.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return SourceDocument(
        source_name=name,
        text=text,
        raw=html,
        title_hint=(document.get("title") or "").strip(),
        date_hint=(document.get("date") or "").strip(),
        url=(document.get("url") or "").strip(),
        outlet_hint=(document.get("sitename") or _title_suffix(html)).strip(),
        byline_hint=(document.get("author") or "").strip(),
    )
