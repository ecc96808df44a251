"""Celery adapter for the appointment reminders: the current time in, a plain function.

The function is idempotent, so a retry after a transient database error sends nothing twice.
Celery finds this module by autodiscovery of the installed apps' `tasks` modules.
"""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from . import reminders


@shared_task(
    name="appointments.remind_appointments",
    autoretry_for=(DatabaseError,),
    retry_backoff=60,
    max_retries=5,
    ignore_result=True,
)
def remind_appointments() -> int:
    return reminders.remind_appointments(now=timezone.now())
