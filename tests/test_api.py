"""The read-only JSON API: endpoints, filters, errors, pagination, schema, docs, throttling."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from articles.export import article_record
from articles.models import Article, Organization, Person, Quote, Statistic, Topic
from articles.views.data import article_prefetches

API = "/api"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with an empty request count, so the suite is never throttled."""
    cache.clear()
    yield
    cache.clear()


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_results(client, url):
    results = []
    while url:
        page = get_json(client, url)
        results += page["results"]
        url = page["next"]
    return results


def test_root_lists_the_endpoints(client, db):
    root = get_json(client, f"{API}/")
    assert set(root) == {"articles", "people", "organizations", "topics", "quotes", "statistics"}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "year=2023",
        "person=li-qiang",
        "speaker=daren-tang&sort=oldest",
        "q=patent",
        "published_after=2021-01-01&published_before=2023-12-31",
        "outlet=xinhua-news-agency",
    ],
)
def test_articles_filter_exactly_like_the_html_list(client, seeded, query):
    listed = client.get(f"{reverse('articles:article-list')}?{query}").context["object_list"]
    results = all_results(client, f"{API}/articles/?page_size=2&{query}")
    assert [record["slug"] for record in results] == [article.slug for article in listed]


def test_article_detail_is_the_export_record(client, seeded):
    article = article_prefetches(Article.objects.filter(outlet__isnull=False)).first()
    record = get_json(client, f"{API}/articles/{article.slug}/")
    expected = article_record(article)
    assert {key: record[key] for key in expected} == expected
    assert record["url"] == f"http://testserver{article.get_absolute_url()}"
    get_json(client, f"{API}/articles/no-such-article/", status=404)


def test_entities_by_slug_with_counts(client, seeded):
    person = Person.objects.get(slug="li-qiang")
    record = get_json(client, f"{API}/people/li-qiang/")
    assert record["name"] == person.name
    assert record["article_count"] == person.articles.count()
    assert record["quote_count"] == person.quotes.count()
    assert record["url"] == "http://testserver/people/li-qiang/"
    organization = Organization.objects.first()
    record = get_json(client, f"{API}/organizations/{organization.slug}/")
    assert record["article_count"] == organization.articles.count()
    topic = Topic.objects.first()
    assert get_json(client, f"{API}/topics/{topic.slug}/")["name"] == topic.name


def test_entity_lists_filter_and_sort(client, seeded):
    people = all_results(client, f"{API}/people/?sort=-quotes")
    counts = [person["quote_count"] for person in people]
    assert counts == sorted(counts, reverse=True)
    assert len(people) == Person.objects.count()
    named = all_results(client, f"{API}/people/?q=qiang")
    assert [person["slug"] for person in named] == ["li-qiang"]
    kinds = {org["kind"] for org in all_results(client, f"{API}/organizations/?kind=media")}
    assert kinds == {"media"}


def test_quotes_by_id_and_filtered_by_speaker(client, seeded):
    quotes = all_results(client, f"{API}/quotes/?speaker=daren-tang")
    assert len(quotes) == Quote.objects.filter(person__slug="daren-tang").count() > 0
    assert {quote["speaker"]["slug"] for quote in quotes} == {"daren-tang"}
    quote = Quote.objects.first()
    record = get_json(client, f"{API}/quotes/{quote.pk}/")
    assert record["text"] == quote.text
    assert record["article"]["slug"] == quote.article.slug
    direct = all_results(client, f"{API}/quotes/?direct=false")
    assert direct and not any(quote["direct"] for quote in direct)


def test_statistics_filter_by_unit_year_person_organization(client, seeded):
    statistic = Statistic.objects.exclude(unit="").first()
    results = all_results(client, f"{API}/statistics/?unit={statistic.unit}")
    assert len(results) == Statistic.objects.filter(unit=statistic.unit).count()
    assert {result["unit"] for result in results} == {statistic.unit}
    by_person = all_results(client, f"{API}/statistics/?person=li-qiang")
    expected = Statistic.objects.filter(article__persons__slug="li-qiang").distinct().count()
    assert len(by_person) == expected > 0
    org = "world-intellectual-property-organization"
    by_org = all_results(client, f"{API}/statistics/?organization={org}")
    assert len(by_org) == Statistic.objects.filter(article__organizations__slug=org).count()
    record = get_json(client, f"{API}/statistics/{statistic.pk}/")
    assert record["as_written"] == statistic.as_written
    assert isinstance(record["value"], int | float)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/articles/?year=abc", "year"),
        ("/articles/?month=2023-13", "month"),
        ("/articles/?sort=sideways", "sort"),
        ("/articles/?published_after=yesterday", "published_after"),
        ("/articles/?yaer=2023", "unknown_parameters"),
        ("/articles/?format=xml", "format"),
        ("/articles/?page=abc", "page"),
        ("/articles/?page=0", "page"),
        ("/organizations/?kind=spaceship", "kind"),
        ("/quotes/?direct=maybe", "direct"),
        ("/quotes/?year=2023.5", "year"),
        ("/statistics/?topic=no-such-topic", "topic"),
        ("/statistics/?value_min=lots", "value_min"),
        ("/people/?letter=%C3%84", "letter"),
    ],
)
def test_bad_requests_are_400_with_a_json_error(client, seeded, url, key):
    body = get_json(client, f"{API}{url}", status=400)
    assert key in body


def test_unknown_parameters_error_lists_the_allowed_ones(client, db):
    body = get_json(client, f"{API}/people/?nmae=li", status=400)
    assert body["unknown_parameters"] == ["nmae"]
    assert {"q", "letter", "sort", "page", "page_size"} <= set(body["allowed_parameters"])


def test_pagination_links_and_limits(client, seeded):
    first = get_json(client, f"{API}/quotes/?page_size=5")
    assert first["count"] == Quote.objects.count()
    assert len(first["results"]) == 5 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/quotes/?")
    second = get_json(client, first["next"])
    assert second["previous"].startswith("http://testserver/api/quotes/?")
    capped = get_json(client, f"{API}/quotes/?page_size=100000")
    assert len(capped["results"]) == min(100, Quote.objects.count())
    get_json(client, f"{API}/quotes/?page=9999", status=404)


@pytest.mark.parametrize(
    "endpoint", ["articles", "people", "organizations", "quotes", "statistics"]
)
def test_list_queries_do_not_grow_with_the_page(client, seeded, endpoint):
    from django.db import connection

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            get_json(client, f"{API}/{endpoint}/?page_size={page_size}")
        return len(captured)

    assert queries(1) == queries(100)


def test_schema_is_valid_openapi(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # raises on an invalid document
    paths = set(schema["paths"])
    for name in ("articles", "people", "organizations", "topics", "quotes", "statistics"):
        assert f"/api/{name}/" in paths
    assert "/api/articles/{slug}/" in paths and "/api/quotes/{id}/" in paths
    year = next(
        p for p in schema["paths"]["/api/articles/"]["get"]["parameters"] if p["name"] == "year"
    )
    assert year["in"] == "query"


def test_schema_endpoint_serves_json_and_yaml(client, db):
    assert client.get(f"{API}/schema/?format=json").json()["openapi"].startswith("3.")
    assert client.get(f"{API}/schema/").content.startswith(b"openapi: 3.")


def test_docs_load_nothing_from_outside(client, db):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise ask validator.swagger.io
    for asset in re.findall(r"""(?:src|href)="/static/([^"]+)""", html):
        assert finders.find(asset), asset  # shipped by drf-spectacular-sidecar


def test_clients_beyond_the_rate_limit_get_429(client, db, settings):
    # Rates are counted in the cache; the test settings have none by default.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"}
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "3/minute"},
    }
    statuses = [client.get(f"{API}/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in client.get(f"{API}/topics/")
    other = client.get(f"{API}/topics/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200  # the limit is per client


def test_rate_limit_none_switches_it_off(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    assert all(client.get(f"{API}/topics/").status_code == 200 for _ in range(20))


def test_api_is_read_only(client, seeded):
    article = Article.objects.first()
    assert client.post(f"{API}/articles/", {}).status_code in (403, 405)
    assert client.delete(f"{API}/articles/{article.slug}/").status_code in (403, 405)
    assert Article.objects.filter(pk=article.pk).exists()
