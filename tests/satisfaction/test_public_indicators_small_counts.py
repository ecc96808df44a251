"""No rate, median or mean is published from fewer than PUBLIC_INDICATORS_MIN_ANSWERS cases."""

import datetime

import pytest
from django.urls import reverse

from satisfaction import public
from satisfaction.buckets import DURATION_BUCKETS, duration_bucket
from satisfaction.models import DailyFact

pytestmark = pytest.mark.django_db


def histogram(*durations: datetime.timedelta) -> list[int]:
    counts = [0] * DURATION_BUCKETS
    for duration in durations:
        counts[duration_bucket(duration)] += 1
    return counts


def record_day(service, day, *, resolved=0, within=0, answers=0, score=0, satisfied=0, created=0):
    """One day of facts: `resolved` resolutions after two days each, `answers` survey answers."""
    return DailyFact.objects.create(
        day=day,
        service=service,
        channel="web",
        kind="report",
        created=created,
        resolved=resolved,
        resolved_within_sla=within,
        resolution_histogram=histogram(*[datetime.timedelta(hours=40)] * resolved),
        satisfaction_count=answers,
        satisfaction_sum=score,
        satisfied=satisfied,
    )


@pytest.fixture
def period():
    return public.last_complete_months()


def figures_of(service):
    indicators = public.compute_indicators(public.current_version())
    return next(item.figures for item in indicators.services if item.slug == service.slug)


def test_it_hides_delays_and_commitment_below_the_minimum_of_resolutions(settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, created=7, resolved=4, within=3)

    figures = figures_of(service)

    assert figures.requests == 7 and figures.resolved == 4
    assert figures.delay_figures_hidden
    assert figures.median_resolution_days is None and figures.within_commitment_rate is None


def test_it_publishes_delays_and_commitment_from_the_minimum_of_resolutions(settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, created=7, resolved=5, within=4)

    figures = figures_of(service)

    assert not figures.delay_figures_hidden
    assert figures.median_resolution_days == 2  # 40 hours fall in the "up to 48 hours" bucket
    assert figures.within_commitment_rate == pytest.approx(0.8)


def test_it_hides_satisfaction_below_the_minimum_of_answers(settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, resolved=9, within=9, answers=4, score=18, satisfied=3)

    figures = figures_of(service)

    assert figures.answers == 4
    assert figures.satisfaction_figures_hidden
    assert figures.satisfaction_mean is None and figures.satisfied_rate is None
    assert not figures.delay_figures_hidden


def test_it_publishes_satisfaction_from_the_minimum_of_answers(settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, answers=5, score=21, satisfied=4)

    figures = figures_of(service)

    assert not figures.satisfaction_figures_hidden
    assert figures.satisfaction_mean == pytest.approx(4.2)
    assert figures.satisfied_rate == pytest.approx(0.8)
    assert figures.delay_figures_hidden  # no resolution at all


def test_it_counts_the_minimum_over_the_whole_period_and_per_month(settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    # Three answers in each of two months: enough for the year, not for either month.
    second_month = public._add_months(period.start, 1)
    record_day(service, period.start, answers=3, score=12, satisfied=3)
    record_day(service, second_month, answers=3, score=9, satisfied=1)

    indicators = public.compute_indicators(public.current_version())

    assert indicators.town.satisfaction_mean == pytest.approx(3.5)
    assert [month.satisfaction_figures_hidden for month in indicators.monthly[:2]] == [True, True]
    assert indicators.monthly[0].answers == 3


def test_it_says_not_enough_data_on_the_page(client, settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, created=3, resolved=4, within=4, answers=4, score=20, satisfied=4)

    response = client.get(reverse("indicators:page"), HTTP_ACCEPT_LANGUAGE="en")

    row = next(line for line in response.text.split("<tr") if service.name in line)
    assert row.count("not enough data") == 4
    assert "at least 5 resolved requests" in response.text


def test_it_publishes_null_and_a_flag_in_the_open_data(client, settings, service, period):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 5
    record_day(service, period.start, created=3, resolved=4, within=4, answers=5, score=20, satisfied=4)

    document = client.get(reverse("indicators:json")).json()

    row = next(row for row in document["services"] if row["service"] == service.slug)
    assert row["median_resolution_days"] is None and row["within_commitment_rate"] is None
    assert row["delay_figures_hidden"] is True
    assert row["resolved"] == 4 and row["requests"] == 3
    assert row["satisfaction_mean"] == 4.0 and row["satisfaction_figures_hidden"] is False
