"""Mailer backends for tests, selected through `settings.MAILERS`."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A relay that drops the connection on every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


REFUSING_MAILERS = {"default": {"BACKEND": f"{__name__}.{RefusingBackend.__qualname__}"}}
