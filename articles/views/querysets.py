"""Querysets shared by the public views."""

from articles.models import Article


def article_list_queryset():
    """Articles as lists show them: with their outlet, without the heavy text columns."""
    return Article.objects.select_related("outlet").defer("raw_text", "body")
