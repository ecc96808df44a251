import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def merge(client, ticket, into):
    return client.post(reverse("requests_app:agent_merge", args=[ticket.reference]), {"merge-into": into})


def test_it_merges_a_duplicate_into_the_request_to_keep(client, agent, category):
    duplicate, survivor = TicketFactory(category=category), TicketFactory(category=category)
    client.force_login(agent)

    response = merge(client, duplicate, f"  {survivor.reference} ")

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Ticket.Status.MERGED
    assert duplicate.duplicate_of == survivor
    assert events_of(duplicate, TicketEvent.Kind.MERGED).get().data["into"] == survivor.reference
    assert events_of(survivor, TicketEvent.Kind.DUPLICATE_ATTACHED).get().data["duplicate"] == duplicate.reference
    assert duplicate.notifications.filter(template="merged").count() == 1


@pytest.mark.parametrize("target", ["unknown", "other_service", "itself"])
def test_it_refuses_a_target_the_agent_cannot_use_with_400(client, agent, category, other_category, target):
    ticket = TicketFactory(category=category)
    elsewhere = TicketFactory(category=other_category)
    into = {"unknown": "2026-999999", "other_service": elsewhere.reference, "itself": ticket.reference}[target]
    before, other_before = snapshot(ticket), snapshot(elsewhere)
    client.force_login(agent)

    response = merge(client, ticket, into)

    assert response.status_code == 400
    assert response.context["failed_form"].has_error("into")
    assert f'value="{into}"' in response.text
    assert snapshot(ticket) == before
    assert snapshot(elsewhere) == other_before


def test_it_refuses_a_closed_target_with_409(client, agent, category):
    ticket = TicketFactory(category=category)
    closed = TicketFactory(category=category, agent=agent, closed=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = merge(client, ticket, closed.reference)

    assert response.status_code == 409
    assert [m for m in response.context["messages"] if closed.reference in m.message]
    assert snapshot(ticket) == before
