from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def ask(client, ticket, body):
    return client.post(reverse("requests_app:agent_request_info", args=[ticket.reference]), {"request_info-body": body})


def test_it_asks_the_citizen_for_information(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)

    response = ask(client, ticket, "Quel est le numéro de la rue ?")

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert ticket.awaiting_since is not None
    event = events_of(ticket, TicketEvent.Kind.INFO_REQUESTED).get()
    assert event.message.body == "Quel est le numéro de la rue ?"
    assert ticket.notifications.filter(template="info_requested").count() == 1


def test_it_refuses_an_empty_question_with_400(client, agent, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = ask(client, ticket, "")

    assert response.status_code == 400
    assert snapshot(ticket) == before


def test_it_refuses_to_ask_twice_with_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = ask(client, ticket, "Et la couleur de la porte ?")

    assert response.status_code == 409
    assert snapshot(ticket) == before
