"""Querysets and expressions shared by the public views, the API and the admin."""

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, Substr

from articles.models import Article


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


def year_of(field: str):
    """The year of a date column. On SQLite, Django's ExtractYear calls a Python function per
    row (slow over 100,000 articles); the ISO text's first four characters are the same year,
    computed by SQLite itself."""
    if connection.vendor == "sqlite":
        return Cast(Substr(field, 1, 4), IntegerField())
    return ExtractYear(field)


def month_of(field: str):
    if connection.vendor == "sqlite":
        return Cast(Substr(field, 6, 2), IntegerField())
    return ExtractMonth(field)
