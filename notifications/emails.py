"""Sending the outbox's e-mails, rendered by `citizen_crm.emails` from named templates.

`send_held` sends them through one connection to the default mailer kept open per process and
thread, so that a worker delivering a burst does not open an SMTP conversation per message.
"""

import contextlib
import copy
import os
import smtplib
import threading

from django.conf import settings
from django.core import mail


class _HeldMailer(threading.local):
    mailer = None
    config = None
    pid = None


_held = _HeldMailer()


def _mailer():
    """This thread's mailer, made again when MAILERS changed or the process was forked."""
    config = settings.MAILERS.get("default")
    if _held.mailer is not None and (_held.pid != os.getpid() or _held.config != config):
        if _held.pid == os.getpid():
            close_held_mailer()
        # A forked child leaves its parent's socket alone: a QUIT would end the parent's conversation.
        _held.mailer = None
    if _held.mailer is None:
        _held.mailer = mail.mailers.default
        _held.config = copy.deepcopy(config)
        _held.pid = os.getpid()
    return _held.mailer


def close_held_mailer() -> None:
    """End the held conversation (QUIT), e.g. when a worker process stops."""
    mailer, _held.mailer = _held.mailer, None
    if mailer is not None and _held.pid == os.getpid():
        with contextlib.suppress(Exception):
            mailer.close()


def _connection_was_dropped(exc: Exception) -> bool:
    """What a server that closed an idle connection (timeout, restart) makes smtplib raise."""
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError):
        return True
    # 421: the server is closing the channel; smtplib closes its side before raising.
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421


def send_held(message) -> None:
    """Send one message through the held connection, opening it on first use.

    A connection the server closed since the last message is reopened and the message sent once
    more on the new one; a failure on a connection opened for this message is the caller's to
    retry. After any failure the connection is dropped, so the next message starts clean.
    """
    mailer = _mailer()
    # True: opened now, False: already open (the SMTP backend); None: the backend does not say.
    opened = mailer.open()
    try:
        mailer.send_messages([message])
    except Exception as exc:
        close_held_mailer()
        if opened is not False or not _connection_was_dropped(exc):
            raise
        mailer = _mailer()
        mailer.open()
        try:
            mailer.send_messages([message])
        except Exception:
            close_held_mailer()
            raise
