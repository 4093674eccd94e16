"""How a cited figure's value reads: `2,443,000,000,000`, `40.3`, never `2.443E+12`."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if not number.is_finite():
        return ""
    return f"{number.normalize():,f}"
