"""Tickets filed without an account join it once the citizen has verified that e-mail address."""

from accounts.models import Role
from requests_app import intake, workflow
from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory, UserFactory

from .helpers import events_of


def test_it_attaches_the_tickets_filed_under_the_verified_address(category, agent):
    first = TicketFactory(category=category, contact_email="lea.roux@example.fr")
    second = TicketFactory(category=category, contact_email="lea.roux@example.fr", agent=agent, resolved=True)
    someone_elses = TicketFactory(category=category, contact_email="autre@example.fr")
    lea = UserFactory(email="Lea.Roux@example.fr")

    assert intake.attach_tickets_to_account(lea) == 2

    assert set(Ticket.objects.filter(citizen=lea)) == {first, second}
    assert Ticket.objects.get(pk=someone_elses.pk).citizen is None
    for ticket in (first, second):
        event = events_of(ticket).last()
        assert event.kind == TicketEvent.Kind.LINKED_TO_ACCOUNT
        assert event.actor == lea
        assert event.from_status == event.to_status == Ticket.objects.get(pk=ticket.pk).status
    # The statuses did not move.
    assert Ticket.objects.get(pk=second.pk).status == Ticket.Status.RESOLVED


def test_it_waits_for_the_address_to_be_verified(category):
    ticket = TicketFactory(category=category, contact_email="lea.roux@example.fr")
    lea = UserFactory(email="lea.roux@example.fr", email_verified_at=None)

    assert intake.attach_tickets_to_account(lea) == 0

    assert Ticket.objects.get(pk=ticket.pk).citizen is None
    assert not events_of(ticket, TicketEvent.Kind.LINKED_TO_ACCOUNT).exists()


def test_it_leaves_tickets_that_already_belong_to_an_account(category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="lea.roux@example.fr")
    lea = UserFactory(email="lea.roux@example.fr")

    assert intake.attach_tickets_to_account(lea) == 0

    assert Ticket.objects.get(pk=ticket.pk).citizen == citizen


def test_it_is_idempotent(category):
    TicketFactory(category=category, contact_email="lea.roux@example.fr")
    lea = UserFactory(email="lea.roux@example.fr")

    assert intake.attach_tickets_to_account(lea) == 1
    assert intake.attach_tickets_to_account(lea) == 0
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.LINKED_TO_ACCOUNT).count() == 1


def test_it_gives_the_citizen_their_say_on_the_attached_tickets(category, agent):
    ticket = TicketFactory(category=category, contact_email="lea.roux@example.fr", agent=agent, resolved=True)
    lea = UserFactory(email="lea.roux@example.fr", role=Role.CITIZEN)
    intake.attach_tickets_to_account(lea)

    workflow.confirm_resolution(ticket.pk, by=lea)

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED
