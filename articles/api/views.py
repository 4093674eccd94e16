"""Read-only endpoints: a list (filtered, paginated) and a detail for each kind of record.

Articles, people, organizations and topics are addressed by slug; quotes and statistics by id.
Every list runs a constant number of queries whatever the page size.
"""

from django.db.models import F
from rest_framework import viewsets

from articles.api import filters, serializers
from articles.filters import (
    ArticleFilter,
    PersonIndexFilter,
    TopicIndexFilter,
)
from articles.models import (
    Article,
    Quote,
    Statistic,
)
from articles.querysets import (
    organizations_with_counts,
    people_with_counts,
    topics_with_counts,
)
from articles.views.data import article_prefetches


class BySlugViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class ArticleViewSet(BySlugViewSet):
    """Articles, newest first (by relevance when searching with `q`), with the filters, search
    and sorts of the /articles/ page. Each is the export schema's record."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter
    queryset = article_prefetches(Article.objects.select_related("outlet").defer("raw_text"))


class PersonViewSet(BySlugViewSet):
    """People named in the archive, by name (or by number of articles or quotes: `sort`)."""

    serializer_class = serializers.PersonSerializer
    filterset_class = PersonIndexFilter
    queryset = people_with_counts()


class OrganizationViewSet(BySlugViewSet):
    """Organizations named in the archive, outlets included."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    queryset = organizations_with_counts()


class TopicViewSet(BySlugViewSet):
    """The controlled vocabulary of topics."""

    serializer_class = serializers.TopicSerializer
    filterset_class = TopicIndexFilter
    queryset = topics_with_counts()


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Quotes, direct and reported, newest article first."""

    serializer_class = serializers.QuoteSerializer
    filterset_class = filters.QuoteFilter
    queryset = (
        Quote.objects.select_related("person", "organization", "article")
        .defer("article__body", "article__raw_text")
        .order_by(F("published").desc(nulls_last=True), "-article_id", "position")
    )


class StatisticViewSet(viewsets.ReadOnlyModelViewSet):
    """Figures cited in articles, value normalized, with unit and the year they refer to."""

    serializer_class = serializers.StatisticSerializer
    filterset_class = filters.StatisticApiFilter
    queryset = Statistic.objects.select_related("article").defer(
        "article__body", "article__raw_text"
    )
