"""`{% format_url "csv" %}`: this page's address with its filters and sort, as JSON or CSV."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def format_url(context, data_format: str) -> str:
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["format"] = data_format
    return f"?{query.urlencode()}"
