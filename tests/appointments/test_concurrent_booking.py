"""Citizens racing for the last places: the slot lock keeps bookings within capacity."""

import threading

import pytest
from django.db import connection

from appointments import booking
from appointments.booking import AppointmentError
from appointments.models import Appointment
from tests.factories import UserFactory

from .conftest import make_slot

RACERS = 8
CAPACITY = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_never_books_beyond_capacity(counter):
    slot = make_slot(counter, capacity=CAPACITY)
    citizens = [UserFactory() for _ in range(RACERS)]
    start = threading.Barrier(RACERS)
    booked, refused, crashed = [], [], []

    def race(citizen):
        try:
            start.wait()
            booked.append(booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport"))
        except AppointmentError as error:
            refused.append(error)
        except Exception as error:
            crashed.append(error)
        finally:
            connection.close()

    racers = [threading.Thread(target=race, args=(citizen,)) for citizen in citizens]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=30)

    assert crashed == []
    assert len(booked) == CAPACITY
    assert len(refused) == RACERS - CAPACITY
    assert Appointment.objects.filter(slot=slot, status=Appointment.Status.BOOKED).count() == CAPACITY
