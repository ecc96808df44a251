"""`manage.py ingest_email < message.eml`: for an MTA that pipes mail to a command.

Exit codes follow sysexits.h, which MTAs understand: 0 processed (or deliberately ignored),
65 (EX_DATAERR) the input is not an e-mail, 75 (EX_TEMPFAIL) try again later.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from email_intake.models import InboundEmail
from email_intake.processing import UnparseableEmail, process_message

EX_DATAERR = 65
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Read one RFC 822 e-mail on standard input and turn it into a request or a message."
    stealth_options = ("stdin",)
    # The system checks would reach the database before the mail is read (the generated fields'
    # check asks for the server's version): an unreachable database must give 75, not a traceback.
    requires_system_checks = []

    def handle(self, *args, **options):
        stream = options.get("stdin") or sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        try:
            inbound = process_message(data, source=InboundEmail.Source.COMMAND)
        except UnparseableEmail as exc:
            raise CommandError(f"Not an e-mail message: {exc}", returncode=EX_DATAERR) from exc
        except Exception as exc:
            # Database unreachable, no triage service…: the MTA keeps the mail and retries.
            raise CommandError(
                f"Temporary failure, the mail server should retry: {type(exc).__name__}: {exc}",
                returncode=EX_TEMPFAIL,
            ) from exc
        self.stdout.write(f"{inbound.message_id} {inbound.outcome} {inbound.reason}".rstrip())
