"""An agent sees a request's undelivered notifications and asks for a failed one to be sent again."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    # Assertions below read the English interface.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def ticket(category):
    return TicketFactory(category=category, contact_email="camille@example.fr")


def _acknowledgement(ticket) -> Notification:
    return Notification.objects.get(ticket=ticket, template="acknowledgement", channel=Notification.Channel.EMAIL)


def _failed_acknowledgement(ticket) -> Notification:
    notification = _acknowledgement(ticket)
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550 mailbox unavailable"
    )
    notification.refresh_from_db()
    return notification


def _retry_url(ticket, notification) -> str:
    return reverse("requests_app:agent_retry_notification", args=[ticket.reference, notification.pk])


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_it_shows_the_failed_notifications_on_the_request_page(client, agent, ticket):
    notification = _failed_acknowledgement(ticket)
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    assert response.context["undelivered_notifications"] == [notification]
    content = response.content.decode()
    assert "SMTPRecipientsRefused: 550 mailbox unavailable" in content
    assert _retry_url(ticket, notification) in content


def test_it_shows_a_notification_waiting_for_its_next_try_without_a_retry_button(client, agent, ticket):
    notification = _acknowledgement(ticket)
    Notification.objects.filter(pk=notification.pk).update(attempts=2, last_error="SMTPDataError: 451 try later")
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    assert response.context["undelivered_notifications"] == [notification]
    content = response.content.decode()
    assert "SMTPDataError: 451 try later" in content
    assert _retry_url(ticket, notification) not in content


def test_it_shows_nothing_when_every_notification_is_on_its_way(client, agent, ticket):
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    assert response.context["undelivered_notifications"] == []
    assert "Notifications not delivered" not in response.content.decode()


def test_it_sends_a_failed_notification_again(client, agent, ticket, mailoutbox, django_capture_on_commit_callbacks):
    notification = _failed_acknowledgement(ticket)
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_retry_url(ticket, notification))

    assert response.status_code == 302
    assert response.url == ticket.get_absolute_url()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]]
    assert _messages(client.get(response.url)) == ["The notification will be sent again."]


def test_it_says_so_when_the_notification_is_not_in_failure(client, agent, ticket, mailoutbox):
    notification = _acknowledgement(ticket)
    client.force_login(agent)

    response = client.post(_retry_url(ticket, notification), follow=True)

    assert response.status_code == 200
    assert _messages(response) == ["This notification is not in failure: there is nothing to retry."]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 0
    assert mailoutbox == []


def test_it_refuses_get(client, agent, ticket):
    notification = _failed_acknowledgement(ticket)
    client.force_login(agent)

    assert client.get(_retry_url(ticket, notification)).status_code == 405
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED


def test_it_hides_the_requests_of_other_services(client, agent_of_other_service, ticket):
    notification = _failed_acknowledgement(ticket)
    client.force_login(agent_of_other_service)

    assert client.post(_retry_url(ticket, notification)).status_code == 404
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED


def test_it_answers_404_for_a_notification_of_another_request(client, agent, category, ticket):
    other = _failed_acknowledgement(TicketFactory(category=category, contact_email="autre@example.fr"))
    client.force_login(agent)

    assert client.post(_retry_url(ticket, other)).status_code == 404
    assert Notification.objects.get(pk=other.pk).status == Notification.Status.FAILED


def test_it_forbids_citizens(client, citizen, ticket):
    notification = _failed_acknowledgement(ticket)
    client.force_login(citizen)

    assert client.post(_retry_url(ticket, notification)).status_code == 403
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED


def test_it_sends_anonymous_visitors_to_the_login_page(client, ticket):
    notification = _failed_acknowledgement(ticket)

    response = client.post(_retry_url(ticket, notification))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.FAILED
