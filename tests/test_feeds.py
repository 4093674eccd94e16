"""Atom feeds: well-formed XML with the expected entries, for the archive and each entity."""

import pytest
from django.urls import reverse
from lxml import etree

from articles.feeds import FEED_SIZE
from articles.models import Article, Organization, Person, Topic

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)  # raises if the XML is not well-formed


def entry_links(feed) -> list[str]:
    return feed.xpath("//a:entry/a:link[@rel='alternate']/@href", namespaces=ATOM)


def article_urls(articles) -> list[str]:
    return [f"http://testserver{article.get_absolute_url()}" for article in articles]


def test_archive_feed_lists_the_newest_articles(client, seeded):
    feed = parse_feed(client, reverse("articles:article-feed"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:title", namespaces=ATOM) == "ipnews: newest articles"
    newest = Article.objects.order_by("-published", "-published_time", "-id")[:FEED_SIZE]
    assert entry_links(feed) == article_urls(newest)
    for entry in feed.xpath("//a:entry", namespaces=ATOM):
        for required in ("a:id", "a:title", "a:updated", "a:published"):
            assert entry.findtext(required, namespaces=ATOM), required
    first = Article.objects.order_by("-published").first()
    (entry,) = [
        e
        for e in feed.xpath("//a:entry", namespaces=ATOM)
        if first.title in e.findtext("a:title", namespaces=ATOM)
    ]
    assert entry.findtext("a:published", namespaces=ATOM).startswith(first.published.isoformat())
    categories = set(entry.xpath("a:category/@term", namespaces=ATOM))
    assert categories == {topic.name for topic in first.topics.all()}


@pytest.mark.parametrize(
    ("model", "param", "url_name"),
    [
        (Person, "person", "articles:person-feed"),
        (Organization, "organization", "articles:organization-feed"),
        (Topic, "topic", "articles:topic-feed"),
    ],
)
def test_entity_feeds_hold_the_articles_of_the_filtered_list(
    client, seeded, model, param, url_name
):
    checked = 0
    for entity in model.objects.all():
        feed = parse_feed(client, reverse(url_name, args=[entity.slug]))
        assert entity.name in feed.findtext("a:title", namespaces=ATOM)
        listed = client.get(f"{reverse('articles:article-list')}?{param}={entity.slug}")
        assert entry_links(feed) == article_urls(listed.context["object_list"])
        checked += bool(entry_links(feed))
    assert checked


def test_unknown_entity_feed_is_404(client, seeded):
    assert client.get("/people/nobody-at-all/feed/").status_code == 404


def test_feed_costs_a_constant_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("articles:article-feed"))
    person = Person.objects.first()
    with django_assert_max_num_queries(5):  # the filter resolves the slug to an id first
        client.get(reverse("articles:person-feed", args=[person.slug]))
