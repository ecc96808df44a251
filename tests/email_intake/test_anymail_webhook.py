"""Providers' inbound webhooks (django-anymail): a Postmark inbound post becomes a request."""

import base64

import pytest
from django.urls import reverse

from email_intake.models import InboundEmail
from requests_app.models import Ticket

URL = reverse("email_intake:anymail:postmark_inbound_webhook")
SECRET = "postmark-hook:Zq8vK2mW4rT7yB1n"
PDF = b"%PDF-1.4\n" + b"% page\n" * 40 + b"%%EOF\n"


def auth(secret=SECRET):
    return "Basic " + base64.b64encode(secret.encode()).decode()


def postmark_payload(**overrides):
    """Postmark's inbound JSON as it posts it (without the raw e-mail option)."""
    payload = {
        "FromName": "Camille Martin",
        "MessageStream": "inbound",
        "From": "camille.martin@example.fr",
        "FromFull": {"Email": "camille.martin@example.fr", "Name": "Camille Martin", "MailboxHash": ""},
        "To": "contact@bourg-sur-loire.example",
        "ToFull": [{"Email": "contact@bourg-sur-loire.example", "Name": "", "MailboxHash": ""}],
        "Cc": "",
        "CcFull": [],
        "Bcc": "",
        "BccFull": [],
        "OriginalRecipient": "contact@bourg-sur-loire.example",
        "Subject": "Arbre tombé square Jean-Moulin",
        "MessageID": "73e6d360-66eb-11e1-8e72-a8904824019b",
        "ReplyTo": "",
        "MailboxHash": "",
        "Date": "Mon, 2 Feb 2026 09:15:22 +0100",
        "TextBody": "Bonjour,\n\nUn arbre est tombé sur le banc du square Jean-Moulin.\n\nEnvoyé de mon iPhone",
        "HtmlBody": "<p>Bonjour,</p><p>Un arbre est tombé sur le banc du square Jean-Moulin.</p>",
        "StrippedTextReply": "",
        "Tag": "",
        "Headers": [
            {"Name": "Return-Path", "Value": "<camille.martin@example.fr>"},
            {"Name": "X-Spam-Status", "Value": "No"},
            {"Name": "X-Spam-Score", "Value": "-0.1"},
            {"Name": "MIME-Version", "Value": "1.0"},
            {"Name": "Message-ID", "Value": "<CAF3kZq9pW2@mail.gmail.com>"},
        ],
        "Attachments": [
            {
                "Name": "photo-square.pdf",
                "Content": base64.b64encode(PDF).decode(),
                "ContentType": "application/pdf",
                "ContentLength": len(PDF),
            }
        ],
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


def test_it_opens_a_request_from_a_postmark_post(client, triage_service, webhook_secret):
    response = client.post(URL, postmark_payload(), content_type="application/json", HTTP_AUTHORIZATION=auth())

    assert response.status_code == 200
    inbound = InboundEmail.objects.get()
    assert (inbound.source, inbound.outcome, inbound.message_id) == (
        "webhook",
        "ticket_created",
        "<CAF3kZq9pW2@mail.gmail.com>",
    )
    ticket = inbound.ticket
    assert ticket.subject == "Arbre tombé square Jean-Moulin"
    assert "Un arbre est tombé" in ticket.description and "iPhone" not in ticket.description
    assert list(ticket.attachments.values_list("original_name", flat=True)) == ["photo-square.pdf"]


def test_it_makes_one_request_when_the_provider_posts_twice(client, triage_service, webhook_secret):
    for _ in range(2):
        client.post(URL, postmark_payload(), content_type="application/json", HTTP_AUTHORIZATION=auth())

    assert Ticket.objects.count() == 1


def test_it_refuses_a_post_without_the_secret(client, triage_service, webhook_secret):
    response = client.post(
        URL, postmark_payload(), content_type="application/json", HTTP_AUTHORIZATION=auth("postmark-hook:guess")
    )

    assert response.status_code == 400
    assert not InboundEmail.objects.exists()


def test_it_keeps_the_webhooks_closed_when_no_secret_is_configured(client, triage_service, settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": ""}

    response = client.post(URL, postmark_payload(), content_type="application/json")

    assert response.status_code == 404
    assert not InboundEmail.objects.exists()
