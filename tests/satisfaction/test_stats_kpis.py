"""Every KPI read from the rollups equals the same figure computed directly from tickets, events and surveys."""

import dataclasses

import pytest

from satisfaction import stats

from .rollup_data import cases, expected_kpis, rollup_story  # noqa: F401


def test_it_matches_a_direct_computation_for_every_period_and_filter(rollup_story):  # noqa: F811
    compared = 0
    for period, filters in cases(rollup_story):
        figures = dataclasses.asdict(stats.kpis(period, filters))
        expected = expected_kpis(period, filters)
        assert figures.keys() == expected.keys()
        for name, value in expected.items():
            assert figures[name] == pytest.approx(value), (period, filters, name)
        compared += 1
    assert compared == 81


def test_it_sees_the_story_on_the_spring_forward_day(rollup_story):  # noqa: F811
    # Hand-checked, so the direct computation itself is pinned down.
    figures = stats.kpis(
        stats.Period(*[rollup_story_day := __import__("datetime").date(2026, 3, 29)] * 2), stats.Filters()
    )
    assert rollup_story_day.isoformat() == "2026-03-29"
    # t2 (00:30), t3 (03:00), t7 (22:00); t1 was created at 23:30 the day before.
    assert figures.created == 3
    # t1 replied at 01:45, t2 resolved at 03:15, t3 rejected at 23:59.
    assert figures.first_responses == 3
    assert figures.resolved == 1
    assert figures.rejected == 1
    # Open at midnight: old, t1, t4 (rerouted), t5, t7; t2 resolved, t3 rejected.
    assert figures.backlog == 5


def test_it_reports_no_data_as_none(db):
    figures = stats.kpis(stats.Period.last(7), stats.Filters())
    assert figures.created == 0
    assert figures.first_response_median_hours is None
    assert figures.sla_rate is None
    assert figures.csat is None
    assert figures.beyond_last_bucket is False
