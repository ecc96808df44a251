"""The citizen confirms that the resolution suits them, which closes the ticket."""

import pytest

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_closes_the_ticket_on_the_citizens_word(category, citizen, agent):
    with frozen(paris(2026, 3, 2)):
        ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    with frozen(paris(2026, 3, 4)) as now:
        workflow.confirm_resolution(ticket.pk, by=citizen)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert ticket.closed_at == now
    assert ticket.resolved_at == paris(2026, 3, 2)
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.CONFIRMED
    assert event.actor == citizen
    assert (event.from_status, event.to_status) == ("resolved", "closed")
    assert event.is_public


def test_it_takes_the_confirmation_through_the_tracking_link(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    workflow.confirm_resolution(ticket.pk, by=None, via_token=True)

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED
    assert events_of(ticket).last().actor is None


def test_it_refuses_a_double_click(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    workflow.confirm_resolution(ticket.pk, by=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.confirm_resolution(ticket.pk, by=citizen)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.CONFIRMED).count() == 1


def test_it_refuses_a_ticket_that_is_not_resolved(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, in_progress=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.confirm_resolution(ticket.pk, by=citizen)

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent", "supervisor", "other_citizen", "anonymous", "manager"])
def test_it_is_the_citizens_word_only(request, name, category, citizen, colleague):
    ticket = TicketFactory(category=category, citizen=citizen, agent=colleague, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.confirm_resolution(ticket.pk, by=person(request, name))

    assert snapshot(ticket) == before
