"""Which articles carry each facet value, as compressed bitmaps of article ids, in memory.

Counting a facet over a large selection in SQL groups every mention row of every selected
article: hundreds of milliseconds once a filter or a search matches tens of thousands of
articles. With one roaring bitmap of article ids per year, month, outlet, person, speaker,
organization and topic, a filter is an intersection and a facet count is the size of one,
microseconds each, whatever the selection's size. The article list uses it for its facets
and its result count, entity pages for their timelines and "alongside" blocks.

The index is derived data, like a database index. It is keyed on the same ArchiveChange stamp
as the page cache (freshness.py): an import builds it as it finishes, and after an admin edit
the first request to need it does; it is shared through the cache (Redis), so the other
workers and hosts load it rather than build it. Building reads every mention row once (about
2 s of CPU for 100,000 synthetic articles with 3 million mentions and quotes, BENCHMARKS.md);
it holds a few megabytes.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from pyroaring import BitMap

from articles.models import (
    ArchiveChange,
    Article,
    ArticleTopic,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    Statistic,
    Topic,
)


@dataclass
class Dimension:
    """One kind of facet value (people, topics…): its values' articles and labels."""

    articles_of: dict[int, BitMap] = field(default_factory=dict)  # value id -> article ids
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)  # value id -> (slug, name)
    ids_by_slug: dict[str, int] = field(default_factory=dict)
    largest_first: list[int] = field(default_factory=list)

    def finish(self) -> None:
        self.ids_by_slug = {slug: value_id for value_id, (slug, _) in self.labels.items()}
        self.largest_first = sorted(
            self.articles_of, key=lambda value_id: len(self.articles_of[value_id]), reverse=True
        )

    def articles(self, slug: str) -> BitMap:
        value_id = self.ids_by_slug.get(slug)
        return self.articles_of.get(value_id, BitMap()) if value_id is not None else BitMap()

    def top(self, selection: BitMap, size: int, exclude: str = "") -> list[tuple[str, str, int]]:
        """The `size` values with most articles in `selection`, as (slug, name, count), most
        first, then by name. Values are tried largest first and the walk stops once a value
        has fewer articles in all than the current size-th count, so it can't enter."""
        counted: list[tuple[int, int]] = []  # (count, value id)
        smallest_kept: list[int] = []  # a heap of the `size` best counts so far
        for value_id in self.largest_first:
            bitmap = self.articles_of[value_id]
            if len(smallest_kept) == size and len(bitmap) < smallest_kept[0]:
                break
            if self.labels[value_id][0] == exclude:
                continue
            n = bitmap.intersection_cardinality(selection)
            if n == 0:
                continue
            counted.append((n, value_id))
            if len(smallest_kept) < size:
                heapq.heappush(smallest_kept, n)
            elif n > smallest_kept[0]:
                heapq.heapreplace(smallest_kept, n)
        best = sorted(counted, key=lambda row: (-row[0], self.labels[row[1]][1]))[:size]
        return [(*self.labels[value_id], n) for n, value_id in best]


@dataclass
class FacetIndex:
    stamp: datetime | None
    everything: BitMap = field(default_factory=BitMap)
    months: dict[tuple[int, int], BitMap] = field(default_factory=dict)
    years: dict[int, BitMap] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    # Each article's date as a day number, by article id (0: undated), so a page can date
    # thousands of mentions without reading their article rows.
    days: array = field(default_factory=lambda: array("l"))
    # Figures per unit, most first: the statistics page's unit facet and its series list.
    figure_units: list[tuple[str, int]] = field(default_factory=list)

    def dimension(self, name: str) -> Dimension:
        return self.dimensions[name]

    def day(self, article_id: int) -> int:
        """The article's date as a day number (date.toordinal), 0 when it has none."""
        return self.days[article_id] if article_id < len(self.days) else 0

    def year_counts(self, selection: BitMap) -> list[tuple[int, int]]:
        """(year, articles) for every year with some, newest first."""
        counts = [
            (year, bitmap.intersection_cardinality(selection))
            for year, bitmap in self.years.items()
        ]
        return sorted(((year, n) for year, n in counts if n), reverse=True)

    def month_counts(self, selection: BitMap) -> list[tuple[int, int, int]]:
        """(year, month, articles) for every month with some."""
        counts = [
            (*month, bitmap.intersection_cardinality(selection))
            for month, bitmap in self.months.items()
        ]
        return [row for row in counts if row[2]]


def build(stamp: datetime | None) -> FacetIndex:
    """Read the index off the database: the articles' dates, then one GROUP BY a dimension
    that hands back each value's article ids as one string (millions of mention rows would
    cost seconds as Python tuples)."""
    index = FacetIndex(stamp)
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    article_ids: list[int] = []
    days: dict[int, int] = {}
    # Only the id and date: narrow, read from the index on them, not from the wide rows.
    for article_id, published in Article.objects.order_by().values_list("id", "published"):
        article_ids.append(article_id)
        if published:
            months[(published.year, published.month)].append(article_id)
            days[article_id] = published.toordinal()
    index.everything = BitMap(article_ids)
    index.days = array("l", [0]) * (index.everything.max() + 1 if index.everything else 0)
    for article_id, day in days.items():
        index.days[article_id] = day
    index.months = {month: BitMap(ids) for month, ids in months.items()}
    years: dict[int, BitMap] = defaultdict(BitMap)
    for (year, _), bitmap in index.months.items():
        years[year] |= bitmap
    index.years = dict(years)
    index.figure_units = list(
        Statistic.objects.values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit")
        .values_list("unit", "n")
    )

    people, organizations = _labels(Person), _labels(Organization)
    index.dimensions = {
        "person": _dimension(PersonMention, "person_id", people),
        "organization": _dimension(OrganizationMention, "organization_id", organizations),
        "topic": _dimension(ArticleTopic, "topic_id", _labels(Topic)),
        "outlet": _dimension(Article, "outlet_id", organizations, article_column="id"),
        # A speaker is a person or an organization quoted; the facet lists people.
        "speaker": _dimension(Quote, "person_id", people),
        "speaking_organization": _dimension(Quote, "organization_id", organizations),
    }
    return index


def _labels(model) -> dict[int, tuple[str, str]]:
    return {pk: (slug, name) for pk, slug, name in model.objects.values_list("pk", "slug", "name")}


def _dimension(
    model, value_column: str, labels: dict[int, tuple[str, str]], article_column="article_id"
) -> Dimension:
    if connection.vendor == "postgresql":
        ids = f"string_agg({article_column}::text, ',')"
    else:
        ids = f"group_concat({article_column})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {value_column}, {ids} FROM {model._meta.db_table} "
            f"WHERE {value_column} IS NOT NULL GROUP BY {value_column}"
        )
        grouped = {
            value_id: bitmap_of(article_ids)
            for value_id, article_ids in cursor.fetchall()
            if value_id in labels
        }
    dimension = Dimension(
        articles_of=grouped, labels={value_id: labels[value_id] for value_id in grouped}
    )
    dimension.finish()
    return dimension


def bitmap_of(ids: str | None) -> BitMap:
    """Ids aggregated as comma-separated text (group_concat, string_agg) as a bitmap."""
    return BitMap(map(int, ids.split(","))) if ids else BitMap()


_lock = threading.Lock()
_current: FacetIndex | None = None
SHARED_SECONDS = 24 * 3600


def for_request(request) -> FacetIndex:
    """The index for a page, keyed on the change stamp the freshness middleware already read
    (articles/freshness.py), or read now where it did not run."""
    return current(getattr(request, "archive_changed", None))


def current(stamp: datetime | None = None) -> FacetIndex:
    """The index for the archive as of `stamp` (read from the database when not given).
    A process keeps the last one it used; after a change it takes the new one from the cache
    (Redis, shared by every worker and host) or, if nobody has yet, builds and shares it."""
    global _current
    if stamp is None:
        stamp = ArchiveChange.current()
    with _lock:
        if _current is None or _current.stamp != stamp:
            key = f"facet-index:{stamp.isoformat() if stamp else ''}"
            index = cache.get(key)
            if index is None:
                index = build(stamp)
                cache.set(key, index, SHARED_SECONDS)
            _current = index
        return _current
