"""Counters and slots for the appointment tests."""

import datetime

import pytest
from django.utils import timezone

from appointments import booking
from appointments.models import Counter, Slot
from tests.factories import TicketFactory


def make_slot(counter, *, hours_from_now: float = 72, capacity: int = 2) -> Slot:
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=capacity
    )


@pytest.fixture
def counter(service):
    return Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville, 1 place de la Mairie")


@pytest.fixture
def slot(counter):
    return make_slot(counter)


@pytest.fixture
def later_slot(counter):
    return make_slot(counter, hours_from_now=96)


@pytest.fixture
def ticket(category, citizen):
    return TicketFactory(category=category, citizen=citizen, contact_email="", contact_name="")


@pytest.fixture
def booked(slot, citizen):
    return booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Dépôt de dossier")
