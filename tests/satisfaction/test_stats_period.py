"""Periods: length, the previous period, granularity and its buckets."""

import datetime

import pytest

from satisfaction.stats import Filters, Period

D = datetime.date


def test_it_counts_days_inclusively_and_finds_the_previous_period():
    period = Period(D(2026, 3, 26), D(2026, 4, 1))
    assert period.days == 7
    assert period.previous() == Period(D(2026, 3, 19), D(2026, 3, 25))
    assert Period(D(2026, 3, 29), D(2026, 3, 29)).previous() == Period(D(2026, 3, 28), D(2026, 3, 28))


def test_it_ends_the_last_n_days_today():
    assert Period.last(7, today=D(2026, 11, 23)) == Period(D(2026, 11, 17), D(2026, 11, 23))
    assert Period.last(1, today=D(2026, 11, 23)).days == 1
    with pytest.raises(ValueError):
        Period.last(0)


def test_it_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        Period(D(2026, 4, 2), D(2026, 4, 1))


@pytest.mark.parametrize(
    ("days", "granularity"), [(1, "day"), (31, "day"), (32, "week"), (120, "week"), (121, "month"), (365, "month")]
)
def test_it_chooses_the_granularity_from_the_length(days, granularity):
    assert Period.last(days, today=D(2026, 11, 23)).granularity == granularity


def test_it_buckets_by_day_iso_week_and_month_start():
    assert Period(D(2026, 3, 30), D(2026, 4, 1)).buckets() == [D(2026, 3, 30), D(2026, 3, 31), D(2026, 4, 1)]
    weekly = Period(D(2026, 3, 1), D(2026, 4, 30))  # 2026-03-01 is a Sunday
    assert weekly.buckets()[:2] == [D(2026, 2, 23), D(2026, 3, 2)]
    assert all(day.weekday() == 0 for day in weekly.buckets())
    monthly = Period(D(2025, 12, 15), D(2026, 11, 23))
    assert monthly.buckets()[0] == D(2025, 12, 1)
    assert monthly.buckets()[-1] == D(2026, 11, 1)
    assert len(monthly.buckets()) == 12


def test_it_filters_everything_by_default():
    assert Filters() == Filters(services=None, categories=(), channels=(), kinds=())
