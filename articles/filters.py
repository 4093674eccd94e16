"""The archive's filters, shared by the HTML list and (later) its JSON/CSV forms.

Entity filters use EXISTS subqueries, not joins, so an article is listed once however many
times it mentions someone, and the query plan stays flat as the archive grows.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, ArticleTopic, OrganizationMention, PersonMention, Quote
from articles.search import search

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
    def qs(self):
        queryset = super().qs
        # Ordering comes last, after every filter and the search, so it can use the rank.
        sort = self.form.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        searching = bool(self.form.cleaned_data.get("q")) if self.is_bound else False
        if not sort:
            sort = SORT_RELEVANCE if searching else SORT_NEWEST
        if sort == SORT_RELEVANCE and "search_rank" in queryset.query.annotations:
            return queryset.order_by("-search_rank", "-published", "-id")
        return queryset.order_by(*SORT_ORDERINGS.get(sort, SORT_ORDERINGS[SORT_NEWEST]))

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def sort_by(self, queryset, name, value):
        return queryset  # applied in `qs`, after the search has annotated the rank

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(published__year=year, published__month=month)

    def filter_person(self, queryset, name, value):
        mentions = PersonMention.objects.filter(article=OuterRef("pk"), person__slug=value)
        return queryset.filter(Exists(mentions))

    def filter_speaker(self, queryset, name, value):
        quotes = Quote.objects.filter(article=OuterRef("pk")).filter(
            Q(person__slug=value) | Q(organization__slug=value)
        )
        return queryset.filter(Exists(quotes))

    def filter_organization(self, queryset, name, value):
        mentions = OrganizationMention.objects.filter(
            article=OuterRef("pk"), organization__slug=value
        )
        return queryset.filter(Exists(mentions))

    def filter_topic(self, queryset, name, value):
        links = ArticleTopic.objects.filter(article=OuterRef("pk"), topic__slug=value)
        return queryset.filter(Exists(links))


class DateInput(forms.DateInput):
    input_type = "date"
