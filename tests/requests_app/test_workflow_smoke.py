from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory


def test_it_walks_a_ticket_to_closed(category, agent):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    assert ticket.status == Ticket.Status.CLOSED
    kinds = list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True))
    assert kinds == ["created", "assigned", "resolved", "closed"]
    assert Notification.objects.filter(ticket=ticket).count() == 2
    assert workflow.available_actions(ticket, agent) == [workflow.Action.NOTE, workflow.Action.REOPEN]
