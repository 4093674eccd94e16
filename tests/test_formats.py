"""The article list as JSON and CSV: exactly the HTML page's rows, every row in the CSV;
a person's quotes as files; and the machine-facing views (healthz, robots.txt, sitemap,
the article page's meta tags)."""

import csv
import io
import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.generic import ListView
from lxml import etree

from articles import facet_index
from articles.models import Article, Person, Quote, Topic
from articles.views.archive import ArticleDetailView, ArticleListView
from articles.views.data import DataFormatsMixin, csv_cell
from tests.conftest import REPO

LIST = reverse("articles:article-list")
DEVSET = REPO / "tests" / "fixtures" / "devset"


@pytest.fixture
def archive(seeded):
    """The seeds and the dev set: 25 articles, enough for several pages."""
    call_command("import_articles", str(DEVSET), verbosity=0)


def html_slugs(client, query: str) -> list[str]:
    """Every article the HTML list shows for `query`, page after page."""
    slugs, page = [], 1
    while True:
        response = client.get(f"{LIST}?{query}&page={page}")
        assert response.status_code == 200
        slugs += [article.slug for article in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return slugs
        page += 1


def json_slugs(client, query: str) -> list[str]:
    """Every article of the JSON form, following its `next` links."""
    slugs, url = [], f"{LIST}?{query}&format=json"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        payload = response.json()
        slugs += [record["slug"] for record in payload["results"]]
        url = payload["next"]
    return slugs


def csv_rows(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


FILTERS = [
    "",
    "year=2023",
    "person=li-qiang",
    "speaker=daren-tang",
    "organization=world-intellectual-property-organization",
    "published_after=2021-01-01&sort=oldest",
    "q=patent",
    "q=intellectual property&sort=newest",
    "q=patent&year=2022",
    "topic={topic}",
    "person=nobody-at-all",
]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 3)


def test_json_and_csv_hold_exactly_the_rows_of_the_html_list(client, archive, small_pages):
    # One test for all the filters: importing the dev set is the slow part.
    topic = Topic.objects.annotate(n=Count("article_links")).order_by("-n").first()
    seen_results = 0
    for template in FILTERS:
        query = template.format(topic=topic.slug)
        expected = html_slugs(client, query)
        assert json_slugs(client, query) == expected, query
        rows = csv_rows(client.get(f"{LIST}?{query}&format=csv"))
        assert [row["slug"] for row in rows] == expected, query
        seen_results += bool(expected)
    assert seen_results >= len(FILTERS) - 1  # only `nobody-at-all` matches nothing


def test_csv_streams_every_row_not_one_page(client, archive, small_pages):
    total = Article.objects.count()
    page = client.get(f"{LIST}?format=json").json()
    assert len(page["results"]) == 3
    assert page["count"] == total
    rows = csv_rows(client.get(f"{LIST}?format=csv"))
    assert len(rows) == total > 3
    assert {row["slug"] for row in rows} == set(Article.objects.values_list("slug", flat=True))


def test_csv_rows_are_flat_records(client, seeded):
    response = client.get(f"{LIST}?format=csv&person=li-qiang&year=2023&month=2023-04")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="articles.csv"' in response["Content-Disposition"]
    (row,) = csv_rows(response)
    article = Article.objects.get(slug=row["slug"])
    assert row["title"] == article.title
    assert row["published"] == article.published.isoformat()
    assert row["outlet"] == article.outlet.name
    assert "Li Qiang" in row["persons"].split("; ")
    assert "Daren Tang" in row["speakers"].split("; ")
    assert int(row["quotes"]) == article.quotes.count()
    assert row["url"] == f"http://testserver{article.get_absolute_url()}"


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(-5) == "-5"
    assert csv_cell(["a", "b"]) == "a; b"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true"


def test_json_records_follow_the_export_schema_with_facets_and_links(client, archive):
    payload = client.get(f"{LIST}?format=json&year=2023").json()
    assert payload["count"] == len(payload["results"]) > 0
    record = payload["results"][0]
    article = Article.objects.get(slug=record["slug"])
    assert record["body"] == article.body
    assert record["url"] == f"http://testserver{article.get_absolute_url()}"
    assert {"persons", "speakers", "organizations", "quotes", "statistics", "topics"} <= set(record)
    facets = {facet["param"]: facet for facet in payload["facets"]}
    assert {"year", "person", "speaker", "organization", "topic", "outlet"} <= set(facets)
    year = facets["year"]["values"][0]
    assert year["value"] == "2023" and year["selected"] and year["count"] == payload["count"]
    assert year["url"].startswith("http://testserver/articles/?")
    assert "format=json" in year["url"]


def test_json_next_and_previous_are_absolute_links(client, archive, small_pages):
    first = client.get(f"{LIST}?format=json&sort=oldest").json()
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/articles/?")
    second = client.get(first["next"]).json()
    assert second["page"] == 2
    assert second["previous"].startswith("http://testserver/articles/?")
    assert "sort=oldest" in second["next"]


def test_json_page_costs_the_same_queries_whatever_its_size(client, archive, monkeypatch):
    def queries(page_size):
        monkeypatch.setattr(ArticleListView, "paginate_by", page_size)
        from django.db import connection

        facet_index.current()  # built once per change of the archive, not per page

        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{LIST}?format=json").status_code == 200
        return len(captured)

    assert queries(2) == queries(25)


def test_csv_costs_a_constant_number_of_queries_per_chunk(
    client, archive, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        rows = csv_rows(client.get(f"{LIST}?format=csv"))
    assert len(rows) == Article.objects.count()


@pytest.mark.parametrize("value", ["xml", "JSON", "html5", "a" * 500])
def test_unknown_format_is_400_with_a_json_error(client, seeded, value):
    response = client.get(f"{LIST}?format={value}")
    assert response.status_code == 400
    assert response.json()["formats"] == ["html", "json", "csv"]


@pytest.mark.parametrize("data_format", ["json", "csv"])
@pytest.mark.parametrize("query", ["year=abc", "month=2023-13", "published_after=nope"])
def test_invalid_filters_in_json_and_csv_are_400_with_the_errors(
    client, seeded, data_format, query
):
    response = client.get(f"{LIST}?{query}&format={data_format}")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert query.split("=")[0] in errors


def test_html_format_and_the_page_link_to_the_data(client, seeded):
    response = client.get(f"{LIST}?format=html&year=2023")
    assert response.status_code == 200
    content = response.content.decode()
    assert "format=json" in content and "format=csv" in content
    assert "year=2023" in content.split("format=csv")[0].rsplit("href=", 1)[1]


# A person's quotes


def test_person_quotes_as_csv_and_json(client, seeded):
    person = Person.objects.annotate(n=Count("quotes")).order_by("-n").first()
    rows = csv_rows(client.get(f"/people/{person.slug}/quotes.csv"))
    assert len(rows) == person.quotes.count() > 0
    texts = set(person.quotes.values_list("text", flat=True))
    assert {row["text"] for row in rows} == texts
    assert all(row["article_url"].startswith("http://testserver/articles/") for row in rows)
    payload = client.get(f"/people/{person.slug}/quotes.json").json()
    assert payload["person"]["slug"] == person.slug
    assert payload["count"] == len(payload["quotes"]) == len(rows)
    assert {quote["text"] for quote in payload["quotes"]} == texts


def test_quotes_of_an_unknown_person_are_404(client, seeded):
    assert client.get("/people/nobody-at-all/quotes.csv").status_code == 404


# Machines: healthz, robots.txt, sitemap


def test_healthz_answers_after_asking_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(client, db):
    with mock.patch("articles.views.data.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_robots_txt_allows_crawling_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_article_with_lastmod_and_the_entities(client, seeded):
    index = etree.fromstring(client.get("/sitemap.xml").content)
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert "http://testserver/sitemap-articles.xml" in sections
    locations = {}
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200
        tree = etree.fromstring(response.content)
        for url in tree.xpath("//sm:url", namespaces=SITEMAP_NS):
            loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
            locations[loc] = url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
    for article in Article.objects.all():
        assert locations[f"http://testserver{article.get_absolute_url()}"]  # with a lastmod
    for person in Person.objects.all():
        assert f"http://testserver{person.get_absolute_url()}" in locations
    for topic in Topic.objects.all():
        assert f"http://testserver{topic.get_absolute_url()}" in locations
    assert "http://testserver/articles/" in locations


def test_sitemap_costs_a_constant_number_of_queries(client, archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/sitemap-articles.xml").status_code == 200


# The article page's meta tags (templates/articles/_meta.html)


def render_meta(rf, article) -> str:
    request = rf.get(article.get_absolute_url())
    article = ArticleDetailView(request=request, kwargs={"slug": article.slug}).get_object()
    return render_to_string("articles/_meta.html", {"article": article}, request=request)


def test_meta_gives_canonical_opengraph_and_news_article_json_ld(rf, seeded):
    article = Article.objects.filter(outlet__isnull=False).order_by("published").first()
    html = render_meta(rf, article)
    canonical = f"http://testserver{article.get_absolute_url()}"
    tree = etree.fromstring(f"<head>{html}</head>", etree.HTMLParser())
    assert tree.xpath("//link[@rel='canonical']/@href") == [canonical]
    og = {m.get("property"): m.get("content") for m in tree.xpath("//meta[@property]")}
    assert og["og:type"] == "article"
    assert og["og:url"] == canonical
    assert og["og:title"] == article.title
    (script,) = tree.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert data["@type"] == "NewsArticle"
    assert data["name"] == article.title
    assert data["url"] == canonical
    assert data["datePublished"].startswith(article.published.isoformat())
    assert data["publisher"]["name"] == article.outlet.name
    assert set(data["keywords"]) == {topic.name for topic in article.topics.all()}
    assert {m["name"] for m in data["mentions"]} == {p.name for p in article.persons.all()}


def test_json_ld_stays_valid_and_inert_whatever_the_title(rf, seeded):
    article = Article.objects.first()
    article.title = '"</script><script>alert(1)</script>\\ \u2028 & done'
    article.save()
    html = render_meta(rf, article)
    assert "</script><script>" not in html
    tree = etree.fromstring(f"<head>{html}</head>", etree.HTMLParser())
    (script,) = tree.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(script)["name"] == article.title


def test_base_template_links_the_archive_feed(client, seeded):
    content = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in content
    assert 'href="/feeds/articles/"' in content


# The mixin on any list view


class QuotesData(DataFormatsMixin, ListView):
    paginate_by = 2

    def get_queryset(self):
        return (
            Quote.objects.select_related("article", "person")
            .defer("text")
            .annotate(article_year=ExtractYear("article__published"))
            .order_by("pk")
        )


def test_mixin_gives_any_list_view_json_and_csv(rf, seeded, django_assert_max_num_queries):
    view = QuotesData.as_view()
    with django_assert_max_num_queries(2):
        payload = json.loads(view(rf.get("/quotes/?format=json")).content)
    assert payload["count"] == Quote.objects.count() and len(payload["results"]) == 2
    first = payload["results"][0]
    quote = Quote.objects.order_by("pk").first()
    assert first["article"] == quote.article.slug  # a loaded relation: its slug
    assert first["organization"] is None  # not loaded: its id
    assert first["article_year"] == quote.article.published.year  # annotations too
    assert "text" not in first and "curated" not in first  # deferred, internal
    with django_assert_max_num_queries(1):
        rows = csv_rows(view(rf.get("/quotes/?format=csv")))
    assert len(rows) == Quote.objects.count()
    assert view(rf.get("/quotes/?format=pdf")).status_code == 400


@pytest.mark.parametrize("path", ["/people/", "/organizations/", "/topics/", "/statistics/"])
def test_index_pages_offer_json_and_csv_of_their_rows(client, seeded, path):
    html = client.get(path + "?sort=name" if path != "/statistics/" else path).content.decode()
    assert "format=json" in html and "format=csv" in html
    data = client.get(path, {"format": "json"})
    assert data.status_code == 200
    assert data.json()["count"] == len(data.json()["results"]) or data.json()["next"]
    rows = csv_rows(client.get(path, {"format": "csv"}))
    assert len(rows) == data.json()["count"]
    assert client.get(path, {"format": "xml"}).status_code == 400


def test_quote_list_html_json_and_csv_agree(client, seeded):
    html = client.get("/quotes/", {"speaker": "li-qiang"})
    assert html.status_code == 200
    listed = list(html.context["object_list"])
    assert listed and all(quote.person.slug == "li-qiang" for quote in listed)
    assert f'href="{listed[0].get_absolute_url()}"' in html.content.decode()
    data = client.get("/quotes/", {"speaker": "li-qiang", "format": "json"}).json()
    assert data["count"] == html.context["paginator"].count
    rows = csv_rows(client.get("/quotes/", {"speaker": "li-qiang", "format": "csv"}))
    assert len(rows) == data["count"]
    assert client.get("/quotes/", {"direct": "maybe"}).status_code == 400
