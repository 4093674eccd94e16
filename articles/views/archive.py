"""Thin views: the querysets and the FilterSet do the work."""

from collections import Counter

from django.db.models import F, Prefetch
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from articles import facet_index
from articles.facets import (
    INDEXED_FILTERS,
    active_chips,
    article_facets,
    selected_articles,
    with_param,
)
from articles.filters import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, ArticleFilter
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
from articles.querysets import article_list_queryset
from articles.rendering import marked_paragraphs
from articles.search import attach_snippets
from articles.views.data import ArticleDataFormatsMixin
from articles.views.entities import timeline_chart
from articles.views.mixins import InvalidFilterIs400Mixin, LastPageMixin

LIST_PAGE_SIZE = 20


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            article_count=Article.objects.count(),
            person_count=Person.objects.count(),
            organization_count=Organization.objects.count(),
            recent_articles=article_list_queryset()[:8],
            # Counts kept on the rows (ArchiveCountsMixin): no grouping of mention tables.
            top_speakers=Person.objects.filter(quoted_in__gt=0)
            .annotate(n=F("quoted_in"))
            .order_by("-n", "name")[:8],
            top_organizations=Organization.objects.filter(mentioned_in__gt=0)
            .annotate(n=F("mentioned_in"))
            .order_by("-n", "name")[:8],
            top_topics=Topic.objects.filter(mentioned_in__gt=0)
            .annotate(n=F("mentioned_in"))
            .order_by("-n", "name")[:8],
        )
        index = facet_index.current(getattr(self.request, "archive_changed", None))
        context["timeline"] = timeline_chart(index, index.everything, "in the archive")
        if index.years:
            latest_year = max(index.years)
            context["latest_year_timeline"] = timeline_chart(
                index, index.years[latest_year], f"published in {latest_year}"
            )
        return context


class ArticleListView(ArticleDataFormatsMixin, InvalidFilterIs400Mixin, LastPageMixin, FilterView):
    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return article_list_queryset()

    @cached_property
    def active_filters(self) -> dict[str, object]:
        if not (self.filterset.is_bound and self.filters_valid):
            return {}
        return {
            name: value
            for name, value in self.filterset.form.cleaned_data.items()
            if name != "sort" and value not in (None, "")
        }

    @cached_property
    def facet_index(self) -> facet_index.FacetIndex:
        return facet_index.current(getattr(self.request, "archive_changed", None))

    @cached_property
    def selection(self):
        """The ids of every matching article, from the facet index; the filters it can't
        answer (search, month, date range) are run in SQL for their ids."""
        in_sql = {
            name: self.request.GET[name]
            for name in self.active_filters
            if name not in INDEXED_FILTERS and name in self.request.GET
        }
        matching_in_sql = (
            ArticleFilter(in_sql, queryset=Article.objects.all()).matching if in_sql else None
        )
        return selected_articles(self.facet_index, self.active_filters, matching_in_sql)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The index already knows how many articles match: no COUNT over the filtered rows.
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.filters_valid:
            paginator.count = len(self.selection)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.filters_valid
        context["facets"] = (
            article_facets(self.facet_index, self.selection, self.request.GET) if valid else []
        )
        context["chips"] = active_chips(self.request.GET, context["facets"])
        searching = (
            self.filterset.is_bound and valid and bool(self.filterset.form.cleaned_data.get("q"))
        )
        context["searching"] = searching
        current = self.request.GET.get("sort") or (SORT_RELEVANCE if searching else SORT_NEWEST)
        context["sort_links"] = [
            (label, with_param(self.request.GET, "sort", value), value == current)
            for value, label in (
                (SORT_RELEVANCE, "relevance"),
                (SORT_NEWEST, "newest"),
                (SORT_OLDEST, "oldest"),
            )
            if searching or value != SORT_RELEVANCE
        ]
        if searching:
            attach_snippets(context["object_list"], self.filterset.form.cleaned_data["q"])
        return context


class ArticleDetailView(DetailView):
    model = Article
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.select_related("outlet").prefetch_related(
            Prefetch("person_mentions", PersonMention.objects.select_related("person")),
            Prefetch(
                "organization_mentions", OrganizationMention.objects.select_related("organization")
            ),
            Prefetch("quotes", Quote.objects.select_related("person", "organization")),
            "statistics",
            "topic_links__topic",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["marked_paragraphs"] = marked_paragraphs(
            article, article.quotes.all(), article.statistics.all()
        )
        context["related_articles"] = related_articles(article)
        context["previous_article"], context["next_article"] = neighbours_by_date(article)
        return context


RELATED_COUNT = 5
# Only the newest links of a very common person or topic are weighed, so the cost of
# "related" stays flat however large the archive grows.
RELATED_CANDIDATE_LIMIT = 500


def related_articles(article: Article) -> list[Article]:
    """Articles sharing the most people (weighted 2) and topics (weighted 1) with this one."""
    people = [mention.person_id for mention in article.person_mentions.all()]
    topics = [link.topic_id for link in article.topic_links.all()]
    scores: Counter[int] = Counter()
    for article_id in (
        PersonMention.objects.filter(person__in=people)
        .exclude(article=article)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:RELATED_CANDIDATE_LIMIT]
    ):
        scores[article_id] += 2
    for article_id in (
        ArticleTopic.objects.filter(topic__in=topics)
        .exclude(article=article)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:RELATED_CANDIDATE_LIMIT]
    ):
        scores[article_id] += 1
    best = [article_id for article_id, _ in scores.most_common(RELATED_COUNT)]
    found = article_list_queryset().in_bulk(best)
    return [found[article_id] for article_id in best if article_id in found]


def neighbours_by_date(article: Article) -> tuple[Article | None, Article | None]:
    """The articles just before and after this one in publication order: on the same day by
    id, else on the nearest other day. Each lookup walks the (published, id) index a step;
    one query with an OR would sort every earlier article."""
    if article.published is None:
        return None, None
    queryset = article_list_queryset()
    previous = (
        queryset.filter(published=article.published, id__lt=article.id).order_by("-id").first()
        or queryset.filter(published__lt=article.published).order_by("-published", "-id").first()
    )
    following = (
        queryset.filter(published=article.published, id__gt=article.id).order_by("id").first()
        or queryset.filter(published__gt=article.published).order_by("published", "id").first()
    )
    return previous, following
