"""What each dashboard shows: charts beside their tables, the comments, the workload, an agent's own figures."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from satisfaction import rollups
from satisfaction.models import Survey
from tests.factories import TicketFactory, UserFactory

OVERVIEW = reverse("dashboard:overview")
SERVICE = reverse("dashboard:service")
MINE = reverse("dashboard:mine")


@pytest.fixture
def client(client):
    """The figures' names are asserted in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def answer(ticket, satisfaction, comment):
    Survey.objects.filter(ticket=ticket).update(
        answered_at=timezone.now(), satisfaction=satisfaction, effort=3, comment=comment
    )


@pytest.fixture
def activity(category, other_category, agent):
    happy = TicketFactory(category=category, agent=agent, resolved=True)
    unhappy = TicketFactory(category=category, agent=agent, resolved=True)
    elsewhere = TicketFactory(category=other_category, resolved=True)
    TicketFactory(category=category, agent=agent, in_progress=True)
    answer(happy, 5, "Parfait, merci.")
    answer(unhappy, 1, "Personne ne m'a rappelé.")
    answer(elsewhere, 2, "Dossier perdu à l'état civil.")
    rollups.refresh_recent(2)
    return {"happy": happy, "unhappy": unhappy, "elsewhere": elsewhere}


def test_it_draws_each_chart_beside_its_data_table(client, manager, activity):
    client.force_login(manager)

    response = client.get(OVERVIEW, HTTP_ACCEPT_LANGUAGE="en")

    charts = response.context["charts"]
    assert [item["table"].name for item in charts] == [
        "volume",
        "backlog",
        "sla",
        "delays",
        "satisfaction",
        "pillars",
        "categories",
    ]
    html = response.text
    for item in charts:
        chart = item["chart"]
        assert f'<canvas id="{chart["id"]}" role="img" aria-label="{chart["summary"]}"' in html
        assert f'<script id="{chart["data_id"]}" type="application/json">' in html
        assert f'<caption class="caption-top">{item["table"].title}</caption>' in html
    volume = json.loads(html.split('<script id="chart-volume-data" type="application/json">')[1].split("</script>")[0])
    assert volume["type"] == "bar" and volume["stacked"] is True
    assert sum(sum(dataset["data"]) for dataset in volume["datasets"]) == 4
    assert "chart.umd.min" in html and "dashboard-charts" in html
    # No inline script: only JSON data and external files.
    assert "<script>" not in html


def test_it_lists_the_latest_comments_and_filters_the_low_scores(client, manager, activity):
    client.force_login(manager)

    every = client.get(OVERVIEW, {"period": "7"}).context["comments"]
    low = client.get(OVERVIEW, {"period": "7", "low": "on"})

    assert [row[-1].value for row in every.rows] == [
        "Dossier perdu à l'état civil.",
        "Personne ne m'a rappelé.",
        "Parfait, merci.",
    ]
    assert [row[-1].value for row in low.context["comments"].rows] == [
        "Dossier perdu à l'état civil.",
        "Personne ne m'a rappelé.",
    ]
    # The comments' filter keeps the period of the page.
    assert '<input type="hidden" name="period" value="7">' in low.text
    assert 'id="low-only" name="low" value="on" checked' in low.text


def test_it_scopes_a_supervisors_page_to_their_services(client, service, category, agent, activity):
    supervisor = UserFactory(role=Role.SUPERVISOR, services=[service])
    client.force_login(supervisor)

    response = client.get(SERVICE)

    comments = [row[-1].value for row in response.context["comments"].rows]
    assert "Dossier perdu à l'état civil." not in comments
    assert len(comments) == 2
    assert [row[0].value for row in response.context["workload"].rows] == [str(agent)]
    assert list(response.context["form"].fields["service"].queryset) == [service]
    new_requests = next(tile for tile in response.context["tiles"] if tile["label"] == "New requests")
    assert new_requests["value"] == 3


def test_it_shows_managers_every_service_on_the_services_page(client, manager, activity):
    client.force_login(manager)

    response = client.get(SERVICE)

    new_requests = next(tile for tile in response.context["tiles"] if tile["label"] == "New requests")
    assert new_requests["value"] == 4
    assert response.context["workload"] is not None


def test_it_shows_an_agent_their_own_figures(client, agent, colleague, category, activity):
    overdue = TicketFactory(category=category, agent=agent, in_progress=True)
    overdue.__class__.objects.filter(pk=overdue.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    TicketFactory(category=category, agent=colleague, in_progress=True)
    client.force_login(agent)

    response = client.get(MINE, HTTP_ACCEPT_LANGUAGE="en")

    shown = {str(tile["label"]): tile for tile in response.context["tiles"]}
    assert shown["Resolutions"]["value"] == 2
    assert shown["Satisfaction"]["text"] == "3.0 / 5"
    assert shown["Open requests assigned to me"]["value"] == 2
    assert shown["Of which overdue"]["value"] == 1
    assert shown["Of which overdue"]["url"] == reverse("requests_app:workbench") + "?mine=on&overdue=on"
    listed = client.get(shown["Of which overdue"]["url"]).context["page_obj"]
    assert [ticket.pk for ticket in listed] == [overdue.pk]
    assert len(client.get(shown["Open requests assigned to me"]["url"]).context["page_obj"]) == 2


def test_it_links_the_workload_to_each_agents_open_requests(client, supervisor, agent, colleague, category, activity):
    TicketFactory(category=category, agent=colleague, in_progress=True)
    late = TicketFactory(category=category, agent=agent, in_progress=True)
    late.__class__.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=2))
    client.force_login(supervisor)

    workload = client.get(SERVICE).context["workload"]

    rows = {row[0].value: row for row in workload.rows}
    assert {name: (row[1].value, row[2].value) for name, row in rows.items() if row[1].value} == {
        str(agent): (2, 1),
        str(colleague): (1, 0),
    }
    for row in workload.rows:
        for cell in row[1:3]:
            if cell.value:
                listed = client.get(cell.url).context["page_obj"].paginator.count
                assert listed == cell.value, cell.url
            else:
                assert cell.url == ""
