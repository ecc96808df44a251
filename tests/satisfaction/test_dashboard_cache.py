"""Dashboard figures are computed once per version of the daily facts, then read from the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Channel
from satisfaction import rollups, stats, tasks
from tests.factories import TicketFactory

OVERVIEW = reverse("dashboard:overview")


def facts_reads(client, params=None) -> tuple[list[str], str]:
    """The queries that add up daily facts while the overview is shown, and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(OVERVIEW, params or {"period": "30"})
    assert response.status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if "satisfaction_dailyfact" in q["sql"] and "SUM(" in q["sql"]]
    return reads, response.content.decode()


def new_requests(category, count):
    for _ in range(count):
        TicketFactory(category=category, channel=Channel.PHONE)
    rollups.refresh_recent(1)


def test_it_serves_the_figures_from_the_cache_until_the_rollups_rewrite_the_facts(client, manager, category):
    new_requests(category, 2)
    client.force_login(manager)

    first, _page = facts_reads(client)
    again, _page = facts_reads(client)
    assert len(first) == 3  # the period, the previous period, the categories
    assert again == []

    new_requests(category, 3)
    after, _page = facts_reads(client)
    assert len(after) == 3
    kpis = stats.kpis(stats.Period.last(30), stats.Filters())
    assert kpis.created == 5


def test_it_computes_every_time_when_the_cache_is_off(client, manager, category, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    new_requests(category, 2)
    client.force_login(manager)

    facts_reads(client)
    again, _page = facts_reads(client)

    assert len(again) == 3


def test_it_keys_the_same_filters_in_any_order_alike(category, other_category):
    new_requests(category, 1)
    period = stats.Period.last(30)
    version = stats.facts_version()
    stats.PeriodFacts.load(
        period, stats.Filters(services=(category.service_id, other_category.service_id)), version=version
    )

    with CaptureQueriesContext(connection) as captured:
        stats.PeriodFacts.load(
            period, stats.Filters(services=(other_category.service_id, category.service_id)), version=version
        )

    assert captured.captured_queries == []


@pytest.mark.parametrize("days", [7, 30, 90, 365])
def test_it_warms_the_usual_periods_for_the_town_and_each_supervisor(
    client, manager, service_supervisor, category, days
):
    new_requests(category, 2)
    stats.warm()

    client.force_login(manager)
    town, _page = facts_reads(client, {"period": str(days)})
    client.force_login(service_supervisor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard:service"), {"period": str(days)})
    assert response.status_code == 200

    assert town == []
    assert not [
        q
        for q in captured.captured_queries
        if "satisfaction_dailyfact" in q["sql"] and "SUM(" in q["sql"] and "agent" not in q["sql"]
    ]


def test_it_still_shows_the_figures_when_the_cache_is_unreachable(client, manager, category, settings):
    new_requests(category, 2)
    # Nothing listens on port 1.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    client.force_login(manager)

    reads, _page = facts_reads(client)
    again, _page = facts_reads(client)

    assert len(reads) == 3
    assert len(again) == 3  # computed each time: nothing could be kept
    assert stats.kpis(stats.Period.last(30), stats.Filters()).created == 2


def test_it_warms_the_dashboards_after_each_refresh_of_the_rollups(client, manager, category):
    for _ in range(2):
        TicketFactory(category=category, channel=Channel.PHONE)

    tasks.refresh_rollups()

    client.force_login(manager)
    reads, _page = facts_reads(client, {"period": "90"})
    assert reads == []
    assert stats.kpis(stats.Period.last(90), stats.Filters()).created == 2
