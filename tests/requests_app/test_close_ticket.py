"""Resolved tickets are closed by an agent, or by the system once the reopening delay is over."""

import datetime

import pytest

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_closes_a_resolved_ticket(category, agent):
    with frozen(paris(2026, 3, 2)):
        ticket = TicketFactory(category=category, agent=agent, resolved=True)
    with frozen(paris(2026, 3, 3)) as now:
        workflow.close_ticket(ticket.pk, by=agent)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert ticket.closed_at == now
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.CLOSED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("resolved", "closed")


def test_it_lets_the_system_close_without_a_person(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    workflow.close_ticket(ticket.pk, by=None)

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED
    assert events_of(ticket).last().actor is None


def test_it_refuses_a_double_click(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    workflow.close_ticket(ticket.pk, by=agent)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.close_ticket(ticket.pk, by=agent)

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.CLOSED).count() == 1


@pytest.mark.parametrize("trait", [{}, {"in_progress": True}, {"awaiting": True}, {"rejected": True}])
def test_it_refuses_a_ticket_that_is_not_resolved(trait, category, agent):
    ticket = TicketFactory(category=category, agent=agent, **trait)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.close_ticket(ticket.pk, by=agent)

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["citizen", "other_citizen", "anonymous", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_outside_the_service(request, name, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.close_ticket(ticket.pk, by=person(request, name))

    assert snapshot(ticket) == before


def resolved_on(moment, *, category, agent) -> Ticket:
    with frozen(moment - datetime.timedelta(hours=1)):
        ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    with frozen(moment):
        workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")
    return ticket


def test_it_closes_only_resolved_tickets_past_the_reopening_delay(settings, category, agent):
    settings.REOPEN_DELAY_DAYS = 15
    stale = resolved_on(paris(2026, 3, 1, 9), category=category, agent=agent)
    fresh = resolved_on(paris(2026, 3, 10, 9), category=category, agent=agent)
    with frozen(paris(2026, 2, 1)):
        old_but_open = TicketFactory(category=category, agent=agent, in_progress=True)
        old_and_rejected = TicketFactory(category=category, agent=agent, rejected=True)

    with frozen(paris(2026, 3, 20, 3)) as now:
        closed = workflow.close_stale_resolved()

    assert closed == 1
    statuses = dict(Ticket.objects.values_list("pk", "status"))
    assert statuses[stale.pk] == Ticket.Status.CLOSED
    assert statuses[fresh.pk] == Ticket.Status.RESOLVED
    assert statuses[old_but_open.pk] == Ticket.Status.IN_PROGRESS
    assert statuses[old_and_rejected.pk] == Ticket.Status.REJECTED
    assert Ticket.objects.get(pk=stale.pk).closed_at == now
    event = events_of(stale).last()
    assert (event.kind, event.actor) == (TicketEvent.Kind.CLOSED, None)


def test_it_leaves_a_ticket_resolved_exactly_at_the_limit(settings, category, agent):
    settings.REOPEN_DELAY_DAYS = 15
    ticket = resolved_on(paris(2026, 3, 1, 9), category=category, agent=agent)

    with frozen(paris(2026, 3, 16, 9)):
        assert workflow.close_stale_resolved() == 0

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED


def test_it_follows_the_configured_delay(settings, category, agent):
    ticket = resolved_on(paris(2026, 3, 1, 9), category=category, agent=agent)

    settings.REOPEN_DELAY_DAYS = 30
    with frozen(paris(2026, 3, 20)):
        assert workflow.close_stale_resolved() == 0
    settings.REOPEN_DELAY_DAYS = 7
    with frozen(paris(2026, 3, 20)):
        assert workflow.close_stale_resolved() == 1

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED
