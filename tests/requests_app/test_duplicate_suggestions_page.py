"""The request's page suggests likely duplicates to who may merge, and merges from there in one click."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory

BLOCK = 'id="duplicate-suggestions"'


def _page(client, ticket):
    return client.get(reverse("requests_app:agent_ticket", args=[ticket.reference]), HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def earlier(category):
    return TicketFactory(
        category=category,
        subject="Nid de poule rue Victor Hugo",
        description="Un gros nid de poule, les voitures font des écarts.",
    )


@pytest.fixture
def ticket(category, earlier):
    return TicketFactory(
        category=category,
        subject="Trou dans la chaussée au 12 rue Victor-Hugo",
        description="Il y a un trou profond sur la route.",
        contact_email="dominique@example.fr",
    )


def test_it_shows_the_likely_duplicates_with_a_merge_button(client, agent, ticket, earlier):
    client.force_login(agent)

    response = _page(client, ticket)

    assert response.status_code == 200
    assert [s.ticket for s in response.context["duplicate_suggestions"]] == [earlier]
    html = response.text
    block = html[html.index(BLOCK) :]
    assert earlier.reference in block
    assert "Possible duplicates" in block
    assert "same street" in block
    merge_url = reverse("requests_app:agent_merge", args=[ticket.reference])
    assert re.search(rf'action="{merge_url}".*?name="merge-into" value="{earlier.reference}"', block, re.S)
    assert "Merge into this one" in block


def test_it_merges_through_the_workflow_from_the_suggestion(
    client, agent, ticket, earlier, django_capture_on_commit_callbacks
):
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requests_app:agent_merge", args=[ticket.reference]),
            {"merge-into": earlier.reference},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.MERGED
    assert ticket.duplicate_of == earlier
    merged = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.MERGED)
    assert merged.actor == agent
    assert merged.data == {"into": earlier.reference}
    attached = TicketEvent.objects.get(ticket=earlier, kind=TicketEvent.Kind.DUPLICATE_ATTACHED)
    assert attached.data == {"duplicate": ticket.reference}
    assert ticket.notifications.filter(template="merged").count() == 1
    # Merged, the request has no more suggestions; the survivor no longer counts it as a candidate.
    assert BLOCK not in _page(client, ticket).text
    assert BLOCK not in _page(client, earlier).text


def test_it_shows_nothing_when_nothing_looks_alike(client, agent, category):
    TicketFactory(category=category, subject="Nid de poule avenue Jean Jaurès")
    ticket = TicketFactory(category=category, subject="Nid de poule rue Victor Hugo")
    client.force_login(agent)

    response = _page(client, ticket)

    assert response.context["duplicate_suggestions"] == []
    assert BLOCK not in response.text


def test_it_shows_no_suggestion_to_who_may_not_merge(client, manager, ticket):
    client.force_login(manager)

    response = _page(client, ticket)

    assert response.status_code == 200
    assert response.context["duplicate_suggestions"] == []
    assert BLOCK not in response.text


def test_it_shows_no_suggestion_once_the_request_is_resolved(client, agent, earlier, category):
    resolved = TicketFactory(category=category, subject="Nid de poule rue Victor-Hugo", agent=agent, resolved=True)
    client.force_login(agent)

    assert BLOCK not in _page(client, resolved).text


@pytest.mark.parametrize(("persona", "status"), [("agent_of_other_service", 404), ("citizen", 403)])
def test_it_keeps_the_page_from_people_without_rights(client, request, ticket, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert _page(client, ticket).status_code == status


def test_it_sends_anonymous_visitors_to_the_login_page(client, ticket):
    assert _page(client, ticket).status_code == 302


def test_it_reads_the_same_number_of_queries_whatever_the_number_of_candidates(client, agent, ticket, category):
    client.force_login(agent)
    counts = []
    for extra in (0, 10):
        for _ in range(extra):
            TicketFactory(category=category, subject="Trou rue Victor-Hugo")
        with CaptureQueriesContext(connection) as queries:
            response = _page(client, ticket)
        assert len(response.context["duplicate_suggestions"]) == min(1 + extra, 5)
        counts.append(len(queries))

    assert counts[0] == counts[1]
