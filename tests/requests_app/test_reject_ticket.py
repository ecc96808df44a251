"""A ticket the town hall cannot handle is rejected with a reason the citizen receives."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_rejects_with_a_reason(category, citizen, agent):
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category, citizen=citizen)
    with frozen(paris(2026, 3, 2, 15)) as now:
        workflow.reject_ticket(ticket.pk, by=agent, reason="  Cette route relève du Département.  ")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.REJECTED
    assert ticket.rejection_reason == "Cette route relève du Département."
    assert ticket.first_response_at == now
    assert ticket.resolved_at is None
    assert ticket.closed_at is None
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.REJECTED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("received", "rejected")
    assert event.is_public
    assert event.data == {"reason": "Cette route relève du Département."}
    notification = Notification.objects.get(channel="email", ticket=ticket, template="rejected")
    assert notification.recipient == citizen
    assert notification.context == {"reason": "Cette route relève du Département."}


def test_it_stops_waiting_for_the_citizen(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    workflow.reject_ticket(ticket.pk, by=agent, reason="Sans réponse de votre part.")

    assert Ticket.objects.get(pk=ticket.pk).awaiting_since is None


def test_it_refuses_a_double_click(category, agent):
    ticket = TicketFactory(category=category)
    workflow.reject_ticket(ticket.pk, by=agent, reason="Hors compétence.")
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.reject_ticket(ticket.pk, by=agent, reason="Hors compétence.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.REJECTED).count() == 1


def test_it_refuses_to_reject_without_a_reason(category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reject_ticket(ticket.pk, by=agent, reason=" ")

    assert snapshot(ticket) == before


def test_it_cannot_be_reopened(category, agent, citizen):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, rejected=True)

    for by in (agent, citizen):
        with pytest.raises(InvalidTransition):
            workflow.reopen_ticket(ticket.pk, by=by, reason="Je conteste.")

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.REJECTED


@pytest.mark.parametrize("name", ["citizen", "other_citizen", "anonymous", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reject_ticket(ticket.pk, by=person(request, name), reason="Non.")

    assert snapshot(ticket) == before
