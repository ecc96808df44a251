"""An agent takes a ticket of their service: it becomes theirs and work starts."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, person, snapshot


def test_it_takes_a_received_ticket(category, agent):
    ticket = TicketFactory(category=category)

    workflow.take_ticket(ticket.pk, by=agent)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.assignee == agent
    assert ticket.updated_at >= ticket.created_at
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.ASSIGNED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("received", "in_progress")
    assert event.is_public  # the citizen sees that work has started
    assert event.data["assignee"] == agent.pk
    # Taking a ticket is not worth an e-mail: only the acknowledgement is in the outbox.
    assert list(Notification.objects.filter(ticket=ticket).values_list("template", flat=True)) == ["acknowledgement"]


def test_it_takes_over_from_a_colleague_without_telling_the_citizen(category, agent, colleague):
    ticket = TicketFactory(category=category, agent=colleague, in_progress=True)

    workflow.take_ticket(ticket.pk, by=agent)

    ticket.refresh_from_db()
    assert ticket.assignee == agent
    assert ticket.status == Ticket.Status.IN_PROGRESS
    event = events_of(ticket).last()
    assert (event.from_status, event.to_status) == ("in_progress", "in_progress")
    assert not event.is_public


def test_it_keeps_a_ticket_waiting_for_the_citizen_waiting(category, agent, colleague):
    ticket = TicketFactory(category=category, agent=colleague, awaiting=True)

    workflow.take_ticket(ticket.pk, by=agent)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert ticket.awaiting_since is not None


def test_it_refuses_a_double_click(category, agent):
    ticket = TicketFactory(category=category)
    workflow.take_ticket(ticket.pk, by=agent)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition, match=ticket.reference):
        workflow.take_ticket(ticket.pk, by=agent)

    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.ASSIGNED).count() == 1


def test_it_refuses_a_ticket_that_is_no_longer_open(category, agent):
    ticket = TicketFactory(category=category, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.take_ticket(ticket.pk, by=agent)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.take_ticket(ticket.pk, by=person(request, name))

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["supervisor", "administrator"])
def test_it_lets_a_supervisor_or_an_administrator_take_it(request, name, other_category):
    ticket = TicketFactory(category=other_category)
    someone = person(request, name)

    workflow.take_ticket(ticket.pk, by=someone)

    ticket.refresh_from_db()
    assert ticket.assignee == someone
    assert events_of(ticket).last().actor == someone
