"""A rebuild replaces whole days: twice gives the same rows, and any split of a range gives the same rows."""

import datetime

from requests_app import workflow
from satisfaction import rollups
from satisfaction.models import AgentDailyFact, DailyFact
from tests.replayed_clock import ReplayedClock

from .rollup_data import RANGES, paris, rollup_story  # noqa: F401

D = datetime.date


def snapshot():
    facts = sorted(
        (tuple(sorted((k, str(v)) for k, v in row.items() if k != "id")) for row in DailyFact.objects.values()),
    )
    agents = sorted(
        (tuple(sorted((k, str(v)) for k, v in row.items() if k != "id")) for row in AgentDailyFact.objects.values()),
    )
    return facts, agents


def test_it_gives_the_same_rows_when_run_twice(rollup_story):  # noqa: F811
    before = snapshot()
    assert len(before[0]) > 100 and len(before[1]) > 5
    for start, end in RANGES:
        rollups.rebuild(start, end)
    assert snapshot() == before


def test_it_gives_the_same_rows_day_by_day_as_in_one_range(rollup_story):  # noqa: F811
    before = snapshot()
    DailyFact.objects.all().delete()
    AgentDailyFact.objects.all().delete()
    for start, end in RANGES:
        day = start
        while day <= end:
            rollups.rebuild_day(day)
            day += datetime.timedelta(days=1)
    assert snapshot() == before


def test_it_refreshes_the_recent_days_to_what_a_full_rebuild_gives(rollup_story):  # noqa: F811
    end = RANGES[1][1]
    full = snapshot()
    DailyFact.objects.filter(day__gt=end - datetime.timedelta(days=3)).delete()
    AgentDailyFact.objects.filter(day__gt=end - datetime.timedelta(days=3)).delete()
    assert snapshot() != full

    assert rollups.refresh_recent(3, today=end) == 3

    assert snapshot() == full


def test_it_removes_the_rows_of_a_day_that_no_longer_has_them(rollup_story):  # noqa: F811
    day = D(2026, 3, 29)
    rerouted = rollup_story.tickets["t4"]
    assert DailyFact.objects.filter(day=day, service=rollup_story.etat_civil, backlog=1).exists()
    with ReplayedClock() as clock:
        clock.moment = paris(11, 20, 10)
        workflow.reroute_ticket(rerouted.pk, by=rollup_story.clerk, category=rollup_story.lighting)

    rollups.rebuild_day(day)

    # A ticket counts under its current service and category, on every day it is rebuilt.
    t4_row = {"category": rollup_story.lighting.pk, "channel": "counter"}
    assert DailyFact.objects.filter(day=day, service=rollup_story.voirie, backlog=1, **t4_row).exists()
    assert not DailyFact.objects.filter(day=day, service=rollup_story.etat_civil, channel="counter").exists()


def test_it_carries_the_backlog_from_any_starting_day(rollup_story):  # noqa: F811
    # Rebuilt from 2026-03-01, the days from 2026-04-05 carried the open set over a month;
    # rebuilt from 2026-04-05, the open set is computed from the timeline at once.
    start = D(2026, 4, 5)
    carried = list(DailyFact.objects.filter(day__gte=start, day__lte=D(2026, 4, 12)).values_list("day", "backlog"))
    assert sum(backlog for _, backlog in carried) > 0
    rollups.rebuild(start, D(2026, 4, 12))
    fresh = list(DailyFact.objects.filter(day__gte=start, day__lte=D(2026, 4, 12)).values_list("day", "backlog"))
    assert sorted(fresh) == sorted(carried)
