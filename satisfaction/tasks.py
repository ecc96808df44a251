"""Celery adapters for the daily rollups: beat calls them, `rollups.py` does the work.

A rebuild replaces whole days, so a retry after a transient database error is harmless.
"""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from . import rollups, stats

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": 60, "max_retries": 5, "ignore_result": True}


@shared_task(name="satisfaction.refresh_rollups", **RETRY)
def refresh_rollups() -> int:
    """Today and the days just before (ROLLUP_REFRESH_DAYS), every quarter of an hour."""
    days = rollups.refresh_recent(settings.ROLLUP_REFRESH_DAYS)
    if settings.DASHBOARD_CACHE_SECONDS:
        warm_dashboards.delay()
    return days


@shared_task(name="satisfaction.warm_dashboards", ignore_result=True)
def warm_dashboards() -> int:
    """The usual dashboards, computed into the cache after the facts changed."""
    return stats.warm()


@shared_task(name="satisfaction.rebuild_rollups_tail", **RETRY)
def rebuild_rollups_tail() -> int:
    """The last ROLLUP_TAIL_DAYS days, every night, for late reroutes and late survey answers."""
    days = rollups.refresh_recent(settings.ROLLUP_TAIL_DAYS)
    if settings.DASHBOARD_CACHE_SECONDS:
        warm_dashboards.delay()
    return days
