import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import facet_index
from articles.models import Article, Person
from tests.conftest import SEEDS

LIST = reverse("articles:article-list")
DEVSET = SEEDS.parent / "tests" / "fixtures" / "devset"


def listed_titles(response):
    return [article.title for article in response.context["object_list"]]


def test_list_shows_all_articles_newest_first(client, seeded):
    response = client.get(LIST)
    assert response.status_code == 200
    dates = [article.published for article in response.context["object_list"]]
    assert len(dates) == 5
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected_count"),
    [
        ("year=2023", 2),
        ("person=li-qiang", 2),
        ("speaker=daren-tang", 2),
        ("organization=world-intellectual-property-organization", 4),
        ("published_after=2020-01-01&published_before=2021-12-31", 2),
        ("month=2023-10", 1),
        ("year=2023&person=li-qiang&speaker=daren-tang", 1),
        ("person=nobody-at-all", 0),
        ("outlet=xinhua-news-agency", 1),
    ],
)
def test_filters_combine(client, seeded, query, expected_count):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert len(response.context["object_list"]) == expected_count


def test_topic_filter_lists_only_tagged_articles(client, seeded):
    topic = Article.objects.get(published="2020-12-16").topics.first()
    assert topic is not None
    response = client.get(f"{LIST}?topic={topic.slug}")
    listed = response.context["object_list"]
    assert listed
    assert all(article.topics.filter(pk=topic.pk).exists() for article in listed)


@pytest.mark.parametrize(
    "query",
    ["year=abc", "published_after=2023-13-45", "month=2023-1", "month=abcd-ef", "year=99999999"],
)
def test_bad_filter_values_give_400_not_500(client, seeded, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert b"could not be used" in response.content


@pytest.mark.parametrize("query", ["page=999999", "page=-1", "page=abc", "x=" + "a" * 10000])
def test_odd_query_strings_never_500(client, seeded, query):
    assert client.get(f"{LIST}?{query}").status_code == 200


def test_every_detail_page_renders(client, seeded):
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert article.title.encode() in response.content.replace(b"&#x27;", b"'")
    for person in Person.objects.all():
        assert client.get(person.get_absolute_url()).status_code == 200


def test_detail_page_links_entities_to_filtered_lists(client, seeded):
    article = Article.objects.get(published="2023-04-28")
    content = client.get(article.get_absolute_url()).content.decode()
    assert f"{LIST}?person=li-qiang" in content
    assert f"{LIST}?speaker=daren-tang" in content
    assert "?organization=world-intellectual-property-organization" in content
    assert "fontLarger" not in content.split("<details")[0]


def test_unknown_slug_is_404(client, seeded):
    assert (
        client.get(reverse("articles:article-detail", args=["no-such-article"])).status_code == 404
    )
    assert client.get(reverse("articles:person-detail", args=["no-such-person"])).status_code == 404


def test_home_leads_into_the_archive(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert LIST.encode() in response.content
    assert b"5 articles" in response.content


def test_large_counts_are_written_with_thousands_separators(client, seeded, monkeypatch):
    from django.db.models import QuerySet

    monkeypatch.setattr(QuerySet, "count", lambda queryset: 100000)
    assert b"100,000 articles, 100,000 people" in client.get("/").content


# change stamp, slugs to ids, page, the search's matches and scores, snippets; PostgreSQL reads
# the matches in a transaction of their own (BEGIN, SET LOCAL, COMMIT). The facet index is
# built once per change of the archive (test_facet_index.py), so it is warmed first here.
LIST_QUERY_BUDGET = 8


@pytest.mark.parametrize("query", ["", "?q=patent", "?year=2023&person=li-qiang"])
def test_list_query_count_does_not_grow_with_results(
    client, seeded, django_assert_max_num_queries, query
):
    facet_index.current()
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        client.get(LIST + query)
    call_command("import_articles", str(DEVSET), verbosity=0)
    assert Article.objects.count() > 20
    facet_index.current()
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client.get(LIST + query)
    assert response.status_code == 200


DETAIL_QUERY_BUDGET = 13  # stamp, article, 6 prefetches, related, previous, next (2 each at most)


def test_detail_query_count_does_not_grow(client, seeded, django_assert_max_num_queries):
    article = Article.objects.get(published="2021-11-09")
    facet_index.current()
    with django_assert_max_num_queries(DETAIL_QUERY_BUDGET):
        client.get(article.get_absolute_url())
    call_command("import_articles", str(DEVSET), verbosity=0)
    facet_index.current()
    with django_assert_max_num_queries(DETAIL_QUERY_BUDGET):
        response = client.get(article.get_absolute_url())
    assert response.context["related_articles"]


def test_quotes_and_figures_are_marked_in_the_text(client, seeded):
    article = Article.objects.get(published="2017-04-20")
    html = client.get(article.get_absolute_url()).content.decode()
    quote = article.quotes.filter(direct=True).first()
    assert f'id="quote-{quote.pk}"' in html
    assert 'class="speaker-tag" href="/people/shen-changyu/"' in html
    for statistic in article.statistics.all():
        assert f'id="statistic-{statistic.pk}"' in html


def test_previous_and_next_follow_publication_order(client, seeded):
    articles = list(Article.objects.order_by("published"))
    middle = client.get(articles[2].get_absolute_url()).context
    assert middle["previous_article"] == articles[1]
    assert middle["next_article"] == articles[3]
    first = client.get(articles[0].get_absolute_url()).context
    assert first["previous_article"] is None


def test_newest_articles_walk_an_index_instead_of_sorting_the_archive(db):
    """The home page and the unfiltered list read the newest articles in date order from an
    index; a plan that sorts every article (SQLite's "USE TEMP B-TREE FOR ORDER BY") took
    240 ms at 100,000 articles. Sorting the few rows of one day ("RIGHT PART") is fine."""
    from django.db import connection

    from articles.querysets import article_list_queryset

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans from table statistics, which a test database lacks")
    plan = article_list_queryset()[:8].explain()
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
