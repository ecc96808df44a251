"""The six named e-mails render in the recipient's language, with the reference and the link."""

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket
from tests.factories import TicketFactory

TEMPLATES = ["acknowledgement", "public_reply", "info_requested", "resolved", "rejected", "merged"]


def _cause(template, ticket, agent):
    """Have the workflow queue `template` for `ticket`, as it does in real life."""
    if template == "public_reply":
        workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")
    elif template == "info_requested":
        workflow.request_information(ticket.pk, by=agent, body="Quel est le numéro du lampadaire ?")
    elif template == "resolved":
        workflow.resolve_ticket(ticket.pk, by=agent, body="L'ampoule a été remplacée ce matin.")
    elif template == "rejected":
        workflow.reject_ticket(ticket.pk, by=agent, reason="Cette voie relève du Département.")
    elif template == "merged":
        survivor = TicketFactory(category=ticket.category, contact_email="voisin@example.fr")
        workflow.merge_tickets(ticket.pk, into_id=survivor.pk, by=agent)
    return Notification.objects.get(ticket=ticket, template=template)


def _deliver_in(notification, language):
    Notification.objects.filter(pk=notification.pk).update(language=language)
    assert outbox.deliver(notification.pk)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_it_renders_each_email_with_its_reference_and_tracking_link(template, language, ticket, agent, mailoutbox):
    notification = _cause(template, ticket, agent)
    mailoutbox.clear()

    _deliver_in(notification, language)

    [mail] = mailoutbox
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert ticket.reference in mail.subject
    for body in (mail.body, html):
        assert ticket.reference in body
        assert ticket.tracking_url() in body
        assert settings.MUNICIPALITY_NAME in body
    assert f'<html lang="{language}">' in html
    assert mail.to == ["camille@example.fr"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_acknowledges_with_what_the_crpa_asks(language, ticket, mailoutbox):
    notification = Notification.objects.get(ticket=ticket, template="acknowledgement")

    _deliver_in(notification, language)

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    with translation.override(language):
        received_on = date_format(timezone.localtime(ticket.created_at), "DATE_FORMAT")
        due = date_format(ticket.due_date, "DATE_FORMAT")
    for body in (mail.body, html):
        assert ticket.reference in body
        assert received_on in body
        assert "Voirie" in body
        assert "voirie@mairie.example" in body
        assert due in body
        assert "L112-3" in body
        assert ticket.tracking_url() in body


def test_it_tells_the_expected_delay_in_business_days(ticket, mailoutbox):
    notification = Notification.objects.get(ticket=ticket, template="acknowledgement")

    _deliver_in(notification, "en")

    assert "within 5 business days" in mailoutbox[0].body


def test_it_offers_to_confirm_or_reopen_within_the_delay(ticket, agent, mailoutbox, settings):
    notification = _cause("resolved", ticket, agent)

    _deliver_in(notification, "en")

    [mail] = mailoutbox
    assert "L'ampoule a été remplacée ce matin." in mail.body
    assert f"within {settings.REOPEN_DELAY_DAYS} days" in mail.body
    assert "confirm" in mail.body


def test_it_gives_the_reason_and_the_recourse_of_a_rejection(ticket, agent, mailoutbox):
    notification = _cause("rejected", ticket, agent)

    _deliver_in(notification, "en")

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    for body in (mail.body, html):
        assert "Cette voie relève du Département." in body
        assert "two months" in body
        assert "administrative court" in body
        assert "Défenseur des droits" in body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_points_a_merged_request_to_the_one_that_survives(language, ticket, agent, mailoutbox):
    notification = _cause("merged", ticket, agent)
    survivor = Ticket.objects.get(pk=ticket.pk).duplicate_of

    _deliver_in(notification, language)

    [mail] = mailoutbox
    assert survivor.reference in mail.subject
    assert survivor.reference in mail.body
    with translation.override(language):
        assert str(survivor.get_status_display()) in mail.body


def test_it_escapes_what_people_wrote_in_html_only(category, agent, mailoutbox):
    ticket = TicketFactory(
        category=category, subject="L'éclairage <b>ne marche plus</b>", contact_email="camille@example.fr"
    )
    body = 'Voir <a href="https://evil.example">ici</a> & "là"\nDeuxième ligne'
    workflow.reply_to_ticket(ticket.pk, by=agent, body=body)
    notification = Notification.objects.get(ticket=ticket, template="public_reply")

    _deliver_in(notification, "fr")

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    assert '<a href="https://evil.example">' not in html
    assert "Voir &lt;a href=&quot;https://evil.example&quot;&gt;ici&lt;/a&gt; &amp; &quot;là&quot;<br>" in html
    assert "Deuxième ligne" in html
    assert "L&#x27;éclairage &lt;b&gt;ne marche plus&lt;/b&gt;" in html
    assert body in mail.body
    assert "L'éclairage <b>ne marche plus</b>" in mail.body
