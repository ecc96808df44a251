"""Timeline events are inserted, never updated, never deleted; nothing deletes them by cascade."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory

from .helpers import events_of


@pytest.fixture
def event(category):
    ticket = TicketFactory(category=category)
    return events_of(ticket).get()


def test_it_refuses_to_save_an_existing_event_again(event):
    event.is_public = False
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    assert TicketEvent.objects.get(pk=event.pk).is_public


def test_it_refuses_to_delete_an_event(event):
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    assert TicketEvent.objects.filter(pk=event.pk).exists()


def test_it_refuses_a_bulk_update(event):
    with pytest.raises(TypeError, match="append-only"):
        TicketEvent.objects.filter(pk=event.pk).update(is_public=False)
    with pytest.raises(TypeError, match="append-only"):
        event.ticket.events.update(is_public=False)
    event.is_public = False
    # bulk_update opens its own atomic block without a savepoint: give it one here.
    with pytest.raises(TypeError, match="append-only"), transaction.atomic():
        TicketEvent.objects.bulk_update([event], ["is_public"])
    assert TicketEvent.objects.get(pk=event.pk).is_public


def test_it_refuses_a_bulk_delete(event):
    with pytest.raises(TypeError, match="append-only"):
        TicketEvent.objects.all().delete()
    with pytest.raises(TypeError, match="append-only"):
        event.ticket.events.all().delete()
    assert TicketEvent.objects.filter(pk=event.pk).exists()


def test_it_protects_events_from_a_ticket_deletion(event):
    with pytest.raises(ProtectedError):
        Ticket.objects.get(pk=event.ticket_id).delete()
    assert TicketEvent.objects.filter(pk=event.pk).exists()


def test_it_keeps_the_actor_of_an_event_from_being_deleted(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    assert events_of(ticket).filter(actor=agent).exists()

    with pytest.raises((ProtectedError, RestrictedError)):
        agent.delete()


def test_it_still_accepts_new_events(event):
    TicketEvent.objects.create(
        ticket=event.ticket, kind=TicketEvent.Kind.INTERNAL_NOTE, to_status=event.to_status, is_public=False
    )
    assert events_of(event.ticket).count() == 2
