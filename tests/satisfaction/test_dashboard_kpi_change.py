"""The key figures, each with how it moved since the previous period, in words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Channel, Kind
from satisfaction.buckets import DURATION_BUCKETS
from satisfaction.models import DailyFact

OVERVIEW = reverse("dashboard:overview")
DASH = "\u2013"  # en dash: no figure


def histogram(index: int, count: int) -> list[int]:
    values = [0] * DURATION_BUCKETS
    values[index] = count
    return values


def fact(day, category, **figures):
    return DailyFact.objects.create(
        day=day, service=category.service, category=category, channel=Channel.WEB, kind=Kind.REPORT, **figures
    )


@pytest.fixture
def two_weeks(category):
    today = timezone.localdate()
    last_week = today - datetime.timedelta(days=7)
    fact(
        today,
        category,
        created=6,
        resolved=10,
        resolved_within_sla=9,
        backlog=3,
        first_responses=2,
        first_response_histogram=histogram(5, 2),
        satisfaction_sum=9,
        satisfaction_count=2,
    )
    fact(
        last_week,
        category,
        created=4,
        resolved=10,
        resolved_within_sla=6,
        backlog=3,
        first_responses=2,
        first_response_histogram=histogram(4, 2),
        satisfaction_sum=7,
        satisfaction_count=2,
    )


def tiles(client):
    response = client.get(OVERVIEW, {"period": "7"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return {str(tile["label"]): tile for tile in response.context["tiles"]}, response.text


def test_it_says_how_each_figure_moved(client, manager, two_weeks):
    client.force_login(manager)

    shown, html = tiles(client)

    assert shown["New requests"]["text"] == "6"
    assert shown["New requests"]["change"] == "up 50 % compared with the previous period"
    assert shown["Resolved within the due date"]["text"] == "90 %"
    assert shown["Resolved within the due date"]["change"] == "up 30 points compared with the previous period"
    assert shown["Satisfaction"]["text"] == "4.5 / 5"
    assert shown["Satisfaction"]["change"] == "up 1.0 compared with the previous period"
    assert shown["Open at the end of the period"]["change"] == "stable compared with the previous period"
    assert shown["Median first response"]["text"] == "≤ 2 days"
    assert shown["Median first response"]["previous"] == "≤ 1 day"
    assert shown["Median first response"]["change"] == "up 100 % compared with the previous period"
    assert "up 50 % compared with the previous period" in html
    assert "Previous period: 4" in html


def test_it_says_when_a_figure_went_down(client, manager, category):
    today = timezone.localdate()
    fact(today, category, created=3)
    fact(today - datetime.timedelta(days=7), category, created=4)
    client.force_login(manager)

    shown, _ = tiles(client)

    assert shown["New requests"]["change"] == "down 25 % compared with the previous period"


def test_it_shows_a_dash_where_there_is_no_figure(client, manager, two_weeks):
    client.force_login(manager)

    shown, _ = tiles(client)

    assert shown["Ease (effort)"]["text"] == DASH
    assert shown["Ease (effort)"]["change"] == "no comparison with the previous period"
    assert shown["Ease (effort)"]["url"] == ""
    assert shown["Resolution time, 90th percentile"]["text"] == DASH


def test_it_says_more_than_the_last_bound(client, manager, category):
    fact(timezone.localdate(), category, resolved=1, resolution_histogram=histogram(DURATION_BUCKETS - 1, 1))
    client.force_login(manager)

    shown, _ = tiles(client)

    assert shown["Median resolution time"]["text"] == "> 90 days"
