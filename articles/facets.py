"""Facet counts beside the article list, Datasette-style: for each choice, how many of the
current results it would leave, with a link that adds (or removes) it.

One GROUP BY query a facet, over the ids of the filtered results, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.http import QueryDict

from articles.models import (
    ArticleTopic,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    Topic,
)
from articles.querysets import QueryTimeout, time_limit, year_of

FACET_SIZE = 10


@dataclass
class FacetValue:
    label: str
    value: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    param: str
    title: str
    values: list[FacetValue] = field(default_factory=list)
    counted: bool = True  # False when the counting ran out of time


@dataclass
class Chip:
    param: str
    label: str
    remove_url: str


def with_param(query: QueryDict, param: str, value: str) -> str:
    """The list URL with `param=value` set and the page reset."""
    updated = query.copy()
    updated.pop("page", None)
    updated[param] = value
    return f"?{updated.urlencode()}"


def toggle_url(query: QueryDict, param: str, value: str) -> str:
    """The list URL with `param=value` set, or removed if it is already set."""
    updated = query.copy()
    updated.pop("page", None)
    if updated.get(param) == value:
        updated.pop(param)
    else:
        updated[param] = value
    encoded = updated.urlencode()
    return f"?{encoded}" if encoded else "?"


def _grouped(rows, slug_key: str, name_key: str) -> list[tuple[str, str, int]]:
    return [(str(row[slug_key]), str(row[name_key]), row["n"]) for row in rows if row[slug_key]]


FACETS = [
    ("year", "Year"),
    ("speaker", "Speakers"),
    ("person", "People"),
    ("organization", "Organizations"),
    ("topic", "Topics"),
    ("outlet", "Outlets"),
]
FACET_CACHE_SECONDS = 600
FACET_TIME_BUDGET_MS = 250


def facet_counts(results: QuerySet, whole_archive: bool) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) rows per facet. Over the whole archive, the counts kept on the
    entity rows; for a filtered selection, the mention rows of its articles, grouped."""
    ids = results.order_by().values("pk")

    def within(rows: QuerySet) -> QuerySet:
        return rows.filter(article__in=ids)

    years = (
        results.order_by()
        .annotate(y=year_of("published"))
        .values("y")
        .annotate(n=Count("pk"))
        .order_by("-y")
    )
    outlets = (
        results.order_by()
        .values("outlet__slug", "outlet__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "outlet__name")[:FACET_SIZE]
    )
    if whole_archive:
        return {
            "year": _grouped(years, "y", "y"),
            "speaker": _kept_counts(Person, "quoted_in"),
            "person": _kept_counts(Person, "mentioned_in"),
            "organization": _kept_counts(Organization, "mentioned_in"),
            "topic": _kept_counts(Topic, "mentioned_in"),
            "outlet": _grouped(outlets, "outlet__slug", "outlet__name"),
        }
    # A selection of tens of thousands of articles makes some counts slow: they share a time
    # budget, and those it does not reach are shown as not counted.
    counters = {
        "year": lambda: _grouped(years, "y", "y"),
        # A person is quoted several times in one article: count articles, not quotes.
        "speaker": lambda: _entity_counts(
            within(Quote.objects.filter(person__isnull=False)), "person", distinct=True
        ),
        # One mention per article and entity (unique constraints), so rows are articles.
        "person": lambda: _entity_counts(within(PersonMention.objects.all()), "person"),
        "organization": lambda: _entity_counts(
            within(OrganizationMention.objects.all()), "organization"
        ),
        "topic": lambda: _entity_counts(within(ArticleTopic.objects.all()), "topic"),
        "outlet": lambda: _grouped(outlets, "outlet__slug", "outlet__name"),
    }
    counts: dict[str, list | None] = dict.fromkeys(counters)
    try:
        with time_limit(FACET_TIME_BUDGET_MS):
            for param, count in counters.items():
                counts[param] = count()
    except QueryTimeout:
        pass  # what was counted in time stays; the rest shows as not counted
    return counts


def article_facets(
    results: QuerySet, query: QueryDict, whole_archive: bool = False, cache_key: str = ""
) -> list[Facet]:
    """Facets with their links. Counts depend only on the archive's state and the filters,
    so with a `cache_key` (which names both) they are computed once: paging through
    results, or a page cache miss, reuses them."""
    counts = cache.get(cache_key) if cache_key else None
    if counts is None:
        counts = facet_counts(results, whole_archive)
        if cache_key:
            cache.set(cache_key, counts, FACET_CACHE_SECONDS)
    facets = []
    for param, title in FACETS:
        facet = Facet(param, title, counted=counts[param] is not None)
        for value, label, count in counts[param] or []:
            facet.values.append(
                FacetValue(
                    label=label,
                    value=value,
                    count=count,
                    url=toggle_url(query, param, value),
                    selected=query.get(param) == value,
                )
            )
        facets.append(facet)
    return facets


def _kept_counts(model, column: str) -> list[tuple[str, str, int]]:
    """Over the whole archive, the counts kept on the entity rows (ArchiveCountsMixin)."""
    rows = model.objects.filter(**{f"{column}__gt": 0}).order_by(f"-{column}", "name")
    return [
        (slug, name, n) for slug, name, n in rows.values_list("slug", "name", column)[:FACET_SIZE]
    ]


def _entity_counts(rows: QuerySet, entity: str, distinct: bool = False):
    return _grouped(
        rows.values(f"{entity}__slug", f"{entity}__name")
        .annotate(n=Count("article_id", distinct=distinct))
        .order_by("-n", f"{entity}__name")[:FACET_SIZE],
        f"{entity}__slug",
        f"{entity}__name",
    )


CHIP_TITLES = {
    "q": "Search",
    "year": "Year",
    "month": "Month",
    "published_after": "From",
    "published_before": "Until",
    "person": "Person",
    "speaker": "Speaker",
    "organization": "Organization",
    "topic": "Topic",
    "outlet": "Outlet",
}


def active_chips(query: QueryDict, facets: list[Facet]) -> list[Chip]:
    """One removable chip per active filter, labelled with names from the facets."""
    names = {(f.param, v.value): v.label for f in facets for v in f.values}
    chips = []
    for param, title in CHIP_TITLES.items():
        value = query.get(param, "").strip()
        if not value:
            continue
        label = names.get((param, value)) or value.replace("-", " ")
        chips.append(Chip(param, f"{title}: {label}", toggle_url(query, param, value)))
    return chips
