"""Celery adapters for the reminders: today's date (or the current time) in, a plain function.

The functions are idempotent, so a retry after a transient database error sends nothing twice.
Celery finds this module through the CELERY_IMPORTS setting.
"""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from . import reminders

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": 60, "max_retries": 5, "ignore_result": True}


@shared_task(name="notifications.remind_awaiting_citizens", **RETRY)
def remind_awaiting_citizens() -> int:
    return reminders.remind_awaiting_citizens(today=timezone.localdate())


@shared_task(name="notifications.warn_due_tomorrow", **RETRY)
def warn_due_tomorrow() -> int:
    return reminders.warn_due_tomorrow(today=timezone.localdate())


@shared_task(name="notifications.warn_overdue", **RETRY)
def warn_overdue() -> int:
    return reminders.warn_overdue(today=timezone.localdate())
