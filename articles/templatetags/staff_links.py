"""`{% admin_change_url obj %}`: where staff edit an object (used by _staff_link.html)."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def admin_change_url(obj) -> str:
    """The admin change page of `obj`, or "" when the admin has none for it."""
    meta = getattr(obj, "_meta", None)
    if meta is None or obj.pk is None:
        return ""
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
