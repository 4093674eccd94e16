"""The archive's filters, shared by the HTML list and (later) its JSON/CSV forms.

Entity filters use EXISTS subqueries, not joins, so an article is listed once however many
times it mentions someone, and the query plan stays flat as the archive grows.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, ArticleTopic, OrganizationMention, PersonMention, Quote

_MONTH_VALIDATOR = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", "Use YYYY-MM, e.g. 2023-04.")


class ArticleFilter(django_filters.FilterSet):
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

    class Meta:
        model = Article
        fields = []

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
