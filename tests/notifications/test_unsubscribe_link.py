"""One-click unsubscribe: a signed link in non-essential e-mails, RFC 8058 headers, no login."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications import outbox, preferences
from notifications.models import Notification, NotificationPreference
from requests_app import workflow
from tests.factories import TicketFactory


@pytest.fixture
def reply(ticket, agent):
    """A non-essential e-mail to a citizen without an account."""
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")
    return Notification.objects.get(ticket=ticket, template="public_reply")


def unsubscribe_path(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_a_non_essential_e_mail_carries_the_link_and_the_headers(reply, mailoutbox):
    outbox.deliver(reply.pk)

    message = mailoutbox[0].message()
    url = message["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    # The link is signed with its moment, so it is read back rather than signed again here.
    prefix = "http://testserver" + reverse("notifications:unsubscribe", args=["TOKEN"]).removesuffix("TOKEN/")
    assert url.startswith(prefix)
    token = url.removeprefix(prefix).removesuffix("/")
    assert preferences.preferences_from_token(token).email == reply.recipient_email.lower()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in mailoutbox[0].body
    assert url in mailoutbox[0].alternatives[0].content


def test_an_essential_e_mail_has_no_unsubscribe(ticket, mailoutbox):
    acknowledgement = Notification.objects.get(ticket=ticket, template="acknowledgement")

    outbox.deliver(acknowledgement.pk)

    message = mailoutbox[0].message()
    assert message["List-Unsubscribe"] is None
    assert "desabonnement" not in mailoutbox[0].body


def test_an_account_holder_also_gets_a_link_to_the_preferences(citizen, category, agent, mailoutbox):
    ticket = TicketFactory(category=category, citizen=citizen)
    workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")
    resolved = Notification.objects.get(ticket=ticket, template="resolved", channel="email")

    outbox.deliver(resolved.pk)

    assert preferences.unsubscribe_url(user=citizen) in mailoutbox[0].body
    assert reverse("notifications:preferences") in mailoutbox[0].body


def test_following_the_link_asks_before_changing_anything(client, citizen):
    url = preferences.unsubscribe_url(user=citizen)

    response = client.get(unsubscribe_path(url))

    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_confirming_opts_out_without_logging_in(client, citizen):
    url = preferences.unsubscribe_url(user=citizen)

    response = client.post(unsubscribe_path(url))

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=citizen).opted_out


def test_a_mail_client_one_click_post_works_without_a_csrf_token(citizen):
    url = preferences.unsubscribe_url(user=citizen)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        unsubscribe_path(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=citizen).opted_out


def test_an_address_without_account_stops_getting_non_essential_e_mails(client, reply, agent):
    client.post(unsubscribe_path(preferences.unsubscribe_url(email=reply.recipient_email.upper())))

    workflow.resolve_ticket(reply.ticket_id, by=agent, body="Réparé.")

    assert NotificationPreference.objects.get(email=reply.recipient_email).opted_out
    assert not Notification.objects.filter(ticket=reply.ticket, template="resolved").exists()


def test_unsubscribing_twice_is_harmless(client, citizen):
    path = unsubscribe_path(preferences.unsubscribe_url(user=citizen))
    client.post(path)

    response = client.post(path)

    assert response.status_code == 200
    assert NotificationPreference.objects.filter(user=citizen).count() == 1


@pytest.mark.parametrize("token", ["nimportequoi", "eyJ1IjoxfQ:1abc:forged"])
def test_a_forged_link_is_refused(client, citizen, token):
    response = client.post(reverse("notifications:unsubscribe", args=[token]))

    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client, citizen):
    from django.core import signing

    token = signing.dumps({"u": citizen.pk}, salt="another.purpose")

    assert client.post(reverse("notifications:unsubscribe", args=[token])).status_code == 400
