"""`manage.py rebuild_rollups`: a range of days, its progress, and clear refusals of bad arguments."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from requests_app import intake
from requests_app.models import Channel
from satisfaction.models import DailyFact
from tests.replayed_clock import ReplayedClock

from .rollup_data import paris

D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("rebuild_rollups", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ticket_on_the_spring_day(category):
    with ReplayedClock() as clock:
        clock.moment = paris(3, 29, 0, 30)
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=Channel.PHONE,
                category=category,
                subject="Lampadaire éteint",
                description="Rue des Écoles, depuis hier soir.",
                contact_name="Camille Martin",
            )
        )
    return ticket


def test_it_rebuilds_a_range_and_shows_its_progress(ticket_on_the_spring_day):
    output = run("--from", "2026-03-28", "--to", "2026-03-31")

    lines = output.splitlines()
    assert re.fullmatch(r"Day 1/4 \(2026-03-28\) — 25% — \d+\.\d s elapsed", lines[0])
    assert re.fullmatch(r"Day 4/4 \(2026-03-31\) — 100% — \d+\.\d s elapsed", lines[3])
    assert lines[4].startswith("Rebuilt 4 days from 2026-03-28 to 2026-03-31 in ")
    assert DailyFact.objects.get(day=D(2026, 3, 29), created=1).channel == Channel.PHONE
    assert set(DailyFact.objects.values_list("day", flat=True)) == {D(2026, 3, d) for d in (29, 30, 31)}


def test_it_starts_at_the_first_ticket_by_default(ticket_on_the_spring_day):
    output = run("--to", "2026-04-02")
    assert "Rebuilt 5 days from 2026-03-29 to 2026-04-02" in output


def test_it_rebuilds_the_last_days_up_to_today(ticket_on_the_spring_day):
    output = run("--days", "2")
    today = timezone.localdate()
    assert f"Rebuilt 2 days from {today - datetime.timedelta(days=1)} to {today}" in output


def test_it_says_so_when_there_is_nothing_yet(db):
    assert "No requests yet" in run()
    assert not DailyFact.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "--from expects a date as YYYY-MM-DD, not '2026-02-30'."),
        (["--to", "yesterday"], "--to expects a date as YYYY-MM-DD, not 'yesterday'."),
        (["--from", "2026-04-02", "--to", "2026-04-01"], "--from (2026-04-02) is after --to (2026-04-01)."),
        (["--days", "0"], "--days must be at least 1."),
        (["--days", "3", "--from", "2026-04-01"], "Give either --from or --days, not both."),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
    assert not DailyFact.objects.exists()


def test_it_exits_non_zero_on_bad_arguments(db):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "rebuild_rollups", "--days", "-1"])
    with pytest.raises(SystemExit) as exit_info, translation.override("en"):
        utility.execute()
    assert exit_info.value.code != 0
