"""The workbench links to the held-mail queue with its count, at the cost of one query whatever the count."""

from django.urls import reverse

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from tests.factories import TicketFactory

from .conftest import mail

WORKBENCH = reverse("requests_app:workbench")
HELD = reverse("email_intake:held_list")


def hold(ticket, n):
    process_message(
        mail(subject=f"Re: {ticket.reference}", sender=f"voisin{n}@example.fr", message_id=f"<w{n}@example.fr>"),
        source=InboundEmail.Source.IMAP,
    )


def test_it_shows_the_count_of_held_mail(client, email_ticket, agent):
    hold(email_ticket, 1)
    hold(email_ticket, 2)
    client.force_login(agent)

    response = client.get(WORKBENCH, HTTP_ACCEPT_LANGUAGE="en")

    assert f'href="{HELD}"'.encode() in response.content
    assert b'Held e-mails <span class="badge text-bg-danger">2</span>' in response.content


def test_it_counts_only_the_agents_services(client, email_ticket, agent_of_other_service):
    hold(email_ticket, 1)
    client.force_login(agent_of_other_service)

    response = client.get(WORKBENCH, HTTP_ACCEPT_LANGUAGE="en")

    assert b'Held e-mails <span class="badge text-bg-secondary">0</span>' in response.content


def test_it_shows_no_link_to_managers(client, manager, db):
    client.force_login(manager)

    assert f'href="{HELD}"'.encode() not in client.get(WORKBENCH).content


def test_it_costs_the_same_queries_for_many_held_mails(
    client, email_ticket, category, agent, django_assert_max_num_queries
):
    hold(email_ticket, 0)
    client.force_login(agent)
    with django_assert_max_num_queries(20) as few:
        client.get(WORKBENCH)
    for n in range(1, 15):
        hold(TicketFactory(category=category), n)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(WORKBENCH)
