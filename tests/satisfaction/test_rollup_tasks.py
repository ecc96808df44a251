"""Beat keeps the rollups fresh through two thin tasks: the recent days often, a longer tail nightly."""

import datetime
import time

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from citizen_crm.celery import app
from requests_app import intake
from requests_app.models import Channel
from satisfaction import tasks
from satisfaction.models import DailyFact


def test_the_beat_schedule_runs_both_tasks(db):
    # Importing the task modules runs Celery's Django fix-up, whose model checks ask the database.
    app.loader.import_default_modules()
    scheduled = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled["satisfaction.refresh_rollups"] == crontab(minute="*/15")
    assert scheduled["satisfaction.rebuild_rollups_tail"] == crontab(hour=2, minute=30)
    assert {"satisfaction.refresh_rollups", "satisfaction.rebuild_rollups_tail"} <= set(app.tasks)
    assert settings.ROLLUP_REFRESH_DAYS == 3
    assert settings.ROLLUP_TAIL_DAYS == 35


def open_today(category):
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel=Channel.WEB,
            category=category,
            subject="Banc cassé",
            description="Square Jean-Moulin, le banc près des jeux.",
            contact_name="Camille Martin",
        )
    )
    return ticket


def test_it_refreshes_the_recent_days(category, settings):
    settings.ROLLUP_REFRESH_DAYS = 2
    open_today(category)
    today = timezone.localdate()
    DailyFact.objects.create(
        day=today - datetime.timedelta(days=1), service=category.service, channel="web", kind="report", created=7
    )
    stale_older = DailyFact.objects.create(
        day=today - datetime.timedelta(days=2), service=category.service, channel="web", kind="report", created=7
    )

    assert tasks.refresh_rollups.delay().get() == 2

    assert DailyFact.objects.get(day=today).created == 1
    assert not DailyFact.objects.filter(day=today - datetime.timedelta(days=1)).exists()
    assert DailyFact.objects.filter(pk=stale_older.pk).exists()  # beyond the two days


def test_it_rebuilds_the_tail_nightly(category, settings):
    settings.ROLLUP_TAIL_DAYS = 5
    open_today(category)
    old = DailyFact.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=4), service=category.service, channel="web", kind="report"
    )

    assert tasks.rebuild_rollups_tail.delay().get() == 5

    assert not DailyFact.objects.filter(pk=old.pk).exists()
    assert DailyFact.objects.filter(day=timezone.localdate(), created=1).exists()


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_refreshes_through_a_real_worker(worker, category):
    open_today(category)

    tasks.refresh_rollups.delay()

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not DailyFact.objects.filter(day=timezone.localdate()).exists():
        time.sleep(0.1)
    assert DailyFact.objects.get(day=timezone.localdate()).created == 1
