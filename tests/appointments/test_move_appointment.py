"""Moving keeps the appointment, changes its slot, and tells the citizen."""

import pytest
from django.urls import reverse
from django.utils import translation

from appointments import booking
from appointments.booking import AppointmentError
from appointments.models import Appointment
from notifications.models import Notification

from .conftest import make_slot


def test_it_moves_to_another_slot_of_the_counter(client, citizen, booked, later_slot):
    client.force_login(citizen)

    response = client.post(reverse("appointments:move", args=[booked.pk]), {"slot": later_slot.pk})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.slot == later_slot
    assert booked.sequence == 1
    assert Notification.objects.filter(template="appointment_moved", channel="email").count() == 1


def test_it_refuses_a_citizen_move_within_the_limit(citizen, counter, later_slot, settings):
    settings.APPOINTMENT_CHANGE_LIMIT_HOURS = 24
    soon = make_slot(counter, hours_from_now=5)
    appointment = booking.book_appointment(slot_id=soon.pk, by=citizen, reason="Passeport")

    with translation.override("en"), pytest.raises(AppointmentError, match="24 hours"):
        booking.move_appointment(appointment_id=appointment.pk, to_slot_id=later_slot.pk, by=citizen)

    appointment.refresh_from_db()
    assert appointment.slot == soon


def test_it_refuses_a_move_to_a_full_slot(citizen, other_citizen, booked, counter):
    full = make_slot(counter, hours_from_now=120, capacity=1)
    booking.book_appointment(slot_id=full.pk, by=other_citizen, reason="Passeport")

    with pytest.raises(AppointmentError):
        booking.move_appointment(appointment_id=booked.pk, to_slot_id=full.pk, by=citizen)

    assert Appointment.objects.get(pk=booked.pk).slot_id == booked.slot_id
