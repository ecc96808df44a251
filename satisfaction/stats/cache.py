"""Figures cached until the rollups rewrite the facts they were computed from."""

import contextlib
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max

from ..models import DailyFact
from .period import Filters

logger = logging.getLogger(__name__)


# The facts' version: a token the rollups renew whenever they rewrite a day (shared by every
# process through the cache) and the newest fact's id (a rebuild in a process with its own local
# cache still inserts new rows). Cached figures are keyed by it, so they never outlive the facts.
# Without a reachable cache the figures are computed every time, as with the cache turned off.
FACTS_VERSION_KEY = "satisfaction:facts-version"


def facts_changed() -> None:
    """The rollups rewrote facts: every cached figure is now stale."""
    try:
        cache.set(FACTS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("Could not renew the dashboards' facts version in the cache", exc_info=True)


def facts_version() -> str:
    try:
        token = cache.get(FACTS_VERSION_KEY)
        if token is None:
            cache.add(FACTS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
            token = cache.get(FACTS_VERSION_KEY)
    except Exception:
        logger.warning("The cache is unreachable: dashboard figures are computed without it", exc_info=True)
        token = None
    latest = DailyFact.objects.aggregate(latest=Max("pk"))["latest"]
    # No token, no caching: a figure cached without one could outlive facts rewritten meanwhile.
    return f"{token}:{latest}" if token else ""


def _normalised(key: tuple) -> tuple:
    """The same filters in any order make the same key."""
    return tuple(
        Filters(*(tuple(sorted(values)) if values is not None else None for values in vars(part).values()))
        if isinstance(part, Filters)
        else part
        for part in key
    )


def cached(key: tuple, compute, *, version: str | None = None):
    """`compute()` under `key` for this version of the facts (settings.DASHBOARD_CACHE_SECONDS; 0 = off)."""
    timeout = settings.DASHBOARD_CACHE_SECONDS
    if not timeout:
        return compute()
    version = facts_version() if version is None else version
    if not version:
        return compute()
    digest = hashlib.sha256(repr((version, _normalised(key))).encode()).hexdigest()
    cache_key = f"satisfaction:figures:{digest}"
    try:
        value = cache.get(cache_key)
    except Exception:
        logger.warning("The cache is unreachable: dashboard figures are computed without it", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(Exception):
            cache.set(cache_key, value, timeout=timeout)
    return value
