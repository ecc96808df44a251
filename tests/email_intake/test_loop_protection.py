"""Robots never open requests and are never answered: no acknowledgement, no mail loop."""

import pytest

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from notifications.models import Notification
from requests_app.models import Ticket

from .conftest import mail

ROBOT_HEADERS = [
    ([("Auto-Submitted", "auto-replied")], "auto_reply"),
    ([("Auto-Submitted", "auto-generated")], "auto_reply"),
    ([("X-Autoreply", "yes")], "auto_reply"),
    ([("X-Autorespond", "Je suis absent")], "auto_reply"),
    ([("Precedence", "bulk")], "bulk"),
    ([("Precedence", "junk")], "bulk"),
    ([("Precedence", "list")], "bulk"),
    ([("Precedence", "auto_reply")], "bulk"),
    ([("List-Id", "Conseil de quartier <quartier.example.org>")], "mailing_list"),
    ([("Return-Path", "<>")], "bounce"),
]


@pytest.mark.parametrize(("headers", "reason"), ROBOT_HEADERS)
def test_it_ignores_robots_and_sends_nothing(
    headers, reason, triage_service, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = process_message(mail(headers=headers), source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.reason) == ("ignored", reason)
    assert not Ticket.objects.exists()
    assert not Notification.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("sender", "reason"),
    [
        ("MAILER-DAEMON@mx.example.fr", "bounce"),
        ("postmaster@example.fr", "bounce"),
        ("noreply@impots.example", "auto_reply"),
        ("ne-pas-repondre@caf.example", "auto_reply"),
    ],
)
def test_it_ignores_robot_senders(sender, reason, triage_service, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = process_message(mail(sender=sender), source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.reason) == ("ignored", reason)
    assert mailoutbox == []


def test_it_ignores_a_delivery_status_report(triage_service, mailoutbox):
    body = (
        "--b\nContent-Type: text/plain\n\nUser unknown\n"
        "--b\nContent-Type: message/delivery-status\n\nAction: failed\n--b--\n"
    )
    raw = mail(body=body, sender="Mail Delivery System <mailer@mx.example.fr>").replace(
        b"Content-Type: text/plain; charset=utf-8",
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    )

    inbound = process_message(raw, source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.reason) == ("ignored", "bounce")
    assert not Ticket.objects.exists()


def test_it_ignores_its_own_mail_coming_back(triage_service, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.DEFAULT_FROM_EMAIL = "Mairie <mairie@bourg-sur-loire.example>"

    with django_capture_on_commit_callbacks(execute=True):
        inbound = process_message(mail(sender="Mairie <mairie@bourg-sur-loire.example>"), source="imap")

    assert (inbound.outcome, inbound.reason) == ("ignored", "own_mail")
    assert mailoutbox == []


def test_it_treats_auto_submitted_no_as_a_person(triage_service, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = process_message(mail(headers=[("Auto-Submitted", "no")]), source=InboundEmail.Source.IMAP)

    assert inbound.outcome == "ticket_created"
    assert [m.to for m in mailoutbox] == [["camille.martin@example.fr"]]
