"""Polling an IMAP mailbox: fetch what is new, process each mail, put it aside.

A mail that fails to process (database down, a bug) stays where it was, unread, for the next
poll, and does not stop the others. One that was processed is moved to the processed folder
(MOVE when the server has it, else COPY, \\Deleted and EXPUNGE) or, with no folder configured,
left in place flagged \\Seen.
"""

import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings

from .models import InboundEmail
from .processing import UnparseableEmail, process_message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollResult:
    processed: int = 0
    failed: int = 0
    unparseable: int = 0


def _quote(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def connect() -> imaplib.IMAP4:
    host, port, timeout = settings.INBOUND_IMAP_HOST, settings.INBOUND_IMAP_PORT, settings.INBOUND_IMAP_TIMEOUT
    security = settings.INBOUND_IMAP_SECURITY
    if security == "ssl":
        connection = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)
    else:
        connection = imaplib.IMAP4(host, port, timeout=timeout)
        if security == "starttls":
            connection.starttls(ssl_context=ssl.create_default_context())
    connection.login(settings.INBOUND_IMAP_USER, settings.INBOUND_IMAP_PASSWORD)
    return connection


def _check(response, what: str):
    status, data = response
    if status != "OK":
        raise imaplib.IMAP4.error(f"{what} failed: {data!r}")
    return data


def _raw_message(data) -> bytes | None:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def _put_aside(connection: imaplib.IMAP4, uid: bytes, *, can_move: bool) -> None:
    folder = settings.INBOUND_IMAP_PROCESSED_FOLDER
    if not folder:
        _check(connection.uid("STORE", uid, "+FLAGS", r"(\Seen)"), "STORE \\Seen")
    elif can_move:
        _check(connection.uid("MOVE", uid, _quote(folder)), "MOVE")
    else:
        _check(connection.uid("COPY", uid, _quote(folder)), "COPY")
        _check(connection.uid("STORE", uid, "+FLAGS", r"(\Deleted)"), "STORE \\Deleted")


def supports_move(connection: imaplib.IMAP4) -> bool:
    """RFC 6851 MOVE; the capability list after login is the one that counts."""
    capabilities = _check(connection.capability(), "CAPABILITY")[0].decode().upper().split()
    return "MOVE" in capabilities


def poll_mailbox() -> PollResult:
    """Process every unread mail of the configured folder once; returns what happened."""
    if not settings.INBOUND_IMAP_HOST:
        return PollResult()
    connection = connect()
    processed = failed = unparseable = 0
    try:
        can_move = supports_move(connection)
        folder = settings.INBOUND_IMAP_PROCESSED_FOLDER
        if folder:
            connection.create(_quote(folder))  # "already exists" is fine
        _check(connection.select(_quote(settings.INBOUND_IMAP_FOLDER)), "SELECT")
        uids = _check(connection.uid("SEARCH", None, "UNSEEN"), "SEARCH")[0].split()
        deleted_some = False
        for uid in uids:
            if not re.fullmatch(rb"\d+", uid):
                continue
            try:
                # PEEK: reading does not mark the mail \Seen, so a failure leaves it for the next poll.
                raw = _raw_message(_check(connection.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH"))
                if raw is None:
                    raise imaplib.IMAP4.error(f"FETCH of UID {uid!r} returned no message")
                process_message(raw, source=InboundEmail.Source.IMAP)
            except UnparseableEmail as exc:
                # Retrying will not make it a mail: mark it read and leave it for a person to look at.
                logger.error("IMAP message UID %s is not an e-mail (%s); flagged \\Seen and left", uid, exc)
                connection.uid("STORE", uid, "+FLAGS", r"(\Seen)")
                unparseable += 1
                continue
            except Exception:
                logger.exception("IMAP message UID %s failed; it stays for the next poll", uid)
                failed += 1
                continue
            _put_aside(connection, uid, can_move=can_move)
            deleted_some = deleted_some or (bool(folder) and not can_move)
            processed += 1
        if deleted_some:
            _check(connection.expunge(), "EXPUNGE")
    finally:
        try:
            connection.logout()
        except Exception:
            logger.warning("IMAP logout failed", exc_info=True)
    return PollResult(processed=processed, failed=failed, unparseable=unparseable)
