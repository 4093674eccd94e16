"""Ranked full-text search with highlighted snippets, on the database's own index.

SQLite searches the FTS5 table `article_fts`; PostgreSQL the `search_vector` column with
SearchRank and SearchHeadline. Reader input never reaches the index's query syntax: it is
reduced to plain words (quoted phrases kept), so `"`, `*`, `NEAR`, `(` and `-` are just text.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use markers: the snippet is escaped as text first, then the markers become <mark>.
_START, _STOP = "\ue000", "\ue001"
_WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    return _WORD_RE.findall(query)[:MAX_TERMS]


def fts5_query(query: str) -> str:
    """Every word must match (AND), each as a quoted FTS5 string, prefix on the last one."""
    terms = search_terms(query)
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    if len(terms[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


def search(queryset: QuerySet, query: str) -> QuerySet:
    """The articles matching `query`; facets and counts use this, unordered."""
    if not search_terms(query):
        return queryset.none()  # only punctuation: nothing can match
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_postgres_query(query))
    # Plain RawSQL that never names the outer table, so the filter also works inside the
    # facet subqueries (where Django renames articles_article).
    return queryset.filter(
        id__in=RawSQL(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH %s", [fts5_query(query)]
        )
    )


def order_by_relevance(queryset: QuerySet, query: str) -> QuerySet:
    """Best matches first. On SQLite a join with the FTS table orders by its bm25 `rank`
    (a per-row subquery would run the match once per article); on PostgreSQL SearchRank."""
    if not search_terms(query):
        return queryset.none()
    if connection.vendor == "postgresql":
        search_query = _postgres_query(query)
        return queryset.annotate(
            search_rank=SearchRank(F("search_vector"), search_query),
            snippet_raw=SearchHeadline(
                "body",
                search_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-search_rank", "-published", "-id")
    # bm25 weights: a match in the title counts five times one in the body.
    return queryset.extra(
        tables=["article_fts"],
        where=["article_fts.rowid = articles_article.id", "article_fts MATCH %s"],
        params=[fts5_query(query)],
        select={"search_rank": "bm25(article_fts, 5.0, 1.0)"},
        order_by=["search_rank", "-published", "-id"],
    )


def _postgres_query(query: str) -> SearchQuery:
    return SearchQuery(" ".join(search_terms(query)), config="english", search_type="plain")


def _sqlite_snippets(ids: list[int], query: str) -> dict[int, str]:
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet(article_fts, 1, '{_START}', '{_STOP}', '…', 32) "
            f"FROM article_fts WHERE article_fts MATCH %s AND rowid IN ({placeholders})",
            [fts5_query(query), *ids],
        )
        return dict(cursor.fetchall())


def attach_snippets(articles, query: str) -> None:
    """Give each article of a page a `snippet`: its best passage, search terms marked."""
    articles = list(articles)
    if connection.vendor == "postgresql":
        raw = {article.pk: getattr(article, "snippet_raw", "") for article in articles}
    else:
        raw = _sqlite_snippets([article.pk for article in articles], query)
    for article in articles:
        article.snippet = render_snippet(raw.get(article.pk, ""))


def render_snippet(raw: str | None) -> SafeString:
    """Escape the snippet as text, then turn the markers into <mark> elements."""
    text = escape(raw or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
