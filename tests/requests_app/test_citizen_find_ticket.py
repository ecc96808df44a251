"""Lost tracking link: reference + e-mail re-sends it, and the answer never tells who filed what."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import TicketFactory

URL = reverse("requests_app:find_ticket")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def ticket(category):
    return TicketFactory(category=category, contact_email="claude@example.fr")


def ask(client, reference, email):
    return client.post(URL, {"reference": reference, "email": email}, follow=True)


def test_it_sends_the_tracking_link_when_reference_and_e_mail_match(
    client, ticket, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, ticket.reference, "Claude@Example.fr")

    assert response.status_code == 200
    notification = Notification.objects.get(ticket=ticket, template="tracking_link")
    assert notification.recipient_email == "claude@example.fr"
    [mail] = mailoutbox
    assert mail.to == ["claude@example.fr"]
    assert ticket.reference in mail.subject
    assert ticket.tracking_url() in mail.body
    assert ticket.tracking_url() in mail.alternatives[0][0]


def test_it_finds_the_request_of_an_account_by_its_e_mail(client, citizen, category):
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="")

    ask(client, ticket.reference, citizen.email)

    assert Notification.objects.get(template="tracking_link").recipient == citizen


def test_it_accepts_the_reference_without_its_leading_zeros(client, ticket):
    year, number = ticket.reference.split("-")

    ask(client, f" {year}-{int(number)} ", "claude@example.fr")

    assert Notification.objects.filter(ticket=ticket, template="tracking_link").exists()


def test_it_says_the_same_when_nothing_matches(client, ticket):
    matching = ask(client, ticket.reference, "claude@example.fr")
    wrong_email = ask(client, ticket.reference, "quelquun@example.fr")
    wrong_reference = ask(client, "2001-000001", "claude@example.fr")

    messages = [[str(m) for m in response.context["messages"]] for response in (matching, wrong_email, wrong_reference)]
    assert messages[0] == messages[1] == messages[2]
    assert len(messages[0]) == 1
    assert Notification.objects.filter(template="tracking_link").count() == 1


def test_it_sends_the_link_once_in_a_while_however_often_asked(client, ticket):
    ask(client, ticket.reference, "claude@example.fr")
    ask(client, ticket.reference, "claude@example.fr")

    assert Notification.objects.filter(template="tracking_link").count() == 1


def test_it_refuses_a_malformed_form(client, db):
    response = client.post(URL, {"reference": "n'importe quoi", "email": "pas-une-adresse"})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"reference", "email"}
    assert 'value="n&#x27;importe quoi"' in response.text
    assert not Notification.objects.exists()


def test_it_links_signed_in_citizens_to_their_space(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert reverse("requests_app:my_tickets") in response.text
