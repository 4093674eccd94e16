"""Ranked full-text search with highlighted snippets, on the database's own index.

SQLite searches the FTS5 table `article_fts`; PostgreSQL the `search_vector` column with
SearchRank and SearchHeadline. Reader input never reaches the index's query syntax: it is
reduced to plain words (quoted phrases kept), so `"`, `*`, `NEAR`, `(` and `-` are just text.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from contextlib import contextmanager
from operator import itemgetter

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pyroaring import BitMap

from articles.facet_index import bitmap_of
from articles.models import Article

# Private-use markers: the snippet is escaped as text first, then the markers become <mark>.
_START, _STOP = "\ue000", "\ue001"
_WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    return _WORD_RE.findall(query)[:MAX_TERMS]


def fts5_query(query: str) -> str:
    """Every word must match (AND), each as a quoted FTS5 string. No prefix search on the last
    word: the porter stemmer already matches "infring" with "infringement", as PostgreSQL
    does, and a prefix makes FTS5 merge every matching term's list again for each snippet."""
    terms = search_terms(query)
    return " ".join(f'"{term}"' for term in terms)


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
        ).order_by("-search_rank", F("published").desc(nulls_last=True), "-id")
    # bm25 weights: a match in the title counts five times one in the body.
    return queryset.extra(
        tables=["article_fts"],
        where=["article_fts.rowid = articles_article.id", "article_fts MATCH %s"],
        params=[fts5_query(query)],
        select={"search_rank": "bm25(article_fts, 5.0, 1.0)"},
        order_by=["search_rank", "-published", "-id"],  # SQLite's DESC puts NULLs last
    )


def matching_ids(query: str) -> BitMap:
    """The ids of every article matching `query`, straight from the full-text index, as one
    comma-separated text (a row per id costs more than the search itself)."""
    if not search_terms(query):
        return BitMap()
    if connection.vendor == "postgresql":
        with _from_the_index(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT string_agg(id::text, ',') FROM articles_article "
                "WHERE search_vector @@ plainto_tsquery('english', %s)",
                [" ".join(search_terms(query))],
            )
            return bitmap_of(cursor.fetchone()[0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT group_concat(rowid) FROM article_fts WHERE article_fts MATCH %s",
            [fts5_query(query)],
        )
        return bitmap_of(cursor.fetchone()[0])


@contextmanager
def _from_the_index():
    """PostgreSQL takes the match test for cheap and, when half the articles match, scans the
    whole table, decompressing every article's vector (0.7 s at 100,000 articles); its GIN
    index finds the same ids in a few tens of milliseconds."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


# Scoring costs every match a few microseconds on either engine (bm25 reads its term
# positions and length, ts_rank its whole vector): a third of a second when a search matches
# half of 100,000 articles. Past this many, the most recently added matches are ranked; the
# page says so, and counts and facets still cover every match.
RANK_LIMIT = 2000


def relevance_scores(query: str, candidates: BitMap) -> list[tuple[int, float]]:
    """(article id, score) for the `candidates` (ids of matching articles), a lower score a
    better match, from the full-text index: no article rows read."""
    if not candidates:
        return []
    if connection.vendor == "postgresql":
        return list(
            Article.objects.extra(
                where=["articles_article.id = ANY(%s)"], params=[list(candidates)]
            )
            .order_by()
            .annotate(score=-SearchRank(F("search_vector"), _postgres_query(query)))
            .values_list("id", "score")
        )
    # FTS5 seeks to a rowid range cheaply, to a list of rowids one by one: score from the
    # smallest candidate up, keep the candidates.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(article_fts, 5.0, 1.0) FROM article_fts "
            "WHERE article_fts MATCH %s AND rowid >= %s",
            [fts5_query(query), candidates.min()],
        )
        return [row for row in cursor.fetchall() if row[0] in candidates]


class RankedResults(Sequence):
    """Search results in order_by_relevance's order (best score, then newest, then highest
    id), for a Paginator, from their scores; article rows are read for the page asked for
    only (and any ties at its edge), so ranking never sorts thousands of article rows."""

    def __init__(self, scores: list[tuple[int, float]], articles: QuerySet):
        self.scores = scores
        self.articles = articles

    def __len__(self) -> int:
        return len(self.scores)

    def count(self) -> int:
        return len(self.scores)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self.scores))
        if start >= stop:
            return []
        cutoff = heapq.nsmallest(stop, self.scores, key=itemgetter(1))[-1][1]
        # Matches tied with the last one on score are ordered by date, which needs their rows.
        contenders = [article_id for article_id, score in self.scores if score <= cutoff]
        scores = dict(self.scores)
        found = self.articles.in_bulk(contenders)
        ranked = sorted(
            found.values(),
            key=lambda article: (
                scores[article.pk],
                -(article.published.toordinal() if article.published else -1),
                -article.pk,
            ),
        )
        return ranked[start:stop]


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


def _postgres_snippets(ids: list[int], query: str) -> dict[int, str]:
    headlines = Article.objects.filter(pk__in=ids).annotate(
        snippet_raw=SearchHeadline(
            "body",
            _postgres_query(query),
            config="english",
            start_sel=_START,
            stop_sel=_STOP,
            max_words=40,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
    return dict(headlines.values_list("pk", "snippet_raw"))


def attach_snippets(articles, query: str) -> None:
    """Give each article of a page a `snippet`: its best passage, search terms marked."""
    articles = list(articles)
    if connection.vendor == "postgresql":
        raw = _postgres_snippets([article.pk for article in articles], query)
    else:
        raw = _sqlite_snippets([article.pk for article in articles], query)
    for article in articles:
        article.snippet = render_snippet(raw.get(article.pk, ""))


def render_snippet(raw: str | None) -> SafeString:
    """Escape the snippet as text, then turn the markers into <mark> elements."""
    text = escape(raw or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
