"""How a cited figure reads: its value `2,443,000,000,000`, `40.3`, never `2.443E+12`; its
unit, or "no unit" for a plain count, and the unit as the statistics page's filter asks for it."""

from decimal import Decimal, InvalidOperation

from django import template

from articles.filters import NO_UNIT

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


@register.filter
def unit_label(unit: str) -> str:
    return unit or "no unit"


@register.filter
def unit_param(unit: str) -> str:
    """The `?unit=` value that selects figures in this unit."""
    return unit or NO_UNIT
