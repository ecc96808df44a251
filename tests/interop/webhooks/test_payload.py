"""A ticket event reaches the endpoint as a signed JSON POST that carries no personal data."""

import time

import pytest

from interop import webhooks
from interop.models import WebhookDelivery
from requests_app import workflow
from requests_app.models import TicketEvent
from tests.factories import TicketFactory

from .webhook_receiver import endpoint_for, running_receiver, signature_is_valid


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


def _deliver_all():
    for pk in WebhookDelivery.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True):
        webhooks.deliver(pk)


def _ticket(category, **fields):
    return TicketFactory(
        category=category,
        subject="Nid de poule rue Victor Hugo",
        description="Un trou profond devant le 12, Camille Martin 06 12 34 56 78.",
        contact_name="Camille Martin",
        contact_email="camille@example.fr",
        contact_phone="06 12 34 56 78",
        address="12 rue Victor-Hugo",
        **fields,
    )


def test_it_posts_a_signed_json_body_with_its_headers(receiver, category):
    endpoint = endpoint_for(receiver)
    ticket = _ticket(category)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    before = int(time.time())
    assert webhooks.deliver(delivery.pk) is True

    [received] = receiver.received
    assert received.path == "/hooks/relation-citoyen"
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["User-Agent"] == "RelationCitoyen-Webhook/1"
    assert received.headers["X-RC-Event"] == "created"
    assert received.headers["X-RC-Delivery"] == str(delivery.pk)
    assert before <= int(received.headers["X-RC-Timestamp"]) <= int(time.time())
    assert signature_is_valid(endpoint.secret, received)
    assert received.json["id"] == delivery.pk
    assert received.json["ticket"]["reference"] == ticket.reference
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert delivery.last_status_code == 200
    assert delivery.response_excerpt == '{"ok": true}'


def test_it_fails_verification_with_another_secret_or_an_altered_body(receiver, category):
    endpoint = endpoint_for(receiver)
    _ticket(category)
    _deliver_all()
    [received] = receiver.received

    assert not signature_is_valid("0" * 64, received)
    received.body = received.body.replace(b'"created"', b'"closed"')
    assert not signature_is_valid(endpoint.secret, received)


def test_it_describes_the_event_and_the_request(receiver, category, settings):
    settings.SITE_URL = "https://relation.bourg-sur-loire.example"
    endpoint_for(receiver)
    ticket = _ticket(category)

    _deliver_all()

    event = TicketEvent.objects.get(ticket=ticket)
    body = receiver.received[0].json
    assert body["event"] == {
        "id": event.pk,
        "kind": "created",
        "created_at": body["event"]["created_at"],
        "from_status": "",
        "to_status": "received",
        "channel": "web",
        "is_public": True,
        "actor": None,
        "data": {"entered_by_agent": False},
    }
    assert body["event"]["created_at"][-6:] in {"+01:00", "+02:00"}  # local time, with its offset
    assert body["ticket"] == {
        "reference": ticket.reference,
        "status": "received",
        "kind": "report",
        "channel": "web",
        "service": "Voirie",
        "category": "Nid-de-poule",
        "subject": "Nid de poule rue Victor Hugo",
        "created_at": body["ticket"]["created_at"],
        "updated_at": body["ticket"]["updated_at"],
        "due_date": ticket.due_date.isoformat(),
        "url": f"https://relation.bourg-sur-loire.example/agent/demandes/{ticket.reference}/",
    }


def test_it_sends_no_personal_data_of_the_citizen(receiver, category, citizen):
    endpoint_for(receiver)
    ticket = _ticket(category, citizen=citizen)
    workflow.citizen_reply(ticket.pk, by=citizen, body="Je suis joignable au 06 12 34 56 78.")

    _deliver_all()

    assert [r.headers["X-RC-Event"] for r in receiver.received] == ["created", "citizen_message"]
    for received in receiver.received:
        text = received.body.decode()
        for personal in ("Camille", "Martin", "camille@example.fr", "06 12 34 56 78", "Un trou profond"):
            assert personal not in text
        assert received.json["event"]["actor"] is None


def test_it_names_the_agent_and_carries_public_replies(receiver, category, agent):
    endpoint_for(receiver)
    ticket = _ticket(category)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")

    _deliver_all()

    reply = receiver.received[-1].json["event"]
    assert reply["kind"] == "public_reply"
    assert reply["actor"] == str(agent)
    assert reply["message"] == {"kind": "public_reply", "body": "Une équipe passera jeudi."}
    assert reply["from_status"] == "received"
    assert reply["to_status"] == "in_progress"


def test_it_keeps_internal_words_for_endpoints_that_include_internal_events(receiver, category, agent, other_category):
    public_only = endpoint_for(receiver, name="Tableau de bord public")
    internal_too = endpoint_for(receiver, name="Logiciel interne", include_internal=True)
    ticket = _ticket(category)
    workflow.add_internal_note(ticket.pk, by=agent, body="Voir avec le Département.")
    workflow.reroute_ticket(ticket.pk, by=agent, category=other_category, note="Pas chez nous.")

    kinds = {
        endpoint: list(WebhookDelivery.objects.filter(endpoint=endpoint).values_list("payload__event__kind", flat=True))
        for endpoint in (public_only, internal_too)
    }
    assert sorted(kinds[public_only]) == ["created", "rerouted"]
    assert sorted(kinds[internal_too]) == ["created", "internal_note", "rerouted"]
    public_reroute = WebhookDelivery.objects.get(endpoint=public_only, event__kind="rerouted").payload["event"]
    assert "note" not in public_reroute["data"]
    assert public_reroute["data"]["to_service"] == "État civil"
    internal_reroute = WebhookDelivery.objects.get(endpoint=internal_too, event__kind="rerouted").payload["event"]
    assert internal_reroute["data"]["note"] == "Pas chez nous."
    note = WebhookDelivery.objects.get(endpoint=internal_too, event__kind="internal_note").payload["event"]
    assert note["message"] == {"kind": "internal_note", "body": "Voir avec le Département."}
    assert note["is_public"] is False


def test_it_freezes_the_payload_when_the_event_happens(receiver, category, agent):
    endpoint_for(receiver)
    ticket = _ticket(category)
    workflow.resolve_ticket(ticket.pk, by=agent, body="Rebouché.")

    _deliver_all()

    created = next(r.json for r in receiver.received if r.json["event"]["kind"] == "created")
    assert created["ticket"]["status"] == "received"
