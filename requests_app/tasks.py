"""Celery adapters: the current date in, a plain function of the ticket core out.

The reminder functions are idempotent, so a retry after a transient database error sends
nothing twice.
"""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from . import reminders, workflow

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": 60, "max_retries": 5, "ignore_result": True}


@shared_task(ignore_result=True)
def close_stale_resolved() -> int:
    return workflow.close_stale_resolved()


@shared_task(name="requests_app.remind_awaiting_citizens", **RETRY)
def remind_awaiting_citizens() -> int:
    return reminders.remind_awaiting_citizens(today=timezone.localdate())


@shared_task(name="requests_app.warn_due_tomorrow", **RETRY)
def warn_due_tomorrow() -> int:
    return reminders.warn_due_tomorrow(today=timezone.localdate())


@shared_task(name="requests_app.warn_overdue", **RETRY)
def warn_overdue() -> int:
    return reminders.warn_overdue(today=timezone.localdate())
