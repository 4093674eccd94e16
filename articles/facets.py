"""Facet counts beside the article list, Datasette-style: for each choice, how many of the
current results it would leave, with a link that adds (or removes) it.

Counted on the facet index (articles/facet_index.py): an intersection of bitmaps a value, so
a facet over 80,000 results costs what one over 80 does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import QueryDict
from pyroaring import BitMap

from articles.facet_index import FacetIndex

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


FACETS = [
    ("year", "Year"),
    ("speaker", "Speakers"),
    ("person", "People"),
    ("organization", "Organizations"),
    ("topic", "Topics"),
    ("outlet", "Outlets"),
]
# The filters the facet index answers by itself; the others (the search, month and date
# range) are run in SQL and their ids intersected with the rest.
INDEXED_FILTERS = ("year", "person", "speaker", "organization", "topic", "outlet")


def selected_articles(
    index: FacetIndex, filters: dict[str, object], matching_in_sql: QuerySet | None = None
) -> BitMap:
    """The ids of the articles the `filters` select (ArticleFilter's cleaned values).
    `matching_in_sql` is the same archive narrowed by the filters the index can't answer."""
    selected = index.everything
    for name, value in filters.items():
        if name == "year":
            selected = selected & index.years.get(int(value), BitMap())
        elif name == "speaker":
            speaking = index.dimension("speaker").articles(str(value))
            selected = selected & (
                speaking | index.dimension("speaking_organization").articles(str(value))
            )
        elif name in INDEXED_FILTERS:
            selected = selected & index.dimension(name).articles(str(value))
    if matching_in_sql is not None and selected:
        selected = selected & BitMap(matching_in_sql.order_by().values_list("pk", flat=True))
    return selected


def facet_counts(index: FacetIndex, selection: BitMap) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) rows per facet: the articles of `selection` each value has."""
    counts = {"year": [(str(year), str(year), n) for year, n in index.year_counts(selection)]}
    for param in ("speaker", "person", "organization", "topic", "outlet"):
        counts[param] = index.dimension(param).top(selection, FACET_SIZE)
    return counts


def article_facets(index: FacetIndex, selection: BitMap, query: QueryDict) -> list[Facet]:
    """Facets with their links (a link adds the value to the filters, or removes it)."""
    counts = facet_counts(index, selection)
    facets = []
    for param, title in FACETS:
        facet = Facet(param, title)
        for value, label, count in counts[param]:
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
