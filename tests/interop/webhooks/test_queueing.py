"""Deliveries are written with their event, for the endpoints that want it, and sent after commit."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from appointments import booking as appointments
from appointments.models import Counter, Slot
from interop import webhooks
from interop.models import WebhookDelivery, WebhookEndpoint
from requests_app import intake, workflow
from requests_app.models import Channel, Kind, TicketEvent
from tests.factories import TicketFactory

from .webhook_receiver import endpoint_for, running_receiver


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


def _kinds(endpoint) -> list[str]:
    return sorted(WebhookDelivery.objects.filter(endpoint=endpoint).values_list("event__kind", flat=True))


def test_it_writes_nothing_and_asks_once_when_no_endpoint_is_active(category, django_assert_num_queries):
    WebhookEndpoint.objects.create(name="Ancien logiciel", url="https://old.example/hook", is_active=False)
    ticket = TicketFactory(category=category)
    event = TicketEvent.objects.get(ticket=ticket)

    with django_assert_num_queries(1):
        assert webhooks.queue_event(event) == []

    assert not WebhookDelivery.objects.exists()


def test_it_writes_one_delivery_per_active_endpoint(receiver, category):
    first = endpoint_for(receiver, name="Services techniques")
    second = endpoint_for(receiver, name="Tableau de bord")
    endpoint_for(receiver, name="Désactivé", is_active=False)

    TicketFactory(category=category)

    assert _kinds(first) == _kinds(second) == ["created"]
    assert WebhookDelivery.objects.count() == 2
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"pending"}


def test_it_filters_by_event_kind(receiver, category, agent):
    endpoint = endpoint_for(receiver, event_kinds=["resolved", "closed"])
    ticket = TicketFactory(category=category)
    workflow.take_ticket(ticket.pk, by=agent)
    workflow.resolve_ticket(ticket.pk, by=agent, body="Rebouché.")
    workflow.close_ticket(ticket.pk, by=agent)

    assert _kinds(endpoint) == ["closed", "resolved"]


def test_it_filters_by_service(receiver, category, other_category, service):
    voirie = endpoint_for(receiver, name="Voirie seulement", services=[service])
    everything = endpoint_for(receiver, name="Tout")

    TicketFactory(category=category)
    TicketFactory(category=other_category)

    assert WebhookDelivery.objects.filter(endpoint=voirie).get().event.ticket.category == category
    assert WebhookDelivery.objects.filter(endpoint=everything).count() == 2


def test_it_sends_internal_events_only_to_endpoints_that_include_them(receiver, category, agent):
    public_only = endpoint_for(receiver, name="Public")
    internal_too = endpoint_for(receiver, name="Interne", include_internal=True)
    ticket = TicketFactory(category=category)
    workflow.add_internal_note(ticket.pk, by=agent, body="Voir avec le Département.")

    assert _kinds(public_only) == ["created"]
    assert _kinds(internal_too) == ["created", "internal_note"]


def test_it_writes_nothing_when_the_event_is_rolled_back(receiver, category):
    endpoint_for(receiver)

    with pytest.raises(RuntimeError), transaction.atomic():
        TicketFactory(category=category)
        raise RuntimeError("the caller fails after the event")

    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


def test_it_sends_after_commit_and_not_before(receiver, category, django_capture_on_commit_callbacks):
    endpoint_for(receiver)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=Channel.PHONE,
                kind=Kind.REPORT,
                category=category,
                subject="Lampadaire éteint",
                description="Rue des Écoles, depuis trois jours.",
                contact_phone="06 12 34 56 78",
            )
        )
        assert receiver.received == []
    for callback in callbacks:
        callback()

    assert [r.json["ticket"]["reference"] for r in receiver.received] == [ticket.reference]
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SENT


def test_it_follows_account_links_and_appointments(receiver, category, citizen, service):
    endpoint = endpoint_for(receiver)
    ticket = TicketFactory(category=category, contact_email=citizen.email)
    counter = Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville")
    starts_at = timezone.now() + datetime.timedelta(days=3)
    slot = Slot.objects.create(counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20))

    assert intake.attach_tickets_to_account(citizen) == 1
    ticket.refresh_from_db()
    appointments.book_appointment(slot_id=slot.pk, by=citizen, reason="Voir le trou ensemble", ticket=ticket)

    assert _kinds(endpoint) == ["appointment_booked", "created", "linked_to_account"]
