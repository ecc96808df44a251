import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import CategoryFactory, TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def reroute(client, ticket, category_pk, note=""):
    return client.post(
        reverse("requests_app:agent_reroute", args=[ticket.reference]),
        {"reroute-category": category_pk, "reroute-note": note},
    )


def test_it_sends_a_request_to_another_service(client, agent, category, other_category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)

    response = reroute(client, ticket, other_category.pk, note="Concerne l'état civil.")

    # The request has left the agent's services: back to the workbench.
    assert response.status_code == 302
    assert response.url == reverse("requests_app:workbench")
    ticket.refresh_from_db()
    assert ticket.service == other_category.service
    assert ticket.category == other_category
    assert ticket.assignee is None
    assert ticket.status == Ticket.Status.QUALIFIED
    event = events_of(ticket, TicketEvent.Kind.REROUTED).get()
    assert event.actor == agent
    assert event.data["note"] == "Concerne l'état civil."


def test_it_changes_the_category_within_the_service(client, agent, category, service):
    lighting = CategoryFactory(service=service, name="Éclairage public")
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    response = reroute(client, ticket, lighting.pk)

    assert response.status_code == 302
    assert response.url == ticket.get_absolute_url()
    ticket.refresh_from_db()
    assert ticket.category == lighting


@pytest.mark.parametrize("forged", ["unknown", "inactive", "current", "junk"])
def test_it_refuses_a_forged_category_with_400(client, agent, category, service, forged):
    ticket = TicketFactory(category=category)
    inactive = CategoryFactory(service=service, is_active=False)
    value = {"unknown": 999_999, "inactive": inactive.pk, "current": category.pk, "junk": "1 OR 1=1"}[forged]
    before = snapshot(ticket)
    client.force_login(agent)

    response = reroute(client, ticket, value)

    assert response.status_code == 400
    assert response.context["failed_form"].has_error("category")
    assert snapshot(ticket) == before


def test_it_refuses_to_reroute_a_resolved_request_with_409(client, agent, category, other_category):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reroute(client, ticket, other_category.pk)

    assert response.status_code == 409
    assert snapshot(ticket) == before
