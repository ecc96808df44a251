"""Every workflow action through the API: done by the key's account, 409 when the state forbids it."""

import pytest

from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import CategoryFactory, TicketFactory

from .conftest import session_client

S = Ticket.Status


def act(api, ticket, action, payload=None):
    return api.post(f"/api/v1/tickets/{ticket.reference}/{action}/", payload or {}, format="json")


@pytest.mark.parametrize(
    ("action", "payload", "expected_status", "event_kind"),
    [
        ("take", None, S.IN_PROGRESS, TicketEvent.Kind.ASSIGNED),
        ("reply", {"body": "Nous intervenons demain."}, S.IN_PROGRESS, TicketEvent.Kind.PUBLIC_REPLY),
        ("note", {"body": "Voir avec l'équipe nuit."}, S.RECEIVED, TicketEvent.Kind.INTERNAL_NOTE),
        ("request-info", {"body": "Quelle adresse ?"}, S.AWAITING_CITIZEN, TicketEvent.Kind.INFO_REQUESTED),
        ("resolve", {"body": "Rebouché."}, S.RESOLVED, TicketEvent.Kind.RESOLVED),
        ("reject", {"reason": "Voie départementale."}, S.REJECTED, TicketEvent.Kind.REJECTED),
    ],
)
def test_it_applies_the_action_as_the_key(api, category, voirie_key, action, payload, expected_status, event_kind):
    ticket = TicketFactory(category=category)

    response = act(api, ticket, action, payload)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == expected_status
    ticket.refresh_from_db()
    assert ticket.status == expected_status
    event = ticket.events.order_by("-id").first()
    assert event.kind == event_kind
    assert event.actor == voirie_key.user
    assert str(event.actor) == "Application Voirie"


def test_it_assigns_to_an_agent_of_the_service(api, category, agent):
    ticket = TicketFactory(category=category)

    response = act(api, ticket, "assign", {"assignee": agent.pk})

    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.assignee == agent
    assert ticket.status == S.QUALIFIED


def test_it_refuses_an_assignee_outside_the_service(api, category, agent_of_other_service):
    ticket = TicketFactory(category=category)

    response = act(api, ticket, "assign", {"assignee": agent_of_other_service.pk})

    assert response.status_code == 400
    assert "assignee" in response.json()
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_it_reclassifies_within_the_service(api, category, service):
    ticket = TicketFactory(category=category)
    lighting = CategoryFactory(service=service, name="Éclairage")

    response = act(api, ticket, "reroute", {"category": lighting.pk})

    assert response.status_code == 200
    assert response.json()["category"] == lighting.pk


def test_it_answers_204_when_the_request_leaves_the_keys_services(api, category, other_service):
    ticket = TicketFactory(category=category)

    response = act(api, ticket, "reroute", {"service": other_service.pk, "note": "Pas chez nous."})

    assert response.status_code == 204
    ticket.refresh_from_db()
    assert ticket.service == other_service
    assert api.get(f"/api/v1/tickets/{ticket.reference}/").status_code == 404


def test_it_refuses_a_reroute_without_a_target(api, category):
    ticket = TicketFactory(category=category)

    assert act(api, ticket, "reroute", {}).status_code == 400


def test_it_merges_into_another_request_of_the_service(api, category):
    duplicate, survivor = TicketFactory(category=category), TicketFactory(category=category)

    response = act(api, duplicate, "merge", {"into": survivor.reference})

    assert response.status_code == 200
    assert response.json()["status"] == S.MERGED
    assert response.json()["duplicate_of"] == survivor.reference


def test_it_refuses_a_merge_into_a_request_it_cannot_see(api, category, other_category):
    duplicate, elsewhere = TicketFactory(category=category), TicketFactory(category=other_category)

    response = act(api, duplicate, "merge", {"into": elsewhere.reference})

    assert response.status_code == 400
    duplicate.refresh_from_db()
    assert duplicate.status == S.RECEIVED


def test_it_reopens_and_closes_resolved_requests(api, category, agent):
    to_reopen = TicketFactory(category=category, agent=agent, resolved=True)
    to_close = TicketFactory(category=category, agent=agent, resolved=True)

    reopened = act(api, to_reopen, "reopen", {"reason": "Le trou est revenu."})
    closed = act(api, to_close, "close")

    assert reopened.status_code == 200
    assert reopened.json()["status"] == S.IN_PROGRESS
    assert closed.status_code == 200
    assert closed.json()["status"] == S.CLOSED


@pytest.mark.parametrize(
    ("trait", "action", "payload"),
    [
        ({}, "close", None),
        ({}, "reopen", {"reason": "Encore."}),
        ({"closed": True}, "resolve", {"body": "Fini."}),
        ({"rejected": True}, "request-info", {"body": "Adresse ?"}),
    ],
)
def test_it_answers_409_when_the_state_forbids_the_action(api, category, agent, trait, action, payload):
    ticket = TicketFactory(category=category, agent=agent, **trait)
    before = ticket.status

    response = act(api, ticket, action, payload)

    assert response.status_code == 409
    assert ticket.reference in response.json()["detail"]
    ticket.refresh_from_db()
    assert ticket.status == before


def test_it_answers_409_to_a_second_take(api, category):
    ticket = TicketFactory(category=category)
    assert act(api, ticket, "take").status_code == 200

    response = act(api, ticket, "take")

    assert response.status_code == 409
    assert "already assigned to you" in response.json()["detail"]


def test_it_refuses_an_empty_message_with_a_400(api, category):
    ticket = TicketFactory(category=category)

    response = act(api, ticket, "reply", {"body": "   "})

    assert response.status_code == 400
    assert "body" in response.json()
    assert not Message.objects.exists()


def test_it_hides_other_services_requests_from_actions(api, other_category):
    ticket = TicketFactory(category=other_category)

    for action, payload in [("take", None), ("reply", {"body": "x"}), ("close", None)]:
        assert act(api, ticket, action, payload).status_code == 404


def test_it_forbids_actions_to_a_manager(manager, category):
    ticket = TicketFactory(category=category)

    response = act(session_client(manager), ticket, "reply", {"body": "Bonjour"})

    assert response.status_code == 403
    assert not Message.objects.exists()


def test_it_answers_404_for_a_malformed_reference(api):
    assert act(api, type("T", (), {"reference": "not-a-reference"}), "take").status_code == 404


def test_it_lists_the_actions_available_now(api, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    actions = api.get(f"/api/v1/tickets/{ticket.reference}/").json()["actions"]

    assert set(actions) == {"note", "reopen", "close"}
