"""The archive's filters, shared by the HTML list and (later) its JSON/CSV forms.

Entity filters use EXISTS subqueries, not joins, so an article is listed once however many
times it mentions someone, and the query plan stays flat as the archive grows.
"""

import string

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, F, OuterRef, Q

from articles.models import (
    Article,
    ArticleTopic,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    Statistic,
    Topic,
)
from articles.search import order_by_relevance, search

SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE = "newest", "oldest", "relevance"
SORT_ORDERINGS = {
    SORT_NEWEST: ["-published", "-published_time", "-id"],
    SORT_OLDEST: ["published", "published_time", "id"],
}

_MONTH_VALIDATOR = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", "Use YYYY-MM, e.g. 2023-04.")


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", max_length=200, label="Search")
    year = django_filters.NumberFilter(
        field_name="published__year", min_value=1, max_value=9999, label="Year"
    )
    month = django_filters.CharFilter(
        method="filter_month", validators=[_MONTH_VALIDATOR], label="Month (YYYY-MM)"
    )
    published_after = django_filters.DateFilter(
        field_name="published", lookup_expr="gte", label="Published on or after"
    )
    published_before = django_filters.DateFilter(
        field_name="published", lookup_expr="lte", label="Published on or before"
    )
    person = django_filters.CharFilter(method="filter_person", label="Person (slug)")
    speaker = django_filters.CharFilter(method="filter_speaker", label="Speaker (slug)")
    organization = django_filters.CharFilter(
        method="filter_organization", label="Organization (slug)"
    )
    topic = django_filters.CharFilter(method="filter_topic", label="Topic (slug)")
    outlet = django_filters.CharFilter(field_name="outlet__slug", label="Outlet (slug)")
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[
            (SORT_NEWEST, "Newest first"),
            (SORT_OLDEST, "Oldest first"),
            (SORT_RELEVANCE, "Relevance"),
        ],
        empty_label=None,
        label="Sort",
    )

    class Meta:
        model = Article
        fields = []

    @property
    def matching(self):
        """The filtered articles, unordered: what the facets count (and the page shows)."""
        return super().qs

    @property
    def qs(self):
        queryset = self.matching
        # Ordering comes last, after every filter and the search.
        valid = self.is_bound and self.is_valid()
        sort = self.form.cleaned_data.get("sort") if valid else ""
        query = self.form.cleaned_data.get("q") if valid else ""
        if not sort:
            sort = SORT_RELEVANCE if query else SORT_NEWEST
        if sort == SORT_RELEVANCE and query:
            return order_by_relevance(queryset, query)
        return queryset.order_by(*SORT_ORDERINGS.get(sort, SORT_ORDERINGS[SORT_NEWEST]))

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def sort_by(self, queryset, name, value):
        return queryset  # applied in `qs`, after every filter and the search

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(published__year=year, published__month=month)

    # Slugs are resolved to ids first: with a constant id the database's statistics tell how
    # common the entity is, so PostgreSQL walks the newest articles and probes each, instead
    # of collecting all of a much-mentioned person's articles to sort them.

    def filter_person(self, queryset, name, value):
        mentions = PersonMention.objects.filter(
            article=OuterRef("pk"), person=_id_of(Person, value)
        )
        return queryset.filter(Exists(mentions))

    def filter_speaker(self, queryset, name, value):
        quotes = Quote.objects.filter(article=OuterRef("pk")).filter(
            Q(person=_id_of(Person, value)) | Q(organization=_id_of(Organization, value))
        )
        return queryset.filter(Exists(quotes))

    def filter_organization(self, queryset, name, value):
        mentions = OrganizationMention.objects.filter(
            article=OuterRef("pk"), organization=_id_of(Organization, value)
        )
        return queryset.filter(Exists(mentions))

    def filter_topic(self, queryset, name, value):
        links = ArticleTopic.objects.filter(article=OuterRef("pk"), topic=_id_of(Topic, value))
        return queryset.filter(Exists(links))


def _id_of(model, slug: str) -> int:
    """The id of the row with this slug; 0 (no row has it) when there is none."""
    return model.objects.filter(slug=slug).values_list("id", flat=True).first() or 0


class DateInput(forms.DateInput):
    input_type = "date"


# People, organizations and topics indexes: a name filter, an A-Z letter, a sort. The views
# annotate `article_count` and `quote_count`, which the sorts order by.
INDEX_SORTS = {
    "name": ["name", "pk"],
    "-articles": ["-article_count", "name", "pk"],
    "-quotes": ["-quote_count", "name", "pk"],
}
INDEX_SORT_LABELS = {"name": "name", "-articles": "most articles", "-quotes": "most quotes"}
LETTERS = list(string.ascii_uppercase)


def index_sort_filter(*sorts: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        method="sort_by",
        choices=[(sort, INDEX_SORT_LABELS[sort]) for sort in sorts],
        empty_label=None,
        label="Sort",
    )


class EntityIndexFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=100, label="Name contains"
    )
    letter = django_filters.CharFilter(
        field_name="name",
        lookup_expr="istartswith",
        validators=[RegexValidator(r"^[A-Za-z]$", "One letter, A to Z.")],
        label="First letter",
    )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*INDEX_SORTS[value])


class PersonIndexFilter(EntityIndexFilter):
    sort = index_sort_filter("name", "-articles", "-quotes")

    class Meta:
        model = Person
        fields = []


class OrganizationIndexFilter(EntityIndexFilter):
    sort = index_sort_filter("name", "-articles", "-quotes")

    class Meta:
        model = Organization
        fields = []


class TopicIndexFilter(EntityIndexFilter):
    sort = index_sort_filter("name", "-articles")

    class Meta:
        model = Topic
        fields = []


# The statistics table. Undated and unyeared figures sort last in both directions, on both
# databases (PostgreSQL would put NULLs first when descending).
STATISTIC_SORTS = {
    # `published` is the article's date copied onto the figure, so the default order walks
    # the index statistic_newest_first instead of sorting every figure.
    "-date": [F("published").desc(nulls_last=True), "-article_id", "position"],
    "date": [F("published").asc(nulls_last=True), "article_id", "position"],
    "-value": ["-value", "pk"],
    "value": ["value", "pk"],
    "-year": [F("year").desc(nulls_last=True), "-article_id", "position"],
    "year": [F("year").asc(nulls_last=True), "article_id", "position"],
}
STATISTIC_SORT_DEFAULT = "-date"


# A plain count ("enterprises number more than 59,213") has no unit; an empty `?unit=` would
# mean no filter at all, so these figures are asked for by this word, which no unit is.
NO_UNIT = "none"


class StatisticFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", max_length=200, label="Text contains")
    unit = django_filters.CharFilter(
        method="filter_unit", max_length=80, label=f"Unit ({NO_UNIT!r} for plain counts)"
    )
    year = django_filters.NumberFilter(
        field_name="year", min_value=1, max_value=9999, label="Year the figure refers to"
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        label="Topic",
    )
    person = django_filters.CharFilter(method="filter_person", label="Person mentioned (slug)")
    article = django_filters.CharFilter(field_name="article__slug", label="Article (slug)")
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[
            ("-date", "Newest article first"),
            ("date", "Oldest article first"),
            ("-value", "Largest value first"),
            ("value", "Smallest value first"),
            ("-year", "Latest year first"),
            ("year", "Earliest year first"),
        ],
        empty_label=None,
        label="Sort",
    )

    class Meta:
        model = Statistic
        fields = []

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return queryset.order_by(*STATISTIC_SORTS[sort or STATISTIC_SORT_DEFAULT])

    def sort_by(self, queryset, name, value):
        return queryset  # applied in `qs`, after every filter

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(as_written__icontains=value) | Q(what__icontains=value))

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit="" if value == NO_UNIT else value)

    def filter_topic(self, queryset, name, value):
        links = ArticleTopic.objects.filter(article=OuterRef("article"), topic=value)
        return queryset.filter(Exists(links))

    def filter_person(self, queryset, name, value):
        mentions = PersonMention.objects.filter(article=OuterRef("article"), person__slug=value)
        return queryset.filter(Exists(mentions))
