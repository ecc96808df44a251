"""Citizens cancel until the limit; agents of the service at any time."""

import pytest
from django.urls import reverse

from appointments import booking
from appointments.booking import AppointmentError
from appointments.models import Appointment
from notifications.models import Notification

from .conftest import make_slot


def test_it_lets_the_citizen_cancel_before_the_limit(client, citizen, booked):
    client.force_login(citizen)

    response = client.post(reverse("appointments:cancel", args=[booked.pk]))

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Appointment.Status.CANCELLED
    assert booked.cancelled_at is not None
    assert Notification.objects.filter(template="appointment_cancelled", channel="email").count() == 1


def test_it_refuses_a_citizen_cancel_after_the_limit(citizen, counter, settings):
    settings.APPOINTMENT_CHANGE_LIMIT_HOURS = 48
    appointment = booking.book_appointment(
        slot_id=make_slot(counter, hours_from_now=30).pk, by=citizen, reason="Passeport"
    )

    with pytest.raises(AppointmentError):
        booking.cancel_appointment(appointment_id=appointment.pk, by=citizen)

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.BOOKED


def test_it_lets_an_agent_cancel_at_any_time(client, agent, citizen, counter, settings):
    settings.APPOINTMENT_CHANGE_LIMIT_HOURS = 48
    appointment = booking.book_appointment(
        slot_id=make_slot(counter, hours_from_now=1).pk, by=citizen, reason="Passeport"
    )
    client.force_login(agent)

    response = client.post(reverse("appointments:cancel", args=[appointment.pk]))

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED


def test_it_frees_the_place_of_a_cancelled_appointment(citizen, other_citizen, counter):
    slot = make_slot(counter, capacity=1)
    first = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport")
    booking.cancel_appointment(appointment_id=first.pk, by=citizen)

    second = booking.book_appointment(slot_id=slot.pk, by=other_citizen, reason="Passeport")

    assert second.status == Appointment.Status.BOOKED
