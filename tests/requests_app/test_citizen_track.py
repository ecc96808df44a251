"""The tracking page: what the citizen sees of their request through its private link."""

import pytest
from django.urls import reverse

from requests_app import workflow
from requests_app.models import Ticket
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def track(client, ticket):
    return client.get(reverse("requests_app:track", args=[ticket.token]))


def test_it_shows_the_request_and_its_public_timeline(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")
    workflow.add_internal_note(ticket.pk, by=agent, body="Voir avec le prestataire, devis trop cher.")

    response = track(client, ticket)

    assert response.status_code == 200
    assert ticket.reference in response.text
    assert ticket.description.replace("'", "&#x27;") in response.text
    assert "Nid-de-poule" in response.text
    assert "Voirie" in response.text
    assert "Une équipe passera jeudi." in response.text
    assert "Voir avec le prestataire" not in response.text
    assert agent.email not in response.text
    assert "no-cache" in response["Cache-Control"]


def test_it_shows_the_progress_as_steps(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    response = track(client, ticket)

    assert '<ol class="steps"' in response.text
    assert response.text.count('aria-current="step"') == 1
    current = [step for step in response.context["steps"] if step["state"] == "current"]
    assert [step["label"] for step in current] == [Ticket.Status.IN_PROGRESS.label]


def test_it_counts_a_request_awaiting_the_citizen_as_in_progress(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    response = track(client, ticket)

    current = [step for step in response.context["steps"] if step["state"] == "current"]
    assert [step["label"] for step in current] == [Ticket.Status.IN_PROGRESS.label]
    assert "Pouvez-vous préciser l&#x27;adresse exacte ?" in response.text
    assert response.context["can_reply"]


def test_it_shows_a_rejection_with_its_reason_instead_of_steps(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, rejected=True)

    response = track(client, ticket)

    assert response.context["steps"] == []
    assert "Cette voie relève du Département." in response.text
    assert not (response.context["can_reply"] or response.context["can_confirm"] or response.context["can_reopen"])


def test_it_offers_only_the_actions_the_workflow_allows(client, category, agent):
    received = TicketFactory(category=category)
    resolved = TicketFactory(category=category, agent=agent, resolved=True)

    on_received = track(client, received).context
    on_resolved = track(client, resolved).context

    assert (on_received["can_reply"], on_received["can_confirm"], on_received["can_reopen"]) == (True, False, False)
    assert (on_resolved["can_reply"], on_resolved["can_confirm"], on_resolved["can_reopen"]) == (False, True, True)


def test_it_answers_404_to_a_wrong_token(client, category):
    TicketFactory(category=category)

    response = client.get(reverse("requests_app:track", args=["0" * 64]))

    assert response.status_code == 404


def test_it_shows_what_a_merged_request_became_without_the_other_persons_data(client, category, agent):
    mine = TicketFactory(category=category, contact_email="moi@example.fr")
    survivor = TicketFactory(
        category=category,
        contact_name="Dominique Voisin",
        contact_email="voisin@example.fr",
        description="Description écrite par le voisin.",
    )
    workflow.citizen_reply(survivor.pk, by=None, body="Message privé du voisin.", via_token=True)
    workflow.reply_to_ticket(survivor.pk, by=agent, body="Réparation prévue la semaine prochaine.")
    workflow.merge_tickets(mine.pk, into_id=survivor.pk, by=agent)

    response = track(client, mine)

    assert response.status_code == 200
    assert survivor.reference in response.text
    assert "Réparation prévue la semaine prochaine." in response.text
    assert "Description écrite par le voisin." not in response.text
    assert "Message privé du voisin." not in response.text
    assert "Dominique Voisin" not in response.text
    assert "voisin@example.fr" not in response.text
    assert response.context["survivor_steps"]
    assert not (response.context["can_reply"] or response.context["can_confirm"] or response.context["can_reopen"])


def test_it_shows_an_agent_reopening_without_its_internal_reason(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    workflow.reopen_ticket(ticket.pk, by=agent, reason="Contrôle qualité : reprise du chantier.")

    page = track(client, ticket).content.decode()

    assert "Request reopened" in page
    assert "Contrôle qualité" not in page
