"""Per-client rate limits, counted in Django's cache.

DRF's throttles read their rates once, when first imported; these read
`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` on every request, so a changed setting (or a
test's override) takes effect at once. A rate of None switches the limit off.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class LiveRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousClientThrottle(LiveRateMixin, AnonRateThrottle):
    """Anonymous clients, by address (`NUM_PROXIES` says which X-Forwarded-For hop to trust)."""


class SignedInClientThrottle(LiveRateMixin, UserRateThrottle):
    """Signed-in staff, by user."""
