"""Booking, moving and cancelling on a linked ticket each leave one event; the status stays."""

from django.urls import reverse

from appointments import booking
from requests_app.models import TicketEvent

E = TicketEvent.Kind


def test_it_records_each_change_on_the_linked_ticket(citizen, ticket, slot, later_slot):
    status = ticket.status
    appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport", ticket=ticket)
    booking.move_appointment(appointment_id=appointment.pk, to_slot_id=later_slot.pk, by=citizen)
    booking.cancel_appointment(appointment_id=appointment.pk, by=citizen)

    events = TicketEvent.objects.filter(ticket=ticket, kind__startswith="appointment_")
    assert [event.kind for event in events] == [E.APPOINTMENT_BOOKED, E.APPOINTMENT_MOVED, E.APPOINTMENT_CANCELLED]
    assert all(event.actor == citizen and event.is_public for event in events)
    assert all(event.from_status == event.to_status == status for event in events)
    assert events[0].data["appointment"] == appointment.pk
    ticket.refresh_from_db()
    assert ticket.status == status


def test_it_links_the_ticket_named_in_the_page_address(client, citizen, ticket, counter, slot):
    client.force_login(citizen)
    url = reverse("appointments:book") + f"?guichet={counter.pk}&demande={ticket.reference}"
    assert client.get(url).status_code == 200

    client.post(url, {"slot": slot.pk, "reason": "Passeport", "ticket": ticket.reference})

    assert TicketEvent.objects.filter(ticket=ticket, kind=E.APPOINTMENT_BOOKED).count() == 1


def test_it_refuses_someone_elses_ticket(client, other_citizen, ticket, counter, slot):
    client.force_login(other_citizen)

    response = client.post(
        reverse("appointments:book") + f"?guichet={counter.pk}",
        {"slot": slot.pk, "reason": "Passeport", "ticket": ticket.reference},
    )

    assert response.status_code == 400
    assert not TicketEvent.objects.filter(ticket=ticket, kind=E.APPOINTMENT_BOOKED).exists()
