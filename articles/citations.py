"""An article as a reference: RIS, BibTeX and CSL-JSON, the formats reference managers
(Zotero, EndNote, Mendeley, pandoc) import. Each cites the outlet, the publication date, the
title, the archive's permalink and the date it was accessed."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from articles.models import Article

_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    outlet: str | None
    section: str | None
    authors: tuple[str, ...]
    published: datetime.date | None
    place: str | None
    permalink: str
    accessed: datetime.date

    @classmethod
    def from_article(cls, article: Article, *, permalink: str, accessed: datetime.date) -> Citation:
        return cls(
            key=article.slug,
            title=article.title,
            outlet=article.outlet.name if article.outlet else None,
            section=article.section or None,
            authors=byline_authors(article.byline),
            published=article.published,
            place=article.dateline_place or None,
            permalink=permalink,
            accessed=accessed,
        )


def byline_authors(byline: str) -> tuple[str, ...]:
    """`By Lu Yutong, Kelly Graham` -> ("Lu Yutong", "Kelly Graham")."""
    names = _AUTHOR_SEPARATOR.split(_BY_PREFIX.sub("", byline or ""))
    return tuple(name.strip() for name in names if name.strip())


def _one_line(text: str) -> str:
    return " ".join(text.split())


# RIS: one `TAG  - value` a line, CRLF, from TY to ER.


def to_ris(citation: Citation) -> str:
    lines = [("TY", "NEWS"), ("TI", citation.title)]
    lines += [("AU", author) for author in citation.authors]
    if citation.outlet:
        lines.append(("T2", citation.outlet))
    if citation.section:
        lines.append(("SE", citation.section))
    if citation.published:
        lines += [
            ("PY", str(citation.published.year)),
            ("DA", citation.published.strftime("%Y/%m/%d")),
        ]
    if citation.place:
        lines.append(("CY", citation.place))
    lines += [
        ("UR", citation.permalink),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
        ("DB", "ipnews archive"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


# BibTeX (biblatex field names where BibTeX has none: date, urldate, journaltitle is
# given as `journal`, which both read).

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in _one_line(text))


def to_bibtex(citation: Citation) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_escape(citation.title) + "}")]
    if citation.authors:
        # Double braces: a name as written, never reordered into "Last, First".
        fields.append(
            ("author", " and ".join("{" + bibtex_escape(name) + "}" for name in citation.authors))
        )
    if citation.outlet:
        fields.append(("journal", bibtex_escape(citation.outlet)))
    if citation.section:
        fields.append(("type", bibtex_escape(citation.section)))
    if citation.published:
        fields += [
            ("date", citation.published.isoformat()),
            ("year", str(citation.published.year)),
            ("month", citation.published.strftime("%b").lower()),
        ]
    fields += [
        ("url", citation.permalink),
        ("urldate", citation.accessed.isoformat()),
        ("note", f"Accessed {citation.accessed.isoformat()}"),
    ]
    key = re.sub(r"[^A-Za-z0-9_:-]", "-", citation.key)
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@article{{{key},\n{body}\n}}\n"


# CSL-JSON: a list of items, as citeproc and Zotero read it.


def _date_parts(day: datetime.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def to_csl_json(citation: Citation) -> str:
    item: dict = {
        "id": citation.key,
        "type": "article-newspaper",
        "title": citation.title,
        "URL": citation.permalink,
        "accessed": _date_parts(citation.accessed),
    }
    if citation.authors:
        item["author"] = [{"literal": name} for name in citation.authors]
    if citation.outlet:
        item["container-title"] = citation.outlet
    if citation.section:
        item["section"] = citation.section
    if citation.published:
        item["issued"] = _date_parts(citation.published)
    if citation.place:
        item["publisher-place"] = citation.place
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Style:
    render: Callable[[Citation], str]
    content_type: str
    extension: str


STYLES = {
    "ris": Style(to_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "bib": Style(to_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "json": Style(to_csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}
