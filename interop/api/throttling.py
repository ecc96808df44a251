"""Throttling with rates read from the settings at each call (DRF's classes read them once, at import).

The counters live in the default cache: shared through Redis in production, per process with
the local-memory cache of the embedded setup.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class CallerRateThrottle(UserRateThrottle):
    """Per signed-in person or per API key (each key has its own technical account)."""

    def get_rate(self):
        return settings.API_THROTTLE_RATE or None


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_ANON_RATE or None
