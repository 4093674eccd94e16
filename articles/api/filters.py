"""The API's filters: the HTML pages' FilterSets where there is one (so `/api/articles/?q=`
finds what `/articles/?q=` finds), and a few more for quotes and figures."""

import copy

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from articles.filters import OrganizationIndexFilter, StatisticFilter
from articles.models import ArticleTopic, Organization, OrganizationMention, Quote

# Query parameters every endpoint accepts besides its filters.
COMMON_PARAMS = frozenset({"page", "page_size", "format"})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, where an unknown query parameter is a 400: a misspelt filter
    (`?yaer=2023`) would otherwise answer with the whole unfiltered list as if it were filtered.
    The error names the unknown parameters and lists the allowed ones."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        allowed = COMMON_PARAMS | set(filterset_class.base_filters if filterset_class else ())
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {"unknown_parameters": unknown, "allowed_parameters": sorted(allowed)}
            )
        return super().filter_queryset(request, queryset, view)


class YearFilter(django_filters.NumberFilter):
    """A year is a whole number (NumberFilter would take 2023.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class OrganizationFilter(OrganizationIndexFilter):
    kind = django_filters.ChoiceFilter(choices=Organization.KIND_CHOICES, label="Kind")

    class Meta(OrganizationIndexFilter.Meta):
        pass


class StatisticApiFilter(StatisticFilter):
    """The statistics page's filters, plus the organizations and years of the articles."""

    # The page's own topic filter, typed for the schema (a method filter gives no type).
    topic = extend_schema_field(OpenApiTypes.STR)(
        copy.deepcopy(StatisticFilter.declared_filters["topic"])
    )
    organization = django_filters.CharFilter(
        method="filter_organization", label="Organization mentioned (slug)"
    )
    published_year = YearFilter(field_name="article__published__year", label="Article's year")
    value_min = django_filters.NumberFilter(field_name="value", lookup_expr="gte", label="Min")
    value_max = django_filters.NumberFilter(field_name="value", lookup_expr="lte", label="Max")

    class Meta(StatisticFilter.Meta):
        pass

    def filter_organization(self, queryset, name, value):
        mentions = OrganizationMention.objects.filter(
            article=OuterRef("article"), organization__slug=value
        )
        return queryset.filter(Exists(mentions))


class QuoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="text", lookup_expr="icontains", max_length=200, label="Text contains"
    )
    speaker = django_filters.CharFilter(method="filter_speaker", label="Speaker (slug)")
    person = django_filters.CharFilter(field_name="person__slug", label="Person (slug)")
    organization = django_filters.CharFilter(
        field_name="organization__slug", label="Organization speaking (slug)"
    )
    article = django_filters.CharFilter(field_name="article__slug", label="Article (slug)")
    topic = django_filters.CharFilter(method="filter_topic", label="Article's topic (slug)")
    # A choice, not a BooleanFilter, so `?direct=maybe` is a 400 instead of no filter at all.
    direct = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_direct",
        label="Direct quotation (false: reported speech)",
    )
    year = YearFilter(field_name="article__published__year", label="Article's year")

    class Meta:
        model = Quote
        fields = []

    @property
    def qs(self):
        # Undated articles last on both databases (PostgreSQL puts NULLs first descending).
        return super().qs.order_by(F("published").desc(nulls_last=True), "-article_id", "position")

    def filter_direct(self, queryset, name, value):
        return queryset.filter(direct=value == "true")

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(Q(person__slug=value) | Q(organization__slug=value))

    def filter_topic(self, queryset, name, value):
        links = ArticleTopic.objects.filter(article=OuterRef("article"), topic__slug=value)
        return queryset.filter(Exists(links))
