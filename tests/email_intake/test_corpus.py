"""Real-world-shaped mails (Gmail, Outlook, Thunderbird, iPhone, robots, broken MIME) and what each becomes."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from requests_app.models import Channel, Message
from tests.factories import TicketFactory

from .conftest import CITIZEN_ADDRESS, CORPUS, corpus_message

CREATED, APPENDED, HELD, IGNORED = "ticket_created", "appended", "held", "ignored"

# file → what should happen. `ticket`: the state of the request the mail answers, if any.
# `subject` is the new request's subject; `contains`/`excludes` apply to the stored text.
EXPECTATIONS = {
    "01-gmail-new-request.eml": {
        "outcome": CREATED,
        "subject": "Lampadaire en panne rue Émile-Zola",
        "contains": ["ne s’allume plus depuis", "Cordialement,"],  # noqa: RUF001 (curly quotes as clients send them)
    },
    "02-outlook-new-windows-1252.eml": {
        "outcome": CREATED,
        "subject": "Dépôt sauvage derrière la salle des fêtes",
        "contains": ["sacs d’ordures", "150 €", "gênante"],  # noqa: RUF001 (curly quotes as clients send them)
    },
    "03-thunderbird-pdf-rfc2231.eml": {
        "outcome": CREATED,
        "subject": "Attestation pour l'inscription scolaire",
        "contains": ["école Jules-Ferry"],
        "attachments": ["attestation déménagement.pdf"],
    },
    "04-iphone-photo.eml": {
        "outcome": CREATED,
        "subject": "Nid de poule chemin des Vignes",
        "contains": ["chemin des Vignes à hauteur du lavoir"],
        "excludes": ["Envoyé de mon iPhone"],
        "attachments": ["IMG_0423.jpeg"],
    },
    "05-html-only-with-script.eml": {
        "outcome": CREATED,
        "subject": "Demande de salle pour notre assemblée générale",
        "contains": ["salle polyvalente", "- Nombre de participants : 40", "https://jardins-partages.example.org/ag"],
        "excludes": ["<", "alert", "color: #333"],
    },
    "06-gmail-reply-to-acknowledgement.eml": {
        "ticket": "received",
        "outcome": APPENDED,
        "contains": ["Le trou est toujours là ce matin"],
        "excludes": ["a écrit", "Votre demande a bien été reçue"],
    },
    "07-outlook-reply-subject-reference.eml": {
        "ticket": "in_progress",
        "outcome": APPENDED,
        "contains": ["Je serai présente jeudi matin"],
        "excludes": ["De :", "Envoyé :", "une équipe passera"],
    },
    "08-thunderbird-reply-signature.eml": {
        "ticket": "awaiting_citizen",
        "outcome": APPENDED,
        "contains": ["3 bis impasse des Tilleuls"],
        "excludes": ["a écrit", "préciser l'adresse", "06 12 34 56 78"],
    },
    "09-outlook-original-message.eml": {
        "ticket": "in_progress",
        "outcome": APPENDED,
        "contains": ["C’est parfait, merci beaucoup"],  # noqa: RUF001 (curly quotes as clients send them)
        "excludes": ["Original Message", "Une équipe passera jeudi"],
    },
    "10-out-of-office.eml": {"ticket": "received", "outcome": IGNORED, "reason": "auto_reply"},
    "11-bounce-dsn.eml": {"outcome": IGNORED, "reason": "auto_reply"},
    "12-mailing-list.eml": {"outcome": IGNORED, "reason": "bulk"},
    "13-gmail-forward.eml": {
        "outcome": CREATED,
        "subject": "Fwd: Bruit du chantier rue Pasteur",
        "contains": ["je vous transfère le message", "commence à 6 h du matin", "De : Jeanne Roux"],
    },
    "14-broken-mime-latin1.eml": {
        "outcome": CREATED,
        "subject": "Trottoir abîmé avenue de la Gare",
        "contains": ["Le trottoir est abîmé devant la boulangerie", "Une personne âgée est tombée hier."],
    },
    "15-reply-from-another-address.eml": {
        "ticket": "received",
        "outcome": HELD,
        "reason": "unknown_sender",
        "contains": ["je suis le voisin de Mme Martin"],
    },
    "16-reply-to-closed-request.eml": {
        "ticket": "closed",
        "outcome": HELD,
        "reason": "ticket_not_open",
        "contains": ["le marquage au sol n’a pas été refait"],  # noqa: RUF001 (curly quotes as clients send them)
        "excludes": ["Votre demande a été résolue"],
    },
    "17-no-subject-attachment-only.eml": {
        "outcome": CREATED,
        "subject": "@default",
        "attachments": ["facture école.pdf"],
    },
    "18-refused-attachment-and-logo.eml": {
        "outcome": CREATED,
        "subject": "Plan de la haie à tailler",
        "contains": ["la haie du 5 allée des Acacias déborde"],
        "attachments": ["plan-haie.png"],
        "refused": ["lecteur-plan.exe"],
    },
    "19-no-message-id.eml": {
        "outcome": CREATED,
        "subject": "Horaires de la mairie annexe",
        "contains": ["quels sont les horaires"],
    },
}


def test_it_has_an_expectation_for_every_corpus_mail():
    assert sorted(p.name for p in CORPUS.glob("*.eml")) == sorted(EXPECTATIONS)
    assert len(EXPECTATIONS) >= 15


def _ticket_in_state(state, category):
    traits = {"received": {}, "in_progress": {"in_progress": True}, "awaiting_citizen": {"awaiting": True}}
    traits |= {"closed": {"closed": True}}
    return TicketFactory(
        category=category, contact_email=CITIZEN_ADDRESS, contact_name="Camille Martin", **traits[state]
    )


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_it_handles_the_corpus_mail(name, triage_service, category):
    expected = EXPECTATIONS[name]
    ticket = _ticket_in_state(expected["ticket"], category) if "ticket" in expected else None
    tickets_before = set(ticket.__class__.objects.values_list("pk", flat=True)) if ticket else set()

    inbound = process_message(corpus_message(name, ticket), source=InboundEmail.Source.COMMAND)

    assert inbound.outcome == expected["outcome"], (inbound.outcome, inbound.reason)
    assert inbound.reason == expected.get("reason", "")
    if expected["outcome"] == CREATED:
        created = inbound.ticket
        assert created.pk not in tickets_before and created.channel == Channel.EMAIL
        assert created.service == triage_service
        subject = expected["subject"]
        if subject == "@default":
            with translation.override(settings.LANGUAGE_CODE):
                subject = gettext("E-mail without a subject")
        assert created.subject == subject
        text = created.description
        assert sorted(created.attachments.values_list("original_name", flat=True)) == expected.get("attachments", [])
    elif expected["outcome"] == APPENDED:
        assert inbound.ticket == ticket
        message = inbound.ticket_message
        assert message.kind == Message.Kind.CITIZEN_MESSAGE and message.channel == Channel.EMAIL
        text = message.body
    elif expected["outcome"] == HELD:
        assert inbound.ticket == ticket
        assert not ticket.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()
        text = inbound.body
    else:
        assert inbound.ticket is None
        text = inbound.body
    for fragment in expected.get("contains", []):
        assert fragment in text, text
    for fragment in expected.get("excludes", []):
        assert fragment not in text, text
    assert [r["name"] for r in inbound.refused_attachments] == expected.get("refused", [])
    # The stored original lets an agent read what the mail really said.
    assert bytes(inbound.raw).startswith(corpus_message(name, ticket)[:40])
