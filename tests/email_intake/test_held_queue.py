"""The held-mail queue: each agent sees the held mail of their services, nobody else's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory, UserFactory

from .conftest import mail

LIST = reverse("email_intake:held_list")


def held_about(ticket, n=0):
    return process_message(
        mail(subject=f"Re: {ticket.reference}", sender=f"voisin{n}@example.fr", message_id=f"<held{n}@example.fr>"),
        source=InboundEmail.Source.IMAP,
    )


def held_without_request(n=0):
    # Nothing in processing leaves a held mail without a request today; the queue still files
    # such rows under the triage service, which sorts what has no home.
    return InboundEmail.objects.create(
        message_id=f"<orphan{n}@example.fr>", source="imap", from_address="x@example.fr", raw=b"", outcome="held"
    )


def test_it_lists_the_held_mail_of_the_agents_services(client, email_ticket, agent):
    inbound = held_about(email_ticket)
    client.force_login(agent)

    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [inbound]
    assert b"voisin0@example.fr" in response.content
    assert b"Sender is not the request" in response.content


def test_it_hides_held_mail_of_other_services(client, email_ticket, agent_of_other_service):
    held_about(email_ticket)
    client.force_login(agent_of_other_service)

    response = client.get(LIST)

    assert list(response.context["page_obj"]) == []


def test_it_shows_mail_without_request_to_the_triage_service_only(client, triage_service, agent):
    orphan = held_without_request()
    triage_agent = UserFactory(role="agent", services=[triage_service])

    client.force_login(triage_agent)
    assert list(client.get(LIST).context["page_obj"]) == [orphan]
    client.force_login(agent)
    assert list(client.get(LIST).context["page_obj"]) == []


def test_it_shows_every_held_mail_to_administrators(client, email_ticket, administrator):
    inbound = held_about(email_ticket)
    log_in_with_second_factor(client, administrator)

    assert list(client.get(LIST).context["page_obj"]) == [inbound]


def test_it_leaves_handled_mail_out(client, email_ticket, agent):
    inbound = held_about(email_ticket)
    InboundEmail.objects.filter(pk=inbound.pk).update(
        outcome="discarded", discard_reason="x", handled_by=agent, handled_at=timezone.now()
    )
    client.force_login(agent)

    assert list(client.get(LIST).context["page_obj"]) == []


@pytest.mark.parametrize("persona", ["citizen", "manager"])
def test_it_refuses_people_who_do_not_work_requests(client, persona, request, email_ticket):
    inbound = held_about(email_ticket)
    client.force_login(request.getfixturevalue(persona))

    assert client.get(LIST).status_code == 403
    assert client.get(reverse("email_intake:held_detail", args=[inbound.pk])).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_runs_a_fixed_number_of_queries(client, email_ticket, category, agent, django_assert_max_num_queries):
    for n in range(3):
        held_about(TicketFactory(category=category), n)
    client.force_login(agent)
    with django_assert_max_num_queries(8) as few:
        client.get(LIST)
    for n in range(3, 20):
        held_about(TicketFactory(category=category), n)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)

    assert len(response.context["page_obj"]) == 20
