"""A dashboard costs the same number of queries whatever the number of requests behind it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Channel, Kind
from satisfaction import rollups, stats
from satisfaction.models import Survey
from tests.factories import TicketFactory

PAGES = [
    ("manager", reverse("dashboard:overview")),
    ("supervisor", reverse("dashboard:service")),
    ("agent", reverse("dashboard:mine")),
]


def fill(category, other_category, agent, count):
    now = timezone.now()
    for number in range(count):
        mine = number % 3 != 0
        ticket = TicketFactory(
            category=category if mine else other_category,
            channel=[Channel.WEB, Channel.PHONE, Channel.EMAIL][number % 3],
            kind=Kind.COMPLAINT if number % 2 else Kind.REPORT,
            agent=agent if mine else None,
            resolved=number % 2 == 0,
            in_progress=number % 2 == 1,
        )
        Survey.objects.filter(ticket=ticket).update(
            answered_at=now, satisfaction=1 + number % 5, effort=3, comment=f"Remarque {number}"
        )
    rollups.refresh_recent(2)


def queries(client, url, params=None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_it_runs_as_many_queries_for_30_requests_as_for_3(
    client, request, category, other_category, agent, persona, url
):
    client.force_login(request.getfixturevalue(persona))
    fill(category, other_category, agent, 3)
    few = queries(client, url)

    fill(category, other_category, agent, 27)

    many = queries(client, url)
    assert len(many) == len(few), many


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_it_does_not_grow_with_the_days_shown(client, request, category, other_category, agent, persona, url):
    client.force_login(request.getfixturevalue(persona))
    fill(category, other_category, agent, 6)

    week = queries(client, url, {"period": "7"})
    year = queries(client, url, {"period": "365"})

    assert len(year) == len(week)


@pytest.mark.parametrize(("persona", "url", "budget"), [(*PAGES[0], 18), (*PAGES[1], 22), (*PAGES[2], 10)])
def test_it_stays_within_a_fixed_query_budget(
    client, request, category, other_category, agent, persona, url, budget, django_assert_max_num_queries
):
    fill(category, other_category, agent, 12)
    client.force_login(request.getfixturevalue(persona))

    # Session, user, the filter choices, two reads per figure and its previous period: nothing per request.
    with django_assert_max_num_queries(budget):
        client.get(url, {"low": "on"})


def test_it_reads_a_download_with_one_figure_only(client, manager, category, other_category, agent):
    fill(category, other_category, agent, 6)
    client.force_login(manager)

    page = queries(client, reverse("dashboard:overview"))
    stats.facts_changed()  # nothing cached by the page
    download = queries(client, reverse("dashboard:overview"), {"format": "csv", "table": "volume"})

    facts_reads = [sql for sql in download if "SUM(" in sql]
    assert len(facts_reads) == 1, download  # the period's facts, not the previous period's nor the categories
    assert not [sql for sql in download if "satisfaction_survey" in sql]  # nor the comments
    assert len(download) < len(page) - 3
