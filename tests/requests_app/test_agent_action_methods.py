"""What every action endpoint has in common: POST only, signed-in staff of the service only."""

import pytest
from django.urls import reverse

from requests_app.workflow import Action
from tests.factories import TicketFactory
from tests.requests_app.helpers import snapshot

ENDPOINTS = [
    "take",
    "assign",
    "reroute",
    "reply",
    "note",
    "request_info",
    "resolve",
    "reject",
    "merge",
    "reopen",
    "close",
]


def test_it_has_one_endpoint_per_agent_action():
    staff_actions = {Action(name) for name in ENDPOINTS}
    assert staff_actions == set(Action) - {Action.CITIZEN_REPLY, Action.CONFIRM}


@pytest.mark.parametrize("action", ENDPOINTS)
def test_it_answers_405_to_a_get(client, agent, category, action):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = client.get(reverse(f"requests_app:agent_{action}", args=[ticket.reference]))

    assert response.status_code == 405
    assert snapshot(ticket) == before


@pytest.mark.parametrize("action", ENDPOINTS)
def test_it_hides_the_request_from_an_agent_of_another_service(client, agent_of_other_service, category, action):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent_of_other_service)

    response = client.post(reverse(f"requests_app:agent_{action}", args=[ticket.reference]))

    assert response.status_code == 404
    assert snapshot(ticket) == before


@pytest.mark.parametrize("action", ENDPOINTS)
def test_it_forbids_citizens(client, citizen, category, action):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)
    client.force_login(citizen)

    response = client.post(reverse(f"requests_app:agent_{action}", args=[ticket.reference]))

    assert response.status_code == 403
    assert snapshot(ticket) == before


@pytest.mark.parametrize("action", ENDPOINTS)
def test_it_sends_anonymous_visitors_to_the_login_page(client, category, action):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    response = client.post(reverse(f"requests_app:agent_{action}", args=[ticket.reference]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert snapshot(ticket) == before
