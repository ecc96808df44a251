"""Beat runs the daily reminders through thin, registered Celery tasks."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from citizen_crm.celery import app
from notifications.models import Notification
from requests_app import reminders, tasks
from requests_app.models import Ticket
from tests.factories import TicketFactory

DAILY = {
    "requests_app.remind_awaiting_citizens": "remind_awaiting_citizens",
    "requests_app.warn_due_tomorrow": "warn_due_tomorrow",
    "requests_app.warn_overdue": "warn_overdue",
}


def test_the_beat_schedule_names_registered_tasks(db):
    # What a worker imports at start-up: the installed apps' `tasks.py` modules, discovered.
    app.loader.import_default_modules()

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
    scheduled = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for name in DAILY:
        assert scheduled[name] == crontab(hour=8, minute=0)


def test_the_schedule_follows_the_local_time_zone():
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE == "Europe/Paris"


@pytest.mark.parametrize("name", DAILY)
def test_each_task_runs_its_function_for_today(name, monkeypatch):
    calls = []
    monkeypatch.setattr(reminders, DAILY[name], lambda *, today: calls.append(today) or 7)

    result = getattr(tasks, DAILY[name]).apply()

    assert result.result == 7
    assert calls == [timezone.localdate()]


def test_a_task_run_twice_sends_nothing_new(category, agent, supervisor, monkeypatch):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    Ticket.objects.filter(pk=ticket.pk).update(due_date=datetime.date(2026, 11, 5))
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 11, 10))

    assert tasks.warn_overdue.apply().result == 2
    assert tasks.warn_overdue.apply().result == 0

    assert Notification.objects.filter(template="sla_overdue").count() == 2
