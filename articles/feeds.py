"""Atom feeds: the newest articles of the whole archive, and of one person, organization or
topic. The entity feeds filter with ArticleFilter, so a feed holds exactly the articles the
list page shows for `?person=<slug>` (and so on)."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from articles.filters import ArticleFilter
from articles.models import Article, Organization, Person, Topic

FEED_SIZE = 30
SUMMARY_WORDS = 60


def feed_articles(**filters):
    queryset = Article.objects.select_related("outlet").defer("raw_text").prefetch_related("topics")
    if filters:
        queryset = ArticleFilter(filters, queryset=queryset).qs
    return queryset.order_by("-published", "-published_time", "-id")[:FEED_SIZE]


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "ipnews: newest articles"
    subtitle = "News coverage about China and intellectual property."
    # Atom wants an author for every entry; entries without a byline or outlet inherit this.
    author_name = "ipnews archive"

    def link(self):
        return reverse("articles:article-list")

    def items(self):
        return feed_articles()

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        first = article.paragraphs[0] if article.paragraphs else ""
        return Truncator(first).words(SUMMARY_WORDS)

    def item_pubdate(self, article):
        if article.published is None:
            return article.created_at
        moment = datetime.datetime.combine(
            article.published, article.published_time or datetime.time()
        )
        return timezone.make_aware(moment, datetime.UTC)

    def item_updateddate(self, article):
        return max(article.updated_at, self.item_pubdate(article))

    def item_author_name(self, article):
        return article.byline or (article.outlet.name if article.outlet else None)

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]


class EntityFeed(ArticleFeed):
    """The newest articles about one entity; `filter_param` is the list page's filter."""

    model: type
    filter_param: str

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, entity):
        return f"ipnews: {entity.name}"

    def subtitle(self, entity):
        return f"Newest articles in the ipnews archive about {entity.name}."

    def link(self, entity):
        return entity.get_absolute_url()

    def items(self, entity):
        return feed_articles(**{self.filter_param: entity.slug})


class PersonFeed(EntityFeed):
    model = Person
    filter_param = "person"


class OrganizationFeed(EntityFeed):
    model = Organization
    filter_param = "organization"


class TopicFeed(EntityFeed):
    model = Topic
    filter_param = "topic"
