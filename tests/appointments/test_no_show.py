"""Agents mark who came and who did not, once the time has come."""

import pytest
from django.urls import reverse
from django.utils import translation

from appointments import booking
from appointments.booking import AppointmentError
from appointments.models import Appointment, Slot
from requests_app.models import TicketEvent

from .conftest import make_slot


@pytest.fixture
def started(counter, citizen, ticket):
    slot = make_slot(counter, hours_from_now=2)
    appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport", ticket=ticket)
    # The slot's time has come since the booking.
    Slot.objects.filter(pk=slot.pk).update(
        starts_at=slot.starts_at.replace(year=slot.starts_at.year - 1),
        ends_at=slot.ends_at.replace(year=slot.ends_at.year - 1),
    )
    return appointment


def test_it_marks_a_no_show(client, agent, started, ticket):
    client.force_login(agent)

    response = client.post(reverse("appointments:mark_no_show", args=[started.pk]))

    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == Appointment.Status.NO_SHOW
    assert started.marked_at is not None
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.APPOINTMENT_MISSED)
    assert not event.is_public


def test_it_marks_an_attendance(agent, started):
    booking.mark_attended(appointment_id=started.pk, by=agent)

    started.refresh_from_db()
    assert started.status == Appointment.Status.ATTENDED


def test_it_refuses_to_mark_twice(agent, started):
    booking.mark_no_show(appointment_id=started.pk, by=agent)

    with translation.override("en"), pytest.raises(AppointmentError, match="already marked"):
        booking.mark_attended(appointment_id=started.pk, by=agent)


def test_it_refuses_to_mark_before_the_time(agent, booked):
    with pytest.raises(AppointmentError):
        booking.mark_no_show(appointment_id=booked.pk, by=agent)


def test_it_shows_the_day_and_the_week_to_agents(client, agent, booked):
    client.force_login(agent)
    day = booked.slot.starts_at.date().isoformat()

    for view in ("jour", "semaine"):
        page = client.get(reverse("appointments:agenda"), {"day": day, "view": view})
        assert page.status_code == 200
        assert "Dépôt de dossier" in page.content.decode()
