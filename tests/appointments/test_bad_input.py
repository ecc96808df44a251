"""Bad input answers 400 with the error beside the field, and writes nothing."""

from django.urls import reverse

from appointments.models import Appointment


def test_it_answers_400_without_a_slot_or_a_purpose(client, citizen, counter, slot):
    client.force_login(citizen)

    response = client.post(reverse("appointments:book") + f"?guichet={counter.pk}", {"slot": "", "reason": ""})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="invalid-feedback d-block"' in body
    assert 'href="#id_reason"' in body
    assert Appointment.objects.count() == 0


def test_it_answers_400_to_an_agent_booking_without_anyone(client, agent, counter, slot):
    client.force_login(agent)

    response = client.post(
        reverse("appointments:agent_book") + f"?guichet={counter.pk}", {"slot": slot.pk, "reason": "Passeport"}
    )

    assert response.status_code == 400
    assert Appointment.objects.count() == 0


def test_it_answers_400_to_a_bad_agenda_date(client, agent):
    client.force_login(agent)

    assert client.get(reverse("appointments:agenda"), {"day": "31/02"}).status_code == 400


def test_it_answers_404_to_an_unknown_counter(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("appointments:book"), {"guichet": "999"}).status_code == 404
