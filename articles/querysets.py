"""Querysets and expressions shared by the public views, the API and the admin."""

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import (
    Article,
    ArticleTopic,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    Topic,
)


def article_list_queryset() -> QuerySet:
    """Articles as lists show them: with their outlet, without the heavy text columns."""
    return Article.objects.select_related("outlet").defer("raw_text", "body")


def count_of(rows: QuerySet, field: str) -> Coalesce:
    """How many of `rows` point at each outer row through `field`: a correlated COUNT
    subquery rather than a join, so several counts never multiply each other."""
    counted = (
        rows.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def refresh_counts() -> None:
    """Recount how many articles mention and quote each person, organization and topic
    (see ArchiveCountsMixin): three UPDATEs with correlated subqueries, whatever the size."""
    Person.objects.update(
        mentioned_in=count_of(PersonMention.objects.all(), "person"),
        quoted_in=_articles_quoting("person"),
    )
    Organization.objects.update(
        mentioned_in=count_of(OrganizationMention.objects.all(), "organization"),
        quoted_in=_articles_quoting("organization"),
    )
    Topic.objects.update(mentioned_in=count_of(ArticleTopic.objects.all(), "topic"))


def _articles_quoting(field: str) -> Coalesce:
    """Articles (not quotes) in which the entity is quoted: one article may quote it often."""
    counted = (
        Quote.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def people_with_counts() -> QuerySet:
    """People with the articles that mention them (kept on the row) and their quotes."""
    return Person.objects.annotate(
        article_count=F("mentioned_in"), quote_count=count_of(Quote.objects, "person")
    ).order_by("name", "pk")


def organizations_with_counts() -> QuerySet:
    return Organization.objects.annotate(
        article_count=F("mentioned_in"), quote_count=count_of(Quote.objects, "organization")
    ).order_by("name", "pk")


def topics_with_counts() -> QuerySet:
    return Topic.objects.annotate(article_count=F("mentioned_in")).order_by("name", "pk")
