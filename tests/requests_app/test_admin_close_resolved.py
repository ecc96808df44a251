from django.contrib.messages import get_messages
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot

URL = reverse("admin:requests_app_ticket_changelist")


def run_action(client, tickets):
    return client.post(
        URL,
        {"action": "close_resolved", "_selected_action": [ticket.pk for ticket in tickets], "index": 0},
    )


def test_it_closes_resolved_tickets_through_the_workflow(client, administrator, agent, category):
    resolved = TicketFactory(category=category, agent=agent, resolved=True)
    log_in_with_second_factor(client, administrator)

    response = run_action(client, [resolved])

    assert response.status_code == 302
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.CLOSED
    assert resolved.closed_at is not None
    event = events_of(resolved, TicketEvent.Kind.CLOSED).get()
    assert event.actor == administrator
    assert event.from_status == Ticket.Status.RESOLVED


def test_it_reports_each_ticket_it_cannot_close_and_leaves_it_alone(client, administrator, agent, category):
    resolved = TicketFactory(category=category, agent=agent, resolved=True)
    still_open = TicketFactory(category=category)
    before = snapshot(still_open)
    log_in_with_second_factor(client, administrator)

    response = run_action(client, [resolved, still_open])

    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.CLOSED
    assert snapshot(still_open) == before
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert still_open.reference in warnings[0]
