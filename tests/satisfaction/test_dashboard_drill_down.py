"""Every number links to the workbench list of the requests behind it, and the list has that many rows."""

import pytest
from django.urls import reverse

from requests_app.models import TicketEvent

from .rollup_data import rollup_story  # noqa: F401

OVERVIEW = reverse("dashboard:overview")
SERVICE = reverse("dashboard:service")
# Periods of the story (rebuilt by the fixture): around the spring and autumn clock changes.
PERIODS = [("2026-03-26", "2026-04-01"), ("2026-03-01", "2026-04-30"), ("2026-10-22", "2026-10-28")]


@pytest.fixture
def client(client):
    """The figures' names are asserted in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def signed_in(client, manager, settings):
    settings.WORKBENCH_PAGE_SIZE = 500
    client.force_login(manager)
    return client


def listed(client, url) -> int:
    assert url.startswith(reverse("requests_app:workbench") + "?")
    response = client.get(url)
    assert response.status_code == 200, response.context["form"].errors
    return response.context["page_obj"].paginator.count


def dashboard(client, start, end, **filters):
    response = client.get(OVERVIEW, {"period": "custom", "start": start, "end": end, **filters})
    assert response.status_code == 200
    return response.context


def tile(context, label):
    return next(tile for tile in context["tiles"] if str(tile["label"]) == label)


def distinct_resolved(url_context) -> int:
    return TicketEvent.objects.filter(kind=TicketEvent.Kind.RESOLVED, **url_context).values("ticket").distinct().count()


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_it_links_the_key_figures_to_as_many_requests(signed_in, rollup_story, start, end):  # noqa: F811
    context = dashboard(signed_in, start, end)
    checked = 0
    for label in ("New requests", "Open at the end of the period", "Of which overdue"):
        figure = tile(context, label)
        if figure["value"]:
            assert listed(signed_in, figure["url"]) == figure["value"], label
            checked += 1
        else:
            assert figure["url"] == ""
    assert checked >= 2


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_it_links_resolutions_to_the_requests_resolved_in_the_period(signed_in, rollup_story, start, end):  # noqa: F811
    context = dashboard(signed_in, start, end)
    figure = tile(context, "Resolutions")
    period = context["period"]
    from satisfaction.stats import local_bounds

    low, high = local_bounds(period.start, period.end)
    resolved_tickets = distinct_resolved({"created_at__gte": low, "created_at__lt": high})
    # A request resolved twice counts twice in the figure, once in the list.
    assert listed(signed_in, figure["url"]) == resolved_tickets
    assert resolved_tickets <= figure["value"]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_it_links_every_cell_of_the_volume_and_backlog_tables(signed_in, rollup_story, start, end):  # noqa: F811
    context = dashboard(signed_in, start, end)
    tables = {item["table"].name: item["table"] for item in context["charts"]}
    # Every count of these tables is exact: new requests by period and channel, open requests by age.
    cells = [cell for name in ("volume", "backlog") for row in tables[name].rows for cell in row[1:]]
    # The top categories' new requests (their resolutions count events, as above).
    cells += [row[2] for row in tables["categories"].rows]
    linked = [cell for cell in cells if cell.url]
    assert len(linked) >= 3
    for cell in cells:
        if cell.url:
            assert listed(signed_in, cell.url) == cell.value, cell
        else:
            assert cell.value == 0, "a figure without its list"


def test_it_keeps_the_filters_of_the_page_in_the_links(signed_in, rollup_story):  # noqa: F811
    story = rollup_story
    context = dashboard(signed_in, "2026-03-01", "2026-04-30", service=story.voirie.pk, channel="phone")
    figure = tile(context, "New requests")

    assert f"service={story.voirie.pk}" in figure["url"] and "channel=phone" in figure["url"]
    assert listed(signed_in, figure["url"]) == figure["value"] > 0
    everything = tile(dashboard(signed_in, "2026-03-01", "2026-04-30"), "New requests")
    assert everything["value"] > figure["value"]


def test_it_links_a_supervisors_figures_to_lists_within_their_services(client, rollup_story, settings):  # noqa: F811
    from accounts.models import Role
    from tests.factories import UserFactory

    settings.WORKBENCH_PAGE_SIZE = 500
    supervisor = UserFactory(role=Role.SUPERVISOR, services=[rollup_story.voirie])
    client.force_login(supervisor)

    response = client.get(SERVICE, {"period": "custom", "start": "2026-03-01", "end": "2026-04-30"})
    figure = tile(response.context, "New requests")

    assert "service=" not in figure["url"]  # the workbench's default: all the supervisor's services
    assert listed(client, figure["url"]) == figure["value"] > 0
    manager_view = rollup_story.voirie.tickets.filter(created_at__year=2026, created_at__month__in=(3, 4)).count()
    assert figure["value"] == manager_view
