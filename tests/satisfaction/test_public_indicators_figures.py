"""The published figures equal a direct count over requests, timeline and surveys.

The data crosses local midnight at both ends of the period and both daylight-saving changes of
Europe/Paris, has a request resolved twice, late resolutions and answers outside the period.
"""

import datetime

import pytest
from django.urls import reverse

from requests_app import workflow
from satisfaction import public, rollups

from .public_indicators_data import at, direct_figures, file_request, local, rate, resolve

pytestmark = pytest.mark.django_db

MIN_ANSWERS = 2
DAY = datetime.timedelta(days=1)


def daylight_saving_days(period) -> tuple[datetime.date, datetime.date]:
    """The local days of the period that last 23 hours (spring) and 25 hours (autumn)."""
    day, lengths = period.start, {}
    while day <= period.end:
        length = local(day + DAY, 0).astimezone(datetime.UTC) - local(day, 0).astimezone(datetime.UTC)
        lengths[length] = day
        day += DAY
    return lengths[datetime.timedelta(hours=23)], lengths[datetime.timedelta(hours=25)]


def published(figures: dict) -> dict:
    """What the page may show of directly computed figures: small counts hidden."""
    shown = dict(figures)
    if figures["resolved"] < MIN_ANSWERS:
        shown["median_resolution_days"] = shown["within_commitment_rate"] = None
    if figures["answers"] < MIN_ANSWERS:
        shown["satisfaction_mean"] = shown["satisfied_rate"] = None
    return shown


def as_dict(figures: public.Figures) -> dict:
    return {
        "requests": figures.requests,
        "resolved": figures.resolved,
        "median_resolution_days": figures.median_resolution_days,
        "within_commitment_rate": figures.within_commitment_rate,
        "answers": figures.answers,
        "satisfaction_mean": figures.satisfaction_mean,
        "satisfied_rate": figures.satisfied_rate,
    }


@pytest.fixture
def year_of_requests(settings, category, other_category, agent, agent_of_other_service):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = MIN_ANSWERS
    period = public.last_complete_months()
    spring, autumn = daylight_saving_days(period)

    # Filed before the period, resolved 20 minutes after its first local midnight.
    early = file_request(category, local(period.start - DAY, 23, 50))
    resolve(early, local(period.start, 0, 10), agent)
    rate(early, 5, local(period.start, 9))
    # Filed 10 minutes into the period, resolved within its commitment.
    first = file_request(category, local(period.start, 0, 10))
    resolve(first, local(period.start + 2 * DAY, 16), agent)
    rate(first, 4, local(period.start + 3 * DAY, 8))
    # Across the spring change (a 23-hour day).
    spring_ticket = file_request(category, local(spring - DAY, 23, 30))
    resolve(spring_ticket, local(spring, 23), agent)
    rate(spring_ticket, 1, local(spring, 23, 30))
    # Resolved late: after its due date.
    late = file_request(category, local(period.start + 120 * DAY, 11))
    resolve(late, local(late.due_date + 3 * DAY, 10), agent)
    rate(late, 2, local(late.due_date + 3 * DAY, 11))
    # Filed and resolved on the autumn change (a 25-hour day).
    autumn_ticket = file_request(other_category, local(autumn, 2, 30), kind="complaint")
    resolve(autumn_ticket, local(autumn, 23, 30), agent_of_other_service)
    rate(autumn_ticket, 4, local(autumn, 23, 45))
    # Resolved, reopened, resolved again: two resolutions, one survey.
    middle = period.start + 100 * DAY
    twice = file_request(other_category, local(middle, 10))
    resolve(twice, local(middle + DAY, 10), agent_of_other_service)
    with at(local(middle + 2 * DAY, 9)):
        workflow.reopen_ticket(twice.pk, by=agent_of_other_service, reason="Le problème revient.")
    resolve(twice, local(middle + 9 * DAY, 9), agent_of_other_service)
    rate(twice, 3, local(middle + 10 * DAY, 9))
    # Several in one month of the other service.
    for hours in (3, 30, 100, 400):
        ticket = file_request(other_category, local(period.start + 40 * DAY, 8))
        resolve(ticket, local(period.start + 40 * DAY, 8) + datetime.timedelta(hours=hours), agent_of_other_service)
        rate(ticket, 5 if hours < 100 else 2, local(period.start + 60 * DAY, 12))
    # The last minute of the period, resolved and rated after it: only the request counts.
    last = file_request(category, local(period.end, 23, 59))
    resolve(last, local(period.end + DAY, 10), agent)
    rate(last, 5, local(period.end + DAY, 11))
    # After the period: nothing counts.
    file_request(category, local(period.end + DAY, 0, 5))

    rollups.rebuild(period.start - 2 * DAY, period.end + 2 * DAY)
    return period


def test_it_publishes_per_service_what_the_requests_and_surveys_say(year_of_requests, service, other_service):
    period = year_of_requests
    indicators = public.compute_indicators(public.current_version())

    by_slug = {item.slug: item.figures for item in indicators.services}
    for each in (service, other_service):
        expected = published(direct_figures(period.start, period.end, service=each))
        assert as_dict(by_slug[each.slug]) == pytest.approx(expected), each.name
    # The data above is what we think: resolutions at both edges of the period, one twice.
    assert (by_slug[service.slug].requests, by_slug[service.slug].resolved) == (4, 4)
    assert (by_slug[other_service.slug].requests, by_slug[other_service.slug].resolved) == (6, 7)


def test_it_publishes_the_whole_town_and_each_month_as_counted_directly(year_of_requests):
    period = year_of_requests
    indicators = public.compute_indicators(public.current_version())

    assert as_dict(indicators.town) == pytest.approx(published(direct_figures(period.start, period.end)))
    assert len(indicators.monthly) == public.MONTHS
    for month in indicators.monthly:
        expected = published(direct_figures(month.period.start, month.period.end))
        assert as_dict(month) == pytest.approx(expected), month.period.start


def test_it_covers_the_last_twelve_complete_months():
    period = public.last_complete_months(datetime.date(2026, 3, 15))

    assert (period.start, period.end) == (datetime.date(2025, 3, 1), datetime.date(2026, 2, 28))
    assert public.last_complete_months(datetime.date(2026, 1, 1)).end == datetime.date(2025, 12, 31)


def test_it_serves_the_same_figures_in_the_open_data(client, year_of_requests, service):
    period = year_of_requests
    document = client.get(reverse("indicators:json")).json()

    expected = published(direct_figures(period.start, period.end, service=service))
    row = next(row for row in document["services"] if row["service"] == service.slug)
    assert row["requests"] == expected["requests"]
    assert row["median_resolution_days"] == expected["median_resolution_days"]
    assert row["within_commitment_rate"] == pytest.approx(expected["within_commitment_rate"], abs=1e-4)
    assert row["satisfaction_mean"] == pytest.approx(expected["satisfaction_mean"], abs=0.01)
