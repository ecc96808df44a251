"""The IMAP poller against a real Dovecot server on loopback, started for these tests."""

import itertools
import os
from unittest import mock

import pytest

from email_intake import imap, tasks
from email_intake.models import InboundEmail
from requests_app.models import Ticket
from tests.conftest import skip_or_fail

from .conftest import mail
from .imap_server import DOVECOT, ImapServer

PASSWORD = "s3cret-boite"
ACCOUNTS = 20
_accounts = itertools.count(1)


@pytest.fixture(scope="module")
def imap_server():
    if not os.path.exists(DOVECOT):
        skip_or_fail("Debian's dovecot-imapd is not installed")
    server = ImapServer()
    try:
        # Dovecot notices a changed passwd-file by its timestamp: create every account up front.
        for number in range(1, ACCOUNTS + 1):
            server.add_user(f"mairie{number}", PASSWORD)
        server.start()
    except Exception as exc:
        server.stop()
        skip_or_fail(f"the test IMAP server did not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def mailbox(imap_server, settings):
    """A fresh mailbox for each test, and the settings that point the poller at it."""
    name = f"mairie{next(_accounts)}"
    assert name in imap_server.users, "raise ACCOUNTS"
    settings.INBOUND_IMAP_HOST = "127.0.0.1"
    settings.INBOUND_IMAP_PORT = imap_server.port
    settings.INBOUND_IMAP_SECURITY = "none"
    settings.INBOUND_IMAP_USER = name
    settings.INBOUND_IMAP_PASSWORD = PASSWORD
    settings.INBOUND_IMAP_FOLDER = "INBOX"
    settings.INBOUND_IMAP_PROCESSED_FOLDER = "Traites"
    connection = imap_server.client(name)
    yield connection
    connection.logout()


def deliver(connection, raw: bytes) -> None:
    status, _ = connection.append("INBOX", None, None, raw)
    assert status == "OK"


def uids(connection, folder: str, criterion: str = "ALL") -> list[bytes]:
    connection.select(folder)
    status, data = connection.uid("SEARCH", None, criterion)
    assert status == "OK"
    return data[0].split()


def three_mails():
    return [mail(subject=f"Demande {n}", message_id=f"<imap{n}@example.fr>") for n in range(3)]


def test_it_processes_new_mail_and_moves_it_to_the_processed_folder(mailbox, triage_service):
    for raw in three_mails():
        deliver(mailbox, raw)

    result = imap.poll_mailbox()

    assert (result.processed, result.failed) == (3, 0)
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["Demande 0", "Demande 1", "Demande 2"]
    assert set(InboundEmail.objects.values_list("source", flat=True)) == {"imap"}
    assert uids(mailbox, "INBOX") == []
    assert len(uids(mailbox, "Traites")) == 3


def test_it_copies_and_expunges_when_the_server_cannot_move(mailbox, triage_service):
    for raw in three_mails()[:2]:
        deliver(mailbox, raw)

    with mock.patch.object(imap, "supports_move", return_value=False):
        result = imap.poll_mailbox()

    assert result.processed == 2
    assert uids(mailbox, "INBOX") == []
    assert len(uids(mailbox, "Traites")) == 2


def test_it_flags_mail_seen_when_no_processed_folder_is_set(mailbox, triage_service, settings):
    settings.INBOUND_IMAP_PROCESSED_FOLDER = ""
    deliver(mailbox, mail())

    assert imap.poll_mailbox().processed == 1
    assert len(uids(mailbox, "INBOX", "SEEN")) == 1
    # The next poll finds nothing new.
    assert imap.poll_mailbox().processed == 0
    assert Ticket.objects.count() == 1


def test_it_leaves_a_failing_mail_for_the_next_poll_without_blocking_the_others(mailbox, triage_service):
    for raw in three_mails():
        deliver(mailbox, raw)
    real = imap.process_message

    def flaky(raw, *, source):
        if b"Demande 1" in raw:
            raise ConnectionError("database went away")
        return real(raw, source=source)

    with mock.patch.object(imap, "process_message", side_effect=flaky):
        result = imap.poll_mailbox()

    assert (result.processed, result.failed) == (2, 1)
    assert len(uids(mailbox, "INBOX", "UNSEEN")) == 1
    assert len(uids(mailbox, "Traites")) == 2

    assert imap.poll_mailbox().processed == 1
    assert Ticket.objects.count() == 3
    assert uids(mailbox, "INBOX") == []


def test_it_sets_aside_what_is_not_an_email(mailbox, triage_service):
    deliver(mailbox, b"X-Garbage: \r\n\r\n")
    deliver(mailbox, mail())

    result = imap.poll_mailbox()

    assert (result.processed, result.unparseable) == (1, 1)
    assert len(uids(mailbox, "INBOX", "SEEN")) == 1
    assert imap.poll_mailbox() == imap.PollResult()


def test_it_processes_a_mail_once_even_if_it_comes_back(mailbox, triage_service):
    deliver(mailbox, mail())
    imap.poll_mailbox()
    deliver(mailbox, mail())  # the same Message-ID, delivered again

    assert imap.poll_mailbox().processed == 1
    assert Ticket.objects.count() == 1


def test_it_runs_as_a_celery_task(mailbox, triage_service):
    deliver(mailbox, mail())

    assert tasks.poll_mailbox.delay().get() == {"processed": 1, "failed": 0, "unparseable": 0}


def test_it_does_nothing_without_a_configured_host(settings, db):
    settings.INBOUND_IMAP_HOST = ""

    assert imap.poll_mailbox() == imap.PollResult()
