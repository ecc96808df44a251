"""One click from the "resolved" e-mail: a page with the single button, then the action by POST.

The links land on the confirm and reopen addresses themselves: a GET (a mail scanner, a link
preview, the citizen) only shows the button; the button POSTs to the same address.
"""

import datetime
import html

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot

REASON = "Le trou s'est reformé après la pluie."


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def resolved(category, agent):
    return TicketFactory(category=category, agent=agent, resolved=True)


def confirm_url(ticket):
    return reverse("requests_app:track_confirm", args=[ticket.token])


def reopen_url(ticket):
    return reverse("requests_app:track_reopen", args=[ticket.token])


def resolved_days_ago(ticket, days):
    moment = timezone.now() - datetime.timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=moment - datetime.timedelta(days=1), first_response_at=moment, resolved_at=moment
    )


def test_it_puts_both_links_in_the_resolved_email(category, agent, mailoutbox):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.resolve_ticket(ticket.pk, by=agent, body="L'ampoule a été remplacée ce matin.")
    notification = Notification.objects.get(ticket=ticket, template="resolved", channel=Notification.Channel.EMAIL)
    Notification.objects.filter(pk=notification.pk).update(language="en")
    mailoutbox.clear()

    assert outbox.deliver(notification.pk)

    [mail] = mailoutbox
    [(body_html, _mimetype)] = mail.alternatives
    confirm = settings.SITE_URL + confirm_url(ticket)
    reopen = settings.SITE_URL + reopen_url(ticket)
    for body in (mail.body, body_html):
        assert confirm in body
        assert reopen in body
        assert "Yes, the problem is solved" in body
        assert "No, reopen my request" in body
    assert f'<a href="{confirm}"' in body_html
    assert f'<a href="{reopen}"' in body_html


def test_it_shows_the_confirm_button_and_changes_nothing_on_get(client, resolved):
    before = snapshot(resolved)

    response = client.get(confirm_url(resolved))

    assert response.status_code == 200
    assert f'<form method="post" action="{confirm_url(resolved)}">' in response.text
    assert "Yes, the problem is solved" in response.text
    assert snapshot(resolved) == before


def test_it_shows_the_reopen_form_with_the_reason_focused_and_changes_nothing_on_get(client, resolved):
    before = snapshot(resolved)

    response = client.get(reopen_url(resolved))

    assert response.status_code == 200
    assert f'action="{reopen_url(resolved)}"' in response.text
    assert "No, reopen my request" in response.text
    assert response.context["reopen_form"]["reason"].field.widget.attrs["autofocus"] is True
    assert "autofocus" in response.text
    assert snapshot(resolved) == before


def test_it_answers_head_without_changing_anything(client, resolved):
    before = snapshot(resolved)

    for url in (confirm_url(resolved), reopen_url(resolved)):
        assert client.head(url).status_code == 200

    assert snapshot(resolved) == before


def test_it_confirms_on_post(client, resolved):
    response = client.post(confirm_url(resolved))

    assert response.status_code == 302
    assert Ticket.objects.get(pk=resolved.pk).status == Ticket.Status.CLOSED
    event = events_of(resolved, TicketEvent.Kind.CONFIRMED).get()
    assert event.actor is None


def test_it_reopens_on_post(client, resolved):
    response = client.post(reopen_url(resolved), {"reopen-reason": REASON})

    assert response.status_code == 302
    assert Ticket.objects.get(pk=resolved.pk).status == Ticket.Status.IN_PROGRESS
    event = events_of(resolved, TicketEvent.Kind.REOPENED).get()
    assert event.message.kind == Message.Kind.CITIZEN_MESSAGE
    assert event.message.body == REASON


def test_it_answers_a_second_confirmation_with_a_friendly_409(client, resolved):
    client.post(confirm_url(resolved))

    response = client.post(confirm_url(resolved))

    assert response.status_code == 409
    assert "“Confirm the resolution” is not possible" in response.text
    assert events_of(resolved, TicketEvent.Kind.CONFIRMED).count() == 1


def test_it_answers_a_second_reopening_with_a_friendly_409(client, resolved):
    client.post(reopen_url(resolved), {"reopen-reason": REASON})

    response = client.post(reopen_url(resolved), {"reopen-reason": REASON})

    assert response.status_code == 409
    assert "“Reopen” is not possible" in response.text
    assert events_of(resolved, TicketEvent.Kind.REOPENED).count() == 1


@pytest.mark.parametrize("url_name", ["requests_app:track_confirm", "requests_app:track_reopen"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_answers_404_to_a_wrong_token(client, resolved, url_name, method):
    before = snapshot(resolved)

    response = getattr(client, method)(reverse(url_name, args=["0" * 64]))

    assert response.status_code == 404
    assert snapshot(resolved) == before


def test_it_says_the_request_is_already_closed_instead_of_the_confirm_button(client, resolved):
    client.post(confirm_url(resolved))

    response = client.get(confirm_url(resolved))

    assert response.status_code == 200
    assert "This request is already closed" in html.unescape(response.text)
    assert "<form" not in response.content.decode().split("<main", 1)[1]


def test_it_says_it_is_too_late_to_reopen_after_the_delay(client, resolved):
    resolved_days_ago(resolved, settings.REOPEN_DELAY_DAYS + 1)
    before = snapshot(resolved)

    response = client.get(reopen_url(resolved))

    assert response.status_code == 200
    assert f"within {settings.REOPEN_DELAY_DAYS} days of its resolution" in response.text
    assert response.context["reopen_form"] is None
    assert "No, reopen my request" not in response.text
    assert snapshot(resolved) == before


def test_it_says_a_closed_request_can_no_longer_be_reopened(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, closed=True)

    response = client.get(reopen_url(ticket))

    assert response.status_code == 200
    assert "can no longer be reopened" in response.text
    assert not response.context["allowed"]


def test_it_says_a_reopened_request_is_no_longer_waiting_for_a_confirmation(client, resolved):
    client.post(reopen_url(resolved), {"reopen-reason": REASON})

    response = client.get(confirm_url(resolved))

    assert response.status_code == 200
    assert "no longer waiting for your answer" in response.text
    assert "Yes, the problem is solved" not in response.text
