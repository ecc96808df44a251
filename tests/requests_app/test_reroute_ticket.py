"""A ticket sent to another service leaves its agent behind; the citizen sees the move only when
the service changes."""

import pytest

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import CategoryFactory, ServiceFactory, TicketFactory

from .helpers import assert_names_current_state, events_of, person, snapshot


def test_it_sends_the_ticket_to_the_service_of_the_new_category(category, other_category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    workflow.reroute_ticket(ticket.pk, by=agent, category=other_category, note="Demande d'acte, pas de voirie.")

    ticket.refresh_from_db()
    assert ticket.service == other_category.service
    assert ticket.category == other_category
    assert ticket.assignee is None
    assert ticket.status == Ticket.Status.QUALIFIED
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.REROUTED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("in_progress", "qualified")
    assert event.is_public
    assert event.data == {
        "from_service": "Voirie",
        "to_service": "État civil",
        "from_category": "Nid-de-poule",
        "to_category": "Acte de naissance",
        "note": "Demande d'acte, pas de voirie.",
    }


def test_it_keeps_the_agent_when_only_the_category_changes(category, service, agent):
    sibling = CategoryFactory(service=service, name="Trottoir abîmé")
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    workflow.reroute_ticket(ticket.pk, by=agent, category=sibling)

    ticket.refresh_from_db()
    assert ticket.service == service
    assert ticket.category == sibling
    assert ticket.assignee == agent
    assert ticket.status == Ticket.Status.IN_PROGRESS
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.REROUTED
    assert (event.from_status, event.to_status) == ("in_progress", "in_progress")
    assert not event.is_public  # same service: an internal reclassification


def test_it_sends_a_ticket_to_a_service_directly(category, other_service, agent):
    ticket = TicketFactory(category=category)

    workflow.reroute_ticket(ticket.pk, by=agent, service=other_service)

    ticket.refresh_from_db()
    assert ticket.service == other_service
    assert ticket.category == category  # the kind of request did not change
    assert events_of(ticket).last().is_public


def test_it_keeps_a_ticket_waiting_for_the_citizen_waiting(category, other_category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    workflow.reroute_ticket(ticket.pk, by=agent, category=other_category)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert ticket.awaiting_since is not None
    assert ticket.assignee is None


def test_it_hands_the_ticket_over_to_the_new_service(category, other_category, agent, agent_of_other_service):
    ticket = TicketFactory(category=category)
    workflow.reroute_ticket(ticket.pk, by=agent, category=other_category)

    workflow.take_ticket(ticket.pk, by=agent_of_other_service)

    with pytest.raises(InvalidTransition):
        workflow.add_internal_note(ticket.pk, by=agent, body="Je le reprends.")
    assert Ticket.objects.get(pk=ticket.pk).assignee == agent_of_other_service


def test_it_refuses_a_double_click(category, other_category, agent):
    ticket = TicketFactory(category=category)
    workflow.reroute_ticket(ticket.pk, by=agent, category=other_category)
    before = snapshot(ticket)

    # The agent no longer works on it: the second click is stale.
    with pytest.raises(InvalidTransition) as refusal:
        workflow.reroute_ticket(ticket.pk, by=agent, category=other_category)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.REROUTED).count() == 1


def test_it_refuses_to_send_a_ticket_where_it_already_is(category, supervisor):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=supervisor, category=category)
    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=supervisor, service=category.service)

    assert snapshot(ticket) == before


def test_it_refuses_an_inactive_category_or_service(category, service, agent):
    retired = CategoryFactory(service=service, is_active=False)
    closed_service = ServiceFactory(is_active=False)
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=agent, category=retired)
    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=agent, service=closed_service)
    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=agent)

    assert snapshot(ticket) == before


def test_it_refuses_a_resolved_ticket(category, other_category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.reroute_ticket(ticket.pk, by=agent, category=other_category)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, other_category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reroute_ticket(ticket.pk, by=person(request, name), category=other_category)

    assert snapshot(ticket) == before
