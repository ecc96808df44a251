"""Reading a request never changes it; the actions answer only to POST."""

import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory


# Confirming and reopening by link answer GET with a page holding the button, which changes
# nothing: see test_citizen_one_click.
@pytest.mark.parametrize("action", ["track_reply"])
def test_it_refuses_get_on_the_actions_by_link(client, category, agent, action):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    response = client.get(reverse(f"requests_app:{action}", args=[ticket.token]))

    assert response.status_code == 405
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED


@pytest.mark.parametrize("action", ["my_ticket_reply", "my_ticket_confirm", "my_ticket_reopen"])
def test_it_refuses_get_on_the_actions_of_the_account(client, citizen, category, agent, action):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", resolved=True)
    client.force_login(citizen)

    response = client.get(reverse(f"requests_app:{action}", args=[ticket.reference]))

    assert response.status_code == 405
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED


def test_it_leaves_the_request_untouched_when_it_is_read(client, citizen, category, agent):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", awaiting=True)
    events = TicketEvent.objects.count()
    client.force_login(citizen)

    client.get(reverse("requests_app:track", args=[ticket.token]))
    client.get(reverse("requests_app:my_ticket", args=[ticket.reference]))
    client.get(reverse("requests_app:my_tickets"))

    after = Ticket.objects.get(pk=ticket.pk)
    assert (after.status, after.updated_at, after.due_date) == (ticket.status, ticket.updated_at, ticket.due_date)
    assert TicketEvent.objects.count() == events
