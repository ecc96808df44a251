"""The citizen writes on their ticket, signed in or through the tracking link; an answer to a
question resumes the work."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, person, snapshot


def test_it_answers_a_question_and_resumes_the_work(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, awaiting=True)

    message = workflow.citizen_reply(ticket.pk, by=citizen, body="C'est devant le 12.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.awaiting_since is None
    assert message.kind == Message.Kind.CITIZEN_MESSAGE
    assert message.author == citizen
    assert message.channel == "web"
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.CITIZEN_MESSAGE
    assert event.actor == citizen
    assert (event.from_status, event.to_status) == ("awaiting_citizen", "in_progress")
    assert event.is_public
    assert event.message == message
    # The citizen's own message is not e-mailed back to them.
    templates = Notification.objects.filter(channel="email", ticket=ticket).values_list("template", flat=True)
    assert sorted(templates) == ["acknowledgement", "info_requested"]


def test_it_takes_a_message_through_the_tracking_link(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    message = workflow.citizen_reply(ticket.pk, by=None, body="Devant le 12.", via_token=True)

    assert message.author is None
    assert events_of(ticket).last().actor is None
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS


def test_it_records_the_channel_of_an_e_mailed_answer(category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)

    message = workflow.citizen_reply(ticket.pk, by=citizen, body="Une précision.", channel="email")

    assert message.channel == "email"
    assert events_of(ticket).last().channel == "email"


@pytest.mark.parametrize("trait", [{}, {"in_progress": True}])
def test_it_adds_a_message_without_moving_the_status(trait, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, **trait)
    status, due = ticket.status, ticket.due_date

    workflow.citizen_reply(ticket.pk, by=citizen, body="Le trou s'agrandit.")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.due_date) == (status, due)
    assert (events_of(ticket).last().from_status, events_of(ticket).last().to_status) == (status, status)


def test_it_resumes_only_once_when_the_answer_is_posted_twice(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, awaiting=True)
    workflow.citizen_reply(ticket.pk, by=citizen, body="Devant le 12.")
    ticket.refresh_from_db()

    # A second identical post is a second message: it is accepted but moves nothing more.
    workflow.citizen_reply(ticket.pk, by=citizen, body="Devant le 12.")

    after = Ticket.objects.get(pk=ticket.pk)
    assert (after.status, after.due_date) == (ticket.status, ticket.due_date)
    assert events_of(ticket).filter(from_status="awaiting_citizen").count() == 1


@pytest.mark.parametrize("trait", ["resolved", "closed", "rejected"])
def test_it_refuses_a_message_on_a_finished_ticket(trait, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, **{trait: True})
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.citizen_reply(ticket.pk, by=citizen, body="Toujours pas réparé.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["other_citizen", "anonymous", "agent", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_but_the_citizen(request, name, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, awaiting=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.citizen_reply(ticket.pk, by=person(request, name), body="Je réponds à sa place.")

    assert snapshot(ticket) == before


def test_it_refuses_an_empty_message(category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.citizen_reply(ticket.pk, by=citizen, body="  ")

    assert snapshot(ticket) == before
