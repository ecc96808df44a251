"""An agent's booking joins an account only when that account has verified the details given."""

from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment
from tests.factories import UserFactory


def book(client, agent, counter, slot, **person):
    client.force_login(agent)
    url = reverse("appointments:agent_book") + f"?guichet={counter.pk}"
    return client.post(url, {"slot": slot.pk, "reason": "Passeport", **person})


def test_it_books_for_the_account_that_verified_the_number(client, agent, counter, slot):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())

    response = book(client, agent, counter, slot, contact_phone="06 12 34 56 78")

    assert response.status_code == 302
    assert Appointment.objects.get().citizen == holder


def test_it_keeps_the_details_when_the_number_is_only_claimed(client, agent, counter, slot):
    UserFactory(phone="+33612345678")

    book(client, agent, counter, slot, contact_phone="06 12 34 56 78", contact_name="Mme Leroy")

    appointment = Appointment.objects.get()
    assert appointment.citizen is None
    assert (appointment.contact_name, appointment.contact_phone) == ("Mme Leroy", "06 12 34 56 78")


def test_it_keeps_the_details_when_the_e_mail_is_unverified(client, agent, counter, slot):
    claimant = UserFactory(email="sasha@example.fr", email_verified_at=None)

    book(client, agent, counter, slot, contact_email="sasha@example.fr")

    appointment = Appointment.objects.get()
    assert appointment.citizen is None
    assert appointment.contact_email == "sasha@example.fr"
    assert not Appointment.objects.filter(citizen=claimant).exists()
