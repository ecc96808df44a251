"""A duplicate is merged into the ticket that survives; its citizen is told where to follow it."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, person, snapshot


def test_it_merges_a_duplicate_into_the_surviving_ticket(category, citizen, other_citizen, agent):
    duplicate = TicketFactory(category=category, citizen=other_citizen)
    survivor = TicketFactory(category=category, citizen=citizen, agent=agent, in_progress=True)

    workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=agent)

    duplicate.refresh_from_db()
    assert duplicate.status == Ticket.Status.MERGED
    assert duplicate.duplicate_of == survivor
    event = events_of(duplicate).last()
    assert event.kind == TicketEvent.Kind.MERGED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("received", "merged")
    assert event.is_public
    assert event.data == {"into": survivor.reference}

    # The survivor keeps its status and gets an internal line about the duplicate.
    survivor.refresh_from_db()
    assert survivor.status == Ticket.Status.IN_PROGRESS
    trace = events_of(survivor).last()
    assert trace.kind == TicketEvent.Kind.DUPLICATE_ATTACHED
    assert trace.actor == agent
    assert (trace.from_status, trace.to_status) == ("in_progress", "in_progress")
    assert not trace.is_public
    assert trace.data == {"duplicate": duplicate.reference}

    # Only the merged ticket's citizen is written to, and told where to follow.
    notification = Notification.objects.get(channel="email", template="merged")
    assert notification.ticket == duplicate
    assert notification.recipient == other_citizen
    assert notification.context["survivor_reference"] == survivor.reference
    assert not Notification.objects.filter(channel="email", ticket=survivor, template="merged").exists()


def test_it_stops_waiting_for_the_citizen_of_the_duplicate(category, agent):
    duplicate = TicketFactory(category=category, agent=agent, awaiting=True)
    survivor = TicketFactory(category=category)

    workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=agent)

    assert Ticket.objects.get(pk=duplicate.pk).awaiting_since is None


def test_it_refuses_to_merge_a_ticket_into_itself(category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(ticket.pk, into_id=ticket.pk, by=agent)

    assert snapshot(ticket) == before


def test_it_refuses_a_survivor_the_agent_cannot_see(category, other_category, agent):
    duplicate = TicketFactory(category=category)
    elsewhere = TicketFactory(category=other_category)
    before, before_elsewhere = snapshot(duplicate), snapshot(elsewhere)

    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(duplicate.pk, into_id=elsewhere.pk, by=agent)

    assert snapshot(duplicate) == before
    assert snapshot(elsewhere) == before_elsewhere


def test_it_lets_a_supervisor_merge_across_their_services(category, other_category, supervisor):
    duplicate = TicketFactory(category=category)
    survivor = TicketFactory(category=other_category)

    workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=supervisor)

    assert Ticket.objects.get(pk=duplicate.pk).duplicate_of_id == survivor.pk


@pytest.mark.parametrize("trait", ["resolved", "closed", "rejected"])
def test_it_refuses_a_survivor_that_is_no_longer_open(trait, category, agent):
    duplicate = TicketFactory(category=category)
    finished = TicketFactory(category=category, agent=agent, **{trait: True})
    before, before_finished = snapshot(duplicate), snapshot(finished)

    with pytest.raises(InvalidTransition, match=finished.reference):
        workflow.merge_tickets(duplicate.pk, into_id=finished.pk, by=agent)

    assert snapshot(duplicate) == before
    assert snapshot(finished) == before_finished


def test_it_refuses_crossed_merges(category, agent, colleague):
    first = TicketFactory(category=category)
    second = TicketFactory(category=category)
    workflow.merge_tickets(first.pk, into_id=second.pk, by=agent)
    before, before_second = snapshot(first), snapshot(second)

    # A colleague's page still offers the opposite merge: it would make a loop.
    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(second.pk, into_id=first.pk, by=colleague)

    assert snapshot(first) == before
    assert snapshot(second) == before_second
    assert Ticket.objects.get(pk=second.pk).status == Ticket.Status.RECEIVED


def test_it_refuses_to_merge_into_a_merged_ticket(category, agent):
    first, second, third = (TicketFactory(category=category) for _ in range(3))
    workflow.merge_tickets(first.pk, into_id=second.pk, by=agent)

    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(third.pk, into_id=first.pk, by=agent)

    assert Ticket.objects.get(pk=third.pk).status == Ticket.Status.RECEIVED


def test_it_refuses_a_double_click(category, agent):
    duplicate = TicketFactory(category=category)
    survivor = TicketFactory(category=category)
    workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=agent)
    before, before_survivor = snapshot(duplicate), snapshot(survivor)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=agent)

    assert_names_current_state(refusal.value, duplicate)
    assert snapshot(duplicate) == before
    assert snapshot(survivor) == before_survivor
    assert events_of(survivor, TicketEvent.Kind.DUPLICATE_ATTACHED).count() == 1
    assert Notification.objects.filter(channel="email", template="merged").count() == 1


def test_it_refuses_a_survivor_that_does_not_exist(category, agent):
    duplicate = TicketFactory(category=category)
    before = snapshot(duplicate)

    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(duplicate.pk, into_id=duplicate.pk + 1000, by=agent)

    assert snapshot(duplicate) == before


def test_it_says_when_the_duplicate_does_not_exist(category, agent):
    survivor = TicketFactory(category=category)

    with pytest.raises(Ticket.DoesNotExist):
        workflow.merge_tickets(survivor.pk + 1000, into_id=survivor.pk, by=agent)


@pytest.mark.parametrize("name", ["citizen", "other_citizen", "anonymous", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_outside_the_service(request, name, category, citizen):
    duplicate = TicketFactory(category=category, citizen=citizen)
    survivor = TicketFactory(category=category, citizen=citizen)
    before = snapshot(duplicate)

    with pytest.raises(InvalidTransition):
        workflow.merge_tickets(duplicate.pk, into_id=survivor.pk, by=person(request, name))

    assert snapshot(duplicate) == before
