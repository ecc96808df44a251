"""Appointments at the counters of the caller's services; cancelling through the booking module."""

import datetime

from django.utils import timezone

from appointments import booking as appointments
from appointments.models import Appointment, Counter, Slot

from .conftest import session_client


def book(service, citizen, *, days=3, reason="Dépôt de dossier"):
    counter, _ = Counter.objects.get_or_create(service=service, name="Guichet 1")
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    slot = Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )
    return appointments.book_appointment(slot_id=slot.pk, by=citizen, reason=reason)


def test_it_lists_the_appointments_of_the_keys_services(api, service, other_service, citizen):
    mine = book(service, citizen)
    book(other_service, citizen)

    response = api.get("/api/v1/appointments/")

    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["person"] == str(citizen)


def test_it_filters_appointments_by_status_and_time(api, service, citizen, other_citizen):
    soon = book(service, citizen, days=2)
    later = book(service, other_citizen, days=10)
    appointments.cancel_appointment(appointment_id=later.pk, by=other_citizen)
    limit = (timezone.now() + datetime.timedelta(days=5)).isoformat()

    booked = api.get("/api/v1/appointments/", {"status": "booked"}).json()["results"]
    before = api.get("/api/v1/appointments/", {"starts_before": limit}).json()["results"]

    assert [a["id"] for a in booked] == [soon.pk]
    assert [a["id"] for a in before] == [soon.pk]
    assert api.get("/api/v1/appointments/", {"starts_after": "soon"}).status_code == 400


def test_it_cancels_an_appointment(api, service, citizen):
    appointment = book(service, citizen)

    response = api.post(f"/api/v1/appointments/{appointment.pk}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.CANCELLED


def test_it_answers_409_to_a_second_cancellation(api, service, citizen):
    appointment = book(service, citizen)
    api.post(f"/api/v1/appointments/{appointment.pk}/cancel/")

    response = api.post(f"/api/v1/appointments/{appointment.pk}/cancel/")

    assert response.status_code == 409
    assert response.json()["detail"]


def test_it_hides_the_appointments_of_other_services(api, other_service, citizen):
    appointment = book(other_service, citizen)

    assert api.post(f"/api/v1/appointments/{appointment.pk}/cancel/").status_code == 404
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.BOOKED


def test_it_lets_a_manager_read_but_not_cancel(manager, service, citizen):
    appointment = book(service, citizen)
    client = session_client(manager)

    assert len(client.get("/api/v1/appointments/").json()["results"]) == 1
    assert client.post(f"/api/v1/appointments/{appointment.pk}/cancel/").status_code == 403
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.BOOKED


def test_it_lists_appointments_with_a_constant_number_of_queries(api, service, citizen, django_assert_max_num_queries):
    for days in range(2, 8):
        book(service, citizen, days=days, reason=f"Rendez-vous {days}")

    with django_assert_max_num_queries(6):
        assert len(api.get("/api/v1/appointments/").json()["results"]) == 6
