"""Quick entry proposes an account that uses the details unverified, and links only on the agent's word."""

from django.urls import reverse
from django.utils import timezone

from requests_app.models import Channel, Kind, Ticket, TicketEvent
from tests.factories import UserFactory

URL = reverse("requests_app:quick_entry")


def entry(**overrides) -> dict:
    data = {
        "channel": Channel.PHONE,
        "kind": Kind.INFORMATION,
        "subject": "Horaires de la déchetterie",
        "description": "Souhaite connaître les horaires d'hiver.",
        "address": "",
        "priority": "normal",
        "contact_email": "",
        "contact_phone": "",
        "contact_name": "",
    }
    data.update(overrides)
    return data


def test_it_proposes_the_unverified_account_beside_the_choice(client, agent, category):
    account = UserFactory(email="sasha@example.fr", first_name="Sasha", last_name="Roux", phone="+33612345678")
    client.force_login(agent)

    response = client.post(URL, entry(category=category.pk, contact_phone="06 12 34 56 78"))

    assert response.status_code == 400
    assert not Ticket.objects.exists()
    assert "Un compte non vérifié utilise ce numéro" in response.text
    assert f'value="{account.pk}"' in response.text
    assert "Rattacher au compte de Sasha Roux (sasha@example.fr, +33612345678)" in response.text
    assert 'value="none"' in response.text


def test_it_links_when_the_agent_confirms_and_says_so_in_the_timeline(client, agent, category):
    account = UserFactory(phone="+33612345678")
    client.force_login(agent)

    response = client.post(URL, entry(category=category.pk, contact_phone="06 12 34 56 78", account=str(account.pk)))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.citizen == account
    link = ticket.events.get(kind=TicketEvent.Kind.LINKED_TO_ACCOUNT)
    assert link.actor == agent
    assert link.data == {"confirmed_by_agent": True}


def test_it_keeps_the_request_apart_when_the_agent_says_so(client, agent, category):
    UserFactory(phone="+33612345678")
    client.force_login(agent)

    client.post(URL, entry(category=category.pk, contact_phone="06 12 34 56 78", account="none"))

    ticket = Ticket.objects.get()
    assert ticket.citizen is None
    assert not ticket.events.filter(kind=TicketEvent.Kind.LINKED_TO_ACCOUNT).exists()


def test_it_proposes_nothing_when_a_verified_account_holds_the_number(client, agent, category):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    client.force_login(agent)

    response = client.post(URL, entry(category=category.pk, contact_phone="06 12 34 56 78"))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.citizen == holder
    assert not ticket.events.filter(kind=TicketEvent.Kind.LINKED_TO_ACCOUNT).exists()


def test_it_refuses_an_account_that_was_not_proposed(client, agent, category, other_citizen):
    UserFactory(phone="+33612345678")
    client.force_login(agent)

    response = client.post(
        URL, entry(category=category.pk, contact_phone="06 12 34 56 78", account=str(other_citizen.pk))
    )

    assert response.status_code == 400
    assert not Ticket.objects.exists()
