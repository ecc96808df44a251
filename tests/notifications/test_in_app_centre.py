"""The notification centre lists the signed-in user's in-app notifications; the bell counts them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    # Assertions below read the English interface.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def in_app(user):
    return Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP)


def test_it_lists_the_citizens_notifications_with_a_link_to_the_request(client, citizen, category, agent):
    ticket = TicketFactory(category=category, citizen=citizen)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")
    client.force_login(citizen)

    response = client.get(reverse("notifications:centre"), headers={"accept-language": "en"})

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Acknowledgement of receipt of your request {ticket.reference}" in page
    assert f"Reply to your request {ticket.reference}" in page
    assert reverse("requests_app:my_ticket", args=[ticket.reference]) in page


def test_it_shows_nobody_elses_notifications(client, citizen, other_citizen, category):
    TicketFactory(category=category, citizen=other_citizen)
    client.force_login(citizen)

    response = client.get(reverse("notifications:centre"))

    assert response.context["items"] == []
    assert "You have no notification yet." in response.content.decode()


def test_it_links_an_agent_to_the_workbench_page_of_the_request(client, agent, category):
    ticket = TicketFactory(category=category)
    outbox.notify(template="public_reply", ticket=ticket, user=agent, language="en", context={}, essential=False)
    client.force_login(agent)

    response = client.get(reverse("notifications:centre"))

    assert reverse("requests_app:agent_ticket", args=[ticket.reference]) in response.content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(reverse("notifications:centre"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_bell_says_how_many_are_unread(client, citizen, category, agent):
    ticket = TicketFactory(category=category, citizen=citizen)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")
    in_app(citizen).filter(template="acknowledgement").update(read_at=timezone.now())
    client.force_login(citizen)

    response = client.get(reverse("requests_app:home"), headers={"accept-language": "en"})

    page = response.content.decode()
    assert 'aria-label="Notifications, 1 unread"' in page
    assert f'href="{reverse("notifications:centre")}"' in page


def test_the_bell_costs_one_query_and_nothing_for_anonymous_visitors(client, citizen):
    with CaptureQueriesContext(connection) as anonymous:
        client.get(reverse("requests_app:home"))
    assert not [q for q in anonymous.captured_queries if "notifications_notification" in q["sql"]]

    client.force_login(citizen)
    with CaptureQueriesContext(connection) as signed_in:
        client.get(reverse("requests_app:home"))
    assert len([q for q in signed_in.captured_queries if "notifications_notification" in q["sql"]]) == 1


def test_the_centre_costs_the_same_queries_for_many_notifications(client, citizen, category, agent):
    ticket = TicketFactory(category=category, citizen=citizen)
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:centre"))

    for number in range(10):
        other = TicketFactory(category=category, citizen=citizen)
        workflow.reply_to_ticket(other.pk, by=agent, body=f"Réponse {number}")
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Encore une réponse")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("notifications:centre"))

    assert len(response.context["items"]) == 22
    assert len(many.captured_queries) == len(few.captured_queries)
