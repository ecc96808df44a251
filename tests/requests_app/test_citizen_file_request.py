"""Filing a request on the web form, without an account or signed in as a citizen."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from requests_app.models import Channel, Kind, Ticket, TicketEvent
from tests.factories import CategoryFactory
from tests.requests_app.test_citizen_ticket_created import created_token

URL = reverse("requests_app:new_ticket")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def anonymous_form(chosen, **overrides):
    data = {
        "kind": Kind.REPORT,
        "category": chosen.pk,
        "subject": "Lampadaire éteint rue Pasteur",
        "description": "Le lampadaire devant le 4 ne s'allume plus depuis lundi.",
        "address": "4 rue Pasteur",
        "contact_name": "Claude Bernard",
        "contact_email": "Claude@Example.fr",
        "contact_phone": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_it_files_a_request_without_an_account(client, category):
    response = client.post(URL, anonymous_form(category))

    assert response.status_code == 302
    assert response.url == reverse("requests_app:ticket_created")
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.WEB
    assert ticket.kind == Kind.REPORT
    assert ticket.category == category
    assert ticket.service == category.service
    assert ticket.citizen is None
    assert ticket.contact_name == "Claude Bernard"
    assert ticket.contact_email == "claude@example.fr"
    assert ticket.address == "4 rue Pasteur"
    assert ticket.status == Ticket.Status.RECEIVED
    assert ticket.language == "en"
    event = TicketEvent.objects.get(ticket=ticket)
    assert event.kind == TicketEvent.Kind.CREATED
    assert event.channel == Channel.WEB
    acknowledgement = Notification.objects.get(channel="email", ticket=ticket)
    assert acknowledgement.template == "acknowledgement"
    assert acknowledgement.recipient_email == "claude@example.fr"


def test_it_keeps_the_token_out_of_the_ticket_row(client, category):
    client.post(URL, anonymous_form(category))

    token = created_token(client)
    row = Ticket.objects.values().get()
    assert all(token not in str(value) for value in row.values())
    assert row["tracking_token_hash"] != token


def test_it_accepts_a_phone_number_instead_of_an_e_mail(client, category):
    response = client.post(URL, anonymous_form(category, contact_email="", contact_phone="01 23 45 67 89"))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.contact_phone == "01 23 45 67 89"
    assert not Notification.objects.exists()  # nobody to write to: the agent calls back


def test_it_files_a_request_for_the_signed_in_citizen(client, citizen, category):
    client.force_login(citizen)
    data = anonymous_form(category)
    for field in ("contact_name", "contact_email", "contact_phone", "consent"):
        del data[field]

    response = client.post(URL, data)

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.citizen == citizen
    assert ticket.contact_email == ""
    assert ticket.language == citizen.preferred_language
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.CREATED)
    assert event.actor == citizen
    assert Notification.objects.get(channel="email", ticket=ticket).recipient_email == citizen.email


def test_it_does_not_ask_a_signed_in_citizen_for_contact_details(client, citizen, category):
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="contact_email"' not in response.text
    assert 'name="consent"' not in response.text


def test_it_asks_staff_for_contact_details_and_files_without_an_account(client, agent, category):
    client.force_login(agent)

    response = client.post(URL, anonymous_form(category))

    assert response.status_code == 302
    assert Ticket.objects.get().citizen is None


def test_it_offers_active_categories_grouped_by_service(client, category, other_category):
    CategoryFactory(service=category.service, name="Ancienne catégorie", is_active=False)

    response = client.get(URL)

    assert '<optgroup label="Voirie">' in response.text
    assert '<optgroup label="État civil">' in response.text
    assert "Nid-de-poule" in response.text
    assert "Ancienne catégorie" not in response.text


def test_it_preselects_the_category_from_the_home_page_link(client, category):
    response = client.get(URL, {"categorie": category.service_code})

    assert f'<option value="{category.pk}" selected>' in response.text


def test_it_routes_a_request_without_category_to_the_reception_service(client, category, triage_service):
    response = client.post(URL, anonymous_form(category, category=""))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.category is None
    assert ticket.service == triage_service


def test_it_shows_the_data_notice_to_people_without_an_account(client, category):
    response = client.get(URL)

    assert reverse("requests_app:privacy") in response.text
    assert "CNIL" in response.text
    assert 'name="consent"' in response.text
