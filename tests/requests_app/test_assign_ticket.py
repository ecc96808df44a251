"""A ticket is assigned to an active agent or supervisor of the service in charge of it."""

import pytest

from accounts.models import Role
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory, UserFactory

from .helpers import assert_names_current_state, events_of, person, snapshot


def test_it_assigns_a_received_ticket_and_qualifies_it(category, supervisor, agent):
    ticket = TicketFactory(category=category)

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    ticket.refresh_from_db()
    assert ticket.assignee == agent
    assert ticket.status == Ticket.Status.QUALIFIED
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.ASSIGNED
    assert event.actor == supervisor
    assert (event.from_status, event.to_status) == ("received", "qualified")
    assert event.is_public
    assert event.data == {"assignee": agent.pk, "assignee_name": str(agent)}


def test_it_hands_a_ticket_in_progress_to_a_colleague_internally(category, agent, colleague):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    workflow.assign_ticket(ticket.pk, by=agent, assignee=colleague)

    ticket.refresh_from_db()
    assert ticket.assignee == colleague
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert not events_of(ticket).last().is_public


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "administrator", "citizen"])
def test_it_refuses_an_assignee_who_does_not_work_in_the_service(request, name, category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=agent, assignee=person(request, name))

    assert snapshot(ticket) == before


def test_it_refuses_an_agent_who_has_left(category, agent, service):
    former = UserFactory(role=Role.AGENT, services=[service], is_active=False)
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=agent, assignee=former)

    assert snapshot(ticket) == before


def test_it_refuses_nobody(category, agent):
    ticket = TicketFactory(category=category)
    with pytest.raises(InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=agent, assignee=None)


def test_it_refuses_a_double_click(category, supervisor, agent):
    ticket = TicketFactory(category=category)
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition, match=ticket.reference):
        workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.ASSIGNED).count() == 1


def test_it_refuses_a_closed_ticket(category, agent, colleague):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.assign_ticket(ticket.pk, by=agent, assignee=colleague)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=person(request, name), assignee=agent)

    assert snapshot(ticket) == before


def test_it_lets_a_supervisor_assign_in_any_of_their_services(other_category, supervisor, agent_of_other_service):
    ticket = TicketFactory(category=other_category)

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent_of_other_service)

    assert Ticket.objects.get(pk=ticket.pk).assignee == agent_of_other_service


def test_it_lets_an_administrator_assign(category, administrator, agent):
    ticket = TicketFactory(category=category)

    workflow.assign_ticket(ticket.pk, by=administrator, assignee=agent)

    assert Ticket.objects.get(pk=ticket.pk).assignee == agent
    assert events_of(ticket).last().actor == administrator
