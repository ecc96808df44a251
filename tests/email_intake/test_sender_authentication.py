"""Replies the town's mail server did not authenticate (DMARC, DKIM, SPF) are held for an agent."""

import email
import email.policy

import pytest

from email_intake import authentication
from email_intake.models import InboundEmail
from email_intake.processing import attach_held_to_ticket, process_message
from requests_app.models import Message

from .conftest import CITIZEN_ADDRESS, CORPUS, corpus_message, mail

AUTHSERV_ID = "mx.bourg-sur-loire.example"
FOLDER = "authentication"

# mail → (outcome, reason) once the town's server is named.
EXPECTATIONS = {
    "01-dmarc-pass.eml": ("appended", ""),
    "02-spoofed-dmarc-fail.eml": ("held", "unauthenticated"),
    "03-forged-results-header.eml": ("held", "unauthenticated"),  # "pass" only in headers of other servers
    "04-dkim-aligned-without-dmarc.eml": ("appended", ""),
    "05-dkim-of-another-domain.eml": ("held", "unauthenticated"),  # signed, but not by the sender's domain
    "06-spf-aligned-only.eml": ("appended", ""),
    "07-no-results-header.eml": ("held", "unauthenticated"),
}


@pytest.fixture
def town_server(settings):
    settings.INBOUND_AUTHSERV_ID = AUTHSERV_ID


def _reply(name, ticket) -> InboundEmail:
    return process_message(corpus_message(f"{FOLDER}/{name}", ticket), source=InboundEmail.Source.IMAP)


def test_it_has_an_expectation_for_every_mail():
    assert sorted(path.name for path in (CORPUS / FOLDER).glob("*.eml")) == sorted(EXPECTATIONS)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_it_adds_only_the_replies_the_town_server_authenticated(name, town_server, email_ticket):
    inbound = _reply(name, email_ticket)

    assert (inbound.outcome, inbound.reason) == EXPECTATIONS[name]
    assert inbound.ticket == email_ticket
    citizen_messages = email_ticket.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE)
    assert citizen_messages.exists() == (inbound.outcome == "appended")


def test_it_says_why_a_reply_is_held(town_server, email_ticket):
    inbound = _reply("02-spoofed-dmarc-fail.eml", email_ticket)

    assert inbound.get_reason_display() == "Expéditeur non authentifié par le serveur de messagerie (DMARC, DKIM, SPF)"


def test_an_agent_can_still_add_a_held_reply(town_server, email_ticket, agent):
    inbound = _reply("07-no-results-header.eml", email_ticket)

    attach_held_to_ticket(inbound.pk, ticket=email_ticket, by=agent)

    inbound.refresh_from_db()
    assert inbound.outcome == "appended"
    assert email_ticket.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_checks_nothing_while_no_server_is_named(settings, email_ticket):
    settings.INBOUND_AUTHSERV_ID = ""

    inbound = _reply("02-spoofed-dmarc-fail.eml", email_ticket)

    assert (inbound.outcome, inbound.reason) == ("appended", "")


def test_it_still_opens_a_new_request_from_an_unauthenticated_sender(town_server, triage_service):
    # A new request harms nobody else's request; its acknowledgement goes to the real address.
    inbound = process_message(mail(), source=InboundEmail.Source.IMAP)

    assert inbound.outcome == "ticket_created"


def _message(headers: str):
    return email.message_from_string(headers + "From: a@example.fr\n\nx\n", policy=email.policy.default)


def test_it_reads_the_topmost_header_of_the_town_server():
    message = _message(
        "Authentication-Results: MX.Bourg-sur-Loire.example; dmarc=fail header.from=example.fr\n"
        "Authentication-Results: mx.bourg-sur-loire.example; dmarc=pass header.from=example.fr\n"
    )

    assert authentication.sender_is_authenticated(message, "camille@example.fr", authserv_id=AUTHSERV_ID) is False


def test_it_refuses_a_dmarc_pass_for_another_from_domain():
    message = _message("Authentication-Results: mx.bourg-sur-loire.example; dmarc=pass header.from=other.example\n")

    assert authentication.sender_is_authenticated(message, "camille@example.fr", authserv_id=AUTHSERV_ID) is False


def test_it_accepts_a_signature_of_a_parent_domain_but_not_of_a_top_level_one():
    parent = _message("Authentication-Results: mx.bourg-sur-loire.example; dkim=pass header.d=example.fr\n")
    tld = _message("Authentication-Results: mx.bourg-sur-loire.example; dkim=pass header.d=fr\n")

    assert authentication.sender_is_authenticated(parent, "c@mail.example.fr", authserv_id=AUTHSERV_ID) is True
    assert authentication.sender_is_authenticated(tld, "c@example.fr", authserv_id=AUTHSERV_ID) is False


def test_it_parses_comments_quoted_strings_and_versions():
    results = authentication.parse_header(
        'mx.example 1; dkim/1=pass (good (nested) "sig; x") header.d="example.fr" reason="all; fine"; spf=none'
    )

    assert results.authserv_id == "mx.example"
    assert results.methods == {"dkim": [("pass", {"header.d": "example.fr"})], "spf": [("none", {})]}


DMARC_PASS = f"{AUTHSERV_ID}; dkim=pass header.d=example.fr; dmarc=pass header.from=example.fr"
DMARC_FAIL = f"{AUTHSERV_ID}; dkim=none; spf=fail smtp.mailfrom=example.fr; dmarc=fail header.from=example.fr"


@pytest.fixture
def camille(db):
    """An account whose address is verified: the one a forged From: would claim."""
    from django.utils import timezone

    from tests.factories import UserFactory

    return UserFactory(email=CITIZEN_ADDRESS, email_verified_at=timezone.now())


@pytest.mark.parametrize(("results", "joins_the_account"), [(DMARC_PASS, True), (DMARC_FAIL, False)])
def test_a_new_request_joins_the_senders_account_only_when_the_server_vouched_for_it(
    results, joins_the_account, town_server, triage_service, camille
):
    inbound = process_message(
        mail(subject="Banc cassé square Hugo", headers=[("Authentication-Results", results)]),
        source=InboundEmail.Source.IMAP,
    )

    assert inbound.outcome == "ticket_created"
    assert (inbound.ticket.citizen == camille) is joins_the_account
    if not joins_the_account:
        # Filed as from a stranger: the address is kept as a contact, the account sees nothing.
        assert inbound.ticket.contact_email == CITIZEN_ADDRESS
        assert not camille.tickets.exists()
