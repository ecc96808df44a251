"""The database itself refuses a ticket whose timestamps contradict its status."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from requests_app.models import Ticket
from tests.factories import TicketFactory

S = Ticket.Status


def refused(ticket, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).update(**fields)
    return True


def test_it_refuses_resolved_without_resolved_at(category):
    assert refused(TicketFactory(category=category), status=S.RESOLVED)


def test_it_refuses_closed_without_closed_at(category, agent):
    assert refused(TicketFactory(category=category, agent=agent, resolved=True), status=S.CLOSED)


def test_it_refuses_closed_without_resolved_at(category):
    assert refused(TicketFactory(category=category), status=S.CLOSED, closed_at=timezone.now())


def test_it_refuses_an_open_ticket_with_an_end(category, agent):
    assert refused(TicketFactory(category=category), resolved_at=timezone.now())
    assert refused(TicketFactory(category=category, agent=agent, resolved=True), status=S.IN_PROGRESS)


def test_it_refuses_awaiting_without_awaiting_since(category):
    assert refused(TicketFactory(category=category), status=S.AWAITING_CITIZEN)


def test_it_refuses_awaiting_since_on_a_ticket_that_is_not_waiting(category):
    assert refused(TicketFactory(category=category), awaiting_since=timezone.now())


def test_it_refuses_merged_without_a_target(category):
    assert refused(TicketFactory(category=category), status=S.MERGED)


def test_it_refuses_a_target_on_a_ticket_that_is_not_merged(category):
    ticket, other = TicketFactory(category=category), TicketFactory(category=category)
    assert refused(ticket, duplicate_of=other)


def test_it_refuses_rejected_without_a_reason(category):
    assert refused(TicketFactory(category=category), status=S.REJECTED, rejection_reason="")


def test_it_refuses_a_first_response_before_the_ticket_existed(category):
    ticket = TicketFactory(category=category)
    assert refused(ticket, first_response_at=ticket.created_at - datetime.timedelta(minutes=1))


def test_it_refuses_a_resolution_before_the_ticket_existed(category):
    ticket = TicketFactory(category=category)
    assert refused(ticket, status=S.RESOLVED, resolved_at=ticket.created_at - datetime.timedelta(minutes=1))


def test_it_refuses_a_closing_before_the_resolution(category, agent):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    assert refused(ticket, closed_at=ticket.resolved_at - datetime.timedelta(seconds=1))


def test_it_refuses_a_ticket_nobody_could_be_reached_for(category):
    ticket = TicketFactory(category=category)
    assert refused(ticket, citizen=None, contact_name="", contact_email="", contact_phone="")


def test_it_accepts_the_coherent_states_the_workflow_writes(category, agent):
    for trait in ({}, {"in_progress": True}, {"awaiting": True}, {"resolved": True}, {"closed": True}):
        TicketFactory(category=category, agent=agent, **trait)
    TicketFactory(category=category, agent=agent, rejected=True)
    assert Ticket.objects.count() == 6


def test_it_leaves_the_row_as_it_was_after_a_refusal(category):
    ticket = TicketFactory(category=category)
    refused(ticket, status=S.RESOLVED)
    assert Ticket.objects.get(pk=ticket.pk).status == S.RECEIVED
