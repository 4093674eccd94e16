"""The facet index (bitmaps of article ids) must count exactly what SQL counts."""

import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse
from pyroaring import BitMap

from articles import facet_index
from articles.facet_index import Dimension
from articles.filters import ArticleFilter
from articles.models import Article, ArticleTopic, OrganizationMention, PersonMention, Quote
from tests.test_entities import DEVSET

LIST = reverse("articles:article-list")
BUILD_QUERIES = 11  # article dates, figure units, three label tables, six dimensions


def _dimension(values: dict[str, list[int]]) -> Dimension:
    dimension = Dimension(
        articles_of={i: BitMap(ids) for i, ids in enumerate(values.values())},
        labels={i: (slug, slug.title()) for i, slug in enumerate(values)},
    )
    dimension.finish()
    return dimension


def test_top_values_are_the_largest_intersections_ties_by_name():
    dimension = _dimension(
        {"big": list(range(100)), "even": list(range(0, 100, 2)), "b": [1, 2], "a": [3, 4]}
    )
    assert dimension.top(BitMap(range(10)), 3) == [
        ("big", "Big", 10),
        ("even", "Even", 5),
        ("a", "A", 2),  # ties with "b" on 2, and comes first by name
    ]
    assert dimension.top(BitMap(range(10)), 2, exclude="big") == [
        ("even", "Even", 5),
        ("a", "A", 2),
    ]
    assert dimension.top(BitMap([500]), 3) == []


def test_top_values_agree_with_counting_everything():
    rng = random.Random(7)
    values = {f"v{i:03}": rng.sample(range(2000), rng.randint(1, 400)) for i in range(300)}
    dimension = _dimension(values)
    for _ in range(20):
        selection = BitMap(rng.sample(range(2000), rng.randint(1, 2000)))
        everything = sorted(
            ((slug, slug.title(), len(selection & BitMap(ids))) for slug, ids in values.items()),
            key=lambda row: (-row[2], row[1]),
        )
        assert dimension.top(selection, 10) == [row for row in everything if row[2]][:10]


def _sql_counts(articles) -> dict[str, dict[str, int]]:
    """The facet counts as SQL groups them: articles per value."""

    def grouped(rows, key):
        return {
            row[key]: row["n"]
            for row in rows.filter(article__in=articles)
            .values(key)
            .annotate(n=Count("article", distinct=True))
        }

    return {
        "year": {
            str(year): n
            for year, n in articles.values_list("published__year")
            .annotate(n=Count("pk"))
            .values_list("published__year", "n")
            if year
        },
        "person": grouped(PersonMention.objects, "person__slug"),
        "speaker": grouped(Quote.objects.filter(person__isnull=False), "person__slug"),
        "organization": grouped(OrganizationMention.objects, "organization__slug"),
        "topic": grouped(ArticleTopic.objects, "topic__slug"),
        "outlet": {
            slug: n
            for slug, n in articles.values_list("outlet__slug")
            .annotate(n=Count("pk"))
            .values_list("outlet__slug", "n")
            if slug
        },
    }


FILTER_CASES = [
    {},
    {"year": "2023"},
    {"person": "li-qiang"},
    {"speaker": "daren-tang"},
    {"speaker": "world-intellectual-property-organization"},
    {"topic": "patents"},
    {"q": "patent"},
    {"q": "cooperation", "year": "2023"},
    {"month": "2021-11"},
    {"published_after": "2020-01-01", "published_before": "2021-12-31"},
    {"outlet": "nobody-at-all"},
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: "&".join(f) or "none")
def test_list_counts_and_facets_match_sql(client, seeded, filters):
    response = client.get(LIST, filters)
    assert response.status_code == 200
    articles = ArticleFilter(filters, queryset=Article.objects.all()).matching
    assert response.context["paginator"].count == articles.count()
    expected = _sql_counts(articles)
    for facet in response.context["facets"]:
        shown = {value.value: value.count for value in facet.values}
        truth = expected[facet.param]
        assert len(shown) == min(len(truth), 10 if facet.param != "year" else len(truth))
        assert all(truth[value] == n for value, n in shown.items()), facet.param
        # nothing left out counts more than the last value shown
        if shown and len(truth) > len(shown):
            assert max(n for value, n in truth.items() if value not in shown) <= min(shown.values())


def test_the_index_follows_a_change_to_the_archive(client, seeded):
    before = client.get(LIST, {"year": "2023"}).context["paginator"].count
    article = Article.objects.filter(published__year=2023).first()
    article.published = date(2019, 5, 5)
    article.save()  # an admin edit: the change stamp moves, the index is rebuilt
    assert client.get(LIST, {"year": "2023"}).context["paginator"].count == before - 1
    assert client.get(LIST, {"year": "2019"}).context["paginator"].count >= 1


def test_the_index_is_built_in_a_fixed_number_of_queries(seeded, django_assert_num_queries):
    with django_assert_num_queries(BUILD_QUERIES):
        facet_index.build(None)
    call_command("import_articles", str(DEVSET), verbosity=0)
    with django_assert_num_queries(BUILD_QUERIES):
        facet_index.build(None)


def test_the_index_is_rebuilt_only_when_the_archive_changes(seeded, django_assert_num_queries):
    first = facet_index.current()
    with django_assert_num_queries(1):  # only the change stamp is read
        assert facet_index.current() is first
    article = Article.objects.first()
    article.save()
    assert facet_index.current() is not first


def test_a_speaker_filter_takes_people_and_organizations(seeded):
    index = facet_index.current()
    quoted = Quote.objects.filter(
        Q(person__slug="daren-tang") | Q(organization__slug="daren-tang")
    ).values_list("article_id", flat=True)
    assert set(index.dimension("speaker").articles("daren-tang")) == set(quoted)


def test_another_worker_loads_the_built_index_from_the_cache(
    seeded, settings, django_assert_num_queries, monkeypatch
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"}
    }
    monkeypatch.setattr(facet_index, "_current", None)
    built = facet_index.current()
    monkeypatch.setattr(facet_index, "_current", None)  # as in a process that has none yet
    with django_assert_num_queries(1):  # the change stamp; the index comes from the cache
        shared = facet_index.current()
    assert shared is not built
    assert shared.everything == built.everything
    assert shared.dimension("person").top(shared.everything, 3) == built.dimension("person").top(
        built.everything, 3
    )


def test_an_import_leaves_the_index_built(db, monkeypatch):
    monkeypatch.setattr(facet_index, "_current", None)
    call_command("import_articles", str(DEVSET), verbosity=0)
    assert facet_index._current is not None
    assert len(facet_index._current.everything) == Article.objects.count()
