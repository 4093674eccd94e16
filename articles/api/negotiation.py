from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class JSONOnlyNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a bad request (400), not DRF's 404: the resource exists."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = sorted({renderer.format for renderer in renderers})
            raise ValidationError({"format": [f"Unknown format; use one of {formats}."]}) from None
