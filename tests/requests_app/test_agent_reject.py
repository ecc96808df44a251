from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def reject(client, ticket, reason):
    return client.post(reverse("requests_app:agent_reject", args=[ticket.reference]), {"reject-reason": reason})


def test_it_rejects_a_request_with_its_reason(client, agent, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    response = reject(client, ticket, "Cette voie relève du Département.")

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.REJECTED
    assert ticket.rejection_reason == "Cette voie relève du Département."
    assert events_of(ticket, TicketEvent.Kind.REJECTED).get().actor == agent
    assert ticket.notifications.filter(template="rejected").count() == 1


def test_it_refuses_a_rejection_without_reason_with_400(client, agent, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reject(client, ticket, "  ")

    assert response.status_code == 400
    assert 'href="#id_reject-reason"' in response.text
    assert snapshot(ticket) == before


def test_it_refuses_to_reject_a_rejected_request_with_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, rejected=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reject(client, ticket, "Doublon.")

    assert response.status_code == 409
    assert snapshot(ticket) == before
