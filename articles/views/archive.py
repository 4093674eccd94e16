"""Thin views: the querysets and the FilterSet do the work."""

from collections import Counter

from django.db.models import F, Prefetch
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from pyroaring import BitMap

from articles import facet_index, search
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
from articles.views.mixins import InvalidFilterIs400Mixin, KnownCountMixin, LastPageMixin

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
        index = facet_index.for_request(self.request)
        context["timeline"] = timeline_chart(index, index.everything, "in the archive")
        if index.years:
            latest_year = max(index.years)
            context["latest_year_timeline"] = timeline_chart(
                index, index.years[latest_year], f"published in {latest_year}"
            )
        return context


class ArticleListView(
    ArticleDataFormatsMixin, InvalidFilterIs400Mixin, KnownCountMixin, LastPageMixin, FilterView
):
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
        return facet_index.for_request(self.request)

    @cached_property
    def search_query(self) -> str:
        return str(self.active_filters.get("q", ""))

    @cached_property
    def by_relevance(self) -> bool:
        sort = self.filterset.form.cleaned_data.get("sort") if self.active_filters else ""
        return bool(self.search_query) and sort in ("", None, SORT_RELEVANCE)

    @cached_property
    def ranked(self) -> search.RankedResults:
        """The matches ranked best first: all of them, or the RANK_LIMIT most recently added."""
        candidates = self.selection[-search.RANK_LIMIT :]
        scores = search.relevance_scores(self.search_query, candidates)
        return search.RankedResults(scores, article_list_queryset())

    @cached_property
    def selection(self):
        """The ids of every matching article, from the facet index and the full-text index;
        the filters neither answers (month, date range) are run in SQL for their ids."""
        in_sql = {
            name: self.request.GET[name]
            for name in self.active_filters
            if name not in (*INDEXED_FILTERS, "q") and name in self.request.GET
        }
        matching_in_sql = (
            ArticleFilter(in_sql, queryset=Article.objects.all()).matching if in_sql else None
        )
        selected = selected_articles(self.facet_index, self.active_filters, matching_in_sql)
        if self.search_query and selected:
            selected = selected & search.matching_ids(self.search_query)
        return selected

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.by_relevance:
            queryset = self.ranked  # knows its own length
        return super().get_paginator(queryset, per_page, **kwargs)

    def known_count(self) -> int | None:
        if self.filters_valid and not self.by_relevance:
            return len(self.selection)
        return None

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
        context["result_count"] = len(self.selection) if valid else context["paginator"].count
        if self.by_relevance and len(self.ranked) < len(self.selection):
            context["ranked_among"] = len(self.ranked)
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
        index = facet_index.for_request(self.request)
        context["related_articles"] = related_articles(article, index)
        context["previous_article"], context["next_article"] = neighbours_by_date(article)
        return context


RELATED_COUNT = 5
# Only the newest articles sharing a very common person or topic are weighed, so the cost of
# "related" stays flat however large the archive grows.
RELATED_CANDIDATE_LIMIT = 500


def related_articles(article: Article, index: facet_index.FacetIndex) -> list[Article]:
    """Articles sharing the most people (weighted 2) and topics (weighted 1) with this one,
    among the newest that share any person and the newest that share any topic."""
    people = index.dimension("person").articles_of
    topics = index.dimension("topic").articles_of
    weighted = [(people.get(m.person_id), 2) for m in article.person_mentions.all()]
    weighted += [(topics.get(link.topic_id), 1) for link in article.topic_links.all()]
    weighted = [(bitmap, weight) for bitmap, weight in weighted if bitmap is not None]
    itself = BitMap([article.pk])
    candidates = BitMap()
    for weight in (2, 1):
        sharing = BitMap.union(BitMap(), *(b for b, w in weighted if w == weight)) - itself
        candidates |= sharing[-RELATED_CANDIDATE_LIMIT:]
    scores: Counter[int] = Counter()
    for bitmap, weight in weighted:
        for article_id in bitmap & candidates:
            scores[article_id] += weight
    best = sorted(scores, key=lambda article_id: (-scores[article_id], -article_id))
    best = best[:RELATED_COUNT]
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
