"""A citizen books a slot from the page; the row, the e-mail and the redirect follow."""

from django.urls import reverse

from appointments.models import Appointment
from notifications.models import Notification


def test_it_books_a_free_slot_from_the_page(client, citizen, counter, slot):
    client.force_login(citizen)
    url = reverse("appointments:book") + f"?guichet={counter.pk}"

    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{slot.pk}"' in page.content.decode()

    response = client.post(url, {"slot": slot.pk, "reason": "Dépôt de dossier de mariage"})

    assert response.status_code == 302
    assert response.url == reverse("appointments:mine")
    appointment = Appointment.objects.get()
    assert appointment.citizen == citizen
    assert appointment.booked_by == citizen
    assert appointment.status == Appointment.Status.BOOKED
    assert Notification.objects.get(template="appointment_booked", channel="email").recipient_email == citizen.email


def test_it_lists_the_booking_on_my_appointments(client, citizen, booked):
    client.force_login(citizen)

    page = client.get(reverse("appointments:mine"))

    assert page.status_code == 200
    assert "Dépôt de dossier" in page.content.decode()


def test_it_lets_an_agent_book_for_a_citizen_found_by_email(client, agent, citizen, counter, slot):
    client.force_login(agent)
    url = reverse("appointments:agent_book") + f"?guichet={counter.pk}"

    response = client.post(url, {"slot": slot.pk, "reason": "Passeport", "contact_email": citizen.email.upper()})

    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.citizen == citizen
    assert appointment.booked_by == agent


def test_it_lets_an_agent_book_for_someone_without_account(client, agent, counter, slot):
    client.force_login(agent)
    url = reverse("appointments:agent_book") + f"?guichet={counter.pk}"

    response = client.post(
        url, {"slot": slot.pk, "reason": "Passeport", "contact_name": "Jean Dupont", "contact_phone": "0601020304"}
    )

    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.citizen is None
    assert appointment.contact_phone == "0601020304"
    confirmation = Notification.objects.get()  # no e-mail, no account: the confirmation is a text
    assert (confirmation.channel, confirmation.recipient_phone) == ("sms", "+33601020304")
