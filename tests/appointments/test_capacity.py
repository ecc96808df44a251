"""A full slot refuses politely (409) and writes nothing; so does a double click."""

import pytest
from django.urls import reverse

from appointments.models import Appointment
from notifications.models import Notification
from tests.factories import UserFactory

from .conftest import make_slot


@pytest.fixture
def client(client):
    # Assertions below read the English interface.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_it_refuses_a_full_slot_with_409(client, citizen, counter):
    slot = make_slot(counter, capacity=1)
    from appointments import booking

    booking.book_appointment(slot_id=slot.pk, by=UserFactory(), reason="Passeport")
    client.force_login(citizen)

    response = client.post(
        reverse("appointments:book") + f"?guichet={counter.pk}", {"slot": slot.pk, "reason": "Passeport"}
    )

    assert response.status_code == 409
    assert "fully booked" in response.content.decode()
    assert Appointment.objects.count() == 1
    assert not Notification.objects.filter(recipient=citizen).exists()  # only the first booking was confirmed


def test_it_turns_a_double_click_into_a_friendly_409(client, citizen, counter, slot):
    client.force_login(citizen)
    url = reverse("appointments:book") + f"?guichet={counter.pk}"
    client.post(url, {"slot": slot.pk, "reason": "Passeport"})

    response = client.post(url, {"slot": slot.pk, "reason": "Passeport"})

    assert response.status_code == 409
    assert "already booked" in response.content.decode()
    assert Appointment.objects.count() == 1
