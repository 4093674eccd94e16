"""sitemap.xml: an index of one sitemap a section (Django splits a section into pages of
50,000 URLs), so the sitemap scales with the archive."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Organization, Person, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, article):
        return article.updated_at


class EntitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    model: type

    def items(self):
        return self.model.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, entity):
        return entity.updated_at


class PersonSitemap(EntitySitemap):
    model = Person


class OrganizationSitemap(EntitySitemap):
    model = Organization


class TopicSitemap(EntitySitemap):
    model = Topic


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "articles:home",
            "articles:article-list",
            "articles:person-list",
            "articles:organization-list",
            "articles:topic-list",
            "articles:statistic-list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "topics": TopicSitemap,
}
