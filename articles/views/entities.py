"""People, organizations and topics: their index pages and their own pages.

An entity's page lists the same articles as the article list filtered on it (the same
FilterSet does the filtering), so "All articles mentioning X" never disagrees with the page.
Timelines, counts and "alongside" blocks come from the facet index (facet_index.py); the
roles and quotes are one query each, whatever the number of articles.
"""

from collections import defaultdict
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Substr, Upper
from django.utils.functional import cached_property
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from pyroaring import BitMap

from articles import facet_index
from articles.charts import bar_chart, timeline_bars
from articles.facet_index import FacetIndex
from articles.facets import with_param
from articles.filters import (
    INDEX_SORT_LABELS,
    LETTERS,
    ArticleFilter,
    OrganizationIndexFilter,
    PersonIndexFilter,
    TopicIndexFilter,
)
from articles.models import (
    Article,
    Organization,
    Person,
    PersonMention,
    Topic,
)
from articles.querysets import (
    article_list_queryset,
    count_of,
    organizations_with_counts,
    people_with_counts,
    topics_with_counts,
)
from articles.views.data import DataFormatsMixin
from articles.views.mixins import InvalidFilterIs400Mixin, KnownCountMixin, LastPageMixin

ENTITY_PAGE_SIZE = 20
INDEX_PAGE_SIZE = 50
ALONGSIDE_SIZE = 10


def timeline_chart(index: FacetIndex, selection: BitMap, subject: str):
    """Articles per year (per month when they all fall in one year), as a bar chart."""
    bars, period = timeline_bars(index.month_counts(selection))
    return bar_chart(
        bars,
        title=f"Articles {subject}, by {period.lower()}",
        value_label="Articles",
        category_label=period,
        chart_id="timeline",
    )


def alongside(
    index: FacetIndex, dimension: str, selection: BitMap, exclude: str = ""
) -> list[dict]:
    """The people (or organizations) in most of the `selection`'s articles."""
    rows = index.dimension(dimension).top(selection, ALONGSIDE_SIZE, exclude=exclude)
    return [{"slug": slug, "name": name, "n": n} for slug, name, n in rows]


def roles_over_time(index: FacetIndex, person: Person) -> list[dict]:
    """Each role and affiliation the person is named with, its first and last article dates
    and its number of articles, earliest first. The dates come from the facet index: a much
    mentioned person has thousands of mentions, and reading their article rows is slow."""
    articles_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    mentions = person.mentions.exclude(role="", affiliation="").order_by()
    for role, affiliation, article_id in mentions.values_list("role", "affiliation", "article"):
        articles_of[(role, affiliation)].append(article_id)
    roles = []
    for (role, affiliation), article_ids in articles_of.items():
        days = [day for day in map(index.day, article_ids) if day]
        roles.append(
            {
                "role": role,
                "affiliation": affiliation,
                "first": date.fromordinal(min(days)) if days else None,
                "last": date.fromordinal(max(days)) if days else None,
                "n": len(article_ids),
            }
        )
    return sorted(
        roles,
        key=lambda r: (r["first"] is None, r["first"] or date.min, r["role"], r["affiliation"]),
    )


def counted(rows: QuerySet, entity: str) -> list[dict]:
    """The entities in `rows` (mentions) with the number of articles for each."""
    return list(
        rows.values(slug=F(f"{entity}__slug"), name=F(f"{entity}__name"))
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "name")[:ALONGSIDE_SIZE]
    )


def quotes_newest_first(quotes: QuerySet) -> QuerySet:
    return (
        quotes.select_related("article")
        .defer("article__raw_text", "article__body")
        .order_by(F("published").desc(nulls_last=True), "-article_id", "position")
    )


QUOTES_PER_PAGE = 40


def quotes_page(request, quotes: QuerySet) -> dict:
    """One page of quotes (`quotes_page=N`): a much-quoted person has thousands."""
    page = Paginator(quotes, QUOTES_PER_PAGE).get_page(request.GET.get("quotes_page"))
    query = request.GET.copy()
    query.pop("quotes_page", None)
    return {
        "quotes": page.object_list,
        "quotes_page": page,
        "quotes_query": query.urlencode(),
    }


class EntityDetailView(KnownCountMixin, LastPageMixin, SingleObjectMixin, ListView):
    """The entity is `object`; the paginated list is the articles that mention it."""

    paginate_by = ENTITY_PAGE_SIZE
    article_filter_param = ""  # the ArticleFilter parameter that selects this entity's articles

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_entity_queryset())
        return super().get(request, *args, **kwargs)

    def get_entity_queryset(self) -> QuerySet:
        return self.model.objects.all()

    def get_queryset(self):
        data = {self.article_filter_param: self.object.slug}
        return ArticleFilter(data, queryset=article_list_queryset()).qs

    @cached_property
    def facet_index(self) -> FacetIndex:
        return facet_index.for_request(self.request)

    @cached_property
    def selection(self) -> BitMap:
        """The ids of the articles listed, from the facet index."""
        dimension = self.facet_index.dimension(self.article_filter_param)
        return dimension.articles(self.object.slug)

    def known_count(self) -> int:
        return len(self.selection)

    def alongside(self, dimension: str, exclude: str = "") -> list[dict]:
        return alongside(self.facet_index, dimension, self.selection, exclude)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = timeline_chart(
            self.facet_index, self.selection, self.timeline_subject()
        )
        return context

    def timeline_subject(self) -> str:
        return f"mentioning {self.object.name}"


class PersonDetailView(EntityDetailView):
    model = Person
    template_name = "articles/person_detail.html"
    article_filter_param = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context.update(
            roles=roles_over_time(self.facet_index, person),
            **quotes_page(self.request, quotes_newest_first(person.quotes.all())),
            people_alongside=self.alongside("person", exclude=person.slug),
            organizations_alongside=self.alongside("organization"),
        )
        return context


class OrganizationDetailView(EntityDetailView):
    model = Organization
    template_name = "articles/organization_detail.html"
    article_filter_param = "organization"

    def get_entity_queryset(self):
        return Organization.objects.annotate(published_count=count_of(Article.objects, "outlet"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        names = [name for name in [organization.name, organization.acronym] if name]
        names += [alias for alias in organization.aliases if isinstance(alias, str)]
        context.update(
            **quotes_page(self.request, quotes_newest_first(organization.quotes.all())),
            affiliated_people=counted(
                PersonMention.objects.filter(affiliation__in=names), "person"
            ),
            people_alongside=self.alongside("person"),
            organizations_alongside=self.alongside("organization", exclude=organization.slug),
        )
        return context


class TopicDetailView(EntityDetailView):
    model = Topic
    template_name = "articles/topic_detail.html"
    article_filter_param = "topic"

    def timeline_subject(self) -> str:
        return f"on {self.object.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            people_alongside=self.alongside("person"),
            organizations_alongside=self.alongside("organization"),
        )
        return context


class EntityIndexView(DataFormatsMixin, InvalidFilterIs400Mixin, LastPageMixin, FilterView):
    """An A-Z index with counts; `sort`, `letter` and `q` come from the FilterSet."""

    paginate_by = INDEX_PAGE_SIZE
    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        with_entries = set(
            self.model.objects.annotate(initial=Upper(Substr("name", 1, 1)))
            .values_list("initial", flat=True)
            .distinct()
        )
        current_letter = query.get("letter", "").upper() if self.filters_valid else ""
        context["letters"] = [
            (
                letter,
                with_param(query, "letter", letter),
                letter in with_entries,
                letter == current_letter,
            )
            for letter in LETTERS
        ]
        without_letter = query.copy()
        without_letter.pop("letter", None)
        without_letter.pop("page", None)
        context["all_letters_url"] = f"?{without_letter.urlencode()}"
        current_sort = (query.get("sort") or "name") if self.filters_valid else "name"
        context["sort_links"] = [
            (INDEX_SORT_LABELS[value], with_param(query, "sort", value), value == current_sort)
            for value, _ in self.filterset.filters["sort"].extra["choices"]
        ]
        context["title"] = self.title
        return context


class PersonIndexView(EntityIndexView):
    model = Person
    filterset_class = PersonIndexFilter
    template_name = "articles/person_list.html"
    title = "People"

    def get_queryset(self):
        return people_with_counts()


class OrganizationIndexView(EntityIndexView):
    model = Organization
    filterset_class = OrganizationIndexFilter
    template_name = "articles/organization_list.html"
    title = "Organizations"

    def get_queryset(self):
        return organizations_with_counts()


class TopicIndexView(EntityIndexView):
    model = Topic
    filterset_class = TopicIndexFilter
    template_name = "articles/topic_list.html"
    title = "Topics"

    def get_queryset(self):
        return topics_with_counts()
