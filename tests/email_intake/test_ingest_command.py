"""`manage.py ingest_email` reads one message on stdin and answers the MTA with sysexits codes."""

import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from email_intake.models import InboundEmail
from requests_app.models import Ticket

from .conftest import mail


def stdin(data: bytes):
    return io.TextIOWrapper(io.BytesIO(data))


def test_it_opens_a_request_from_stdin(triage_service):
    out = io.StringIO()

    call_command("ingest_email", stdin=stdin(mail()), stdout=out)

    inbound = InboundEmail.objects.get()
    assert (inbound.source, inbound.outcome) == ("command", "ticket_created")
    assert out.getvalue().strip() == "<a1b2c3@example.fr> ticket_created"


def test_it_exits_0_for_an_ignored_robot(triage_service):
    call_command("ingest_email", stdin=stdin(mail(headers=[("Auto-Submitted", "auto-replied")])), stdout=io.StringIO())

    assert InboundEmail.objects.get().outcome == "ignored"
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "garbage", [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"just some words\nno headers\n"]
)
def test_it_refuses_what_is_not_an_email(garbage, db):
    with pytest.raises(CommandError, match="Not an e-mail message") as refused:
        call_command("ingest_email", stdin=stdin(garbage))

    assert refused.value.returncode == 65
    assert not InboundEmail.objects.exists()


def test_it_asks_the_mta_to_retry_when_the_database_fails(triage_service):
    broken = mock.patch("email_intake.processing._process", side_effect=OperationalError("server closed"))
    with broken, pytest.raises(CommandError, match="Temporary failure") as failed:
        call_command("ingest_email", stdin=stdin(mail()))

    assert failed.value.returncode == 75


def test_it_asks_the_mta_to_retry_without_a_triage_service(db):
    with pytest.raises(CommandError, match="triage service") as failed:
        call_command("ingest_email", stdin=stdin(mail()))

    assert failed.value.returncode == 75
    assert not InboundEmail.objects.exists()


def test_it_exits_65_with_a_clear_message_as_a_real_process(tmp_path):
    # What the MTA sees: the process exit status and standard error (no database needed).
    manage = Path(__file__).resolve().parents[2] / "manage.py"

    done = subprocess.run(
        [sys.executable, str(manage), "ingest_email"], input=b"no headers here", capture_output=True, timeout=60
    )

    assert done.returncode == 65
    assert b"Not an e-mail message" in done.stderr


def test_it_exits_75_as_a_real_process_when_the_database_is_unreachable():
    # Nothing listens on port 1: the mail is read, cannot be stored, and the MTA must keep it.
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    environment = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/unreachable"}

    done = subprocess.run(
        [sys.executable, str(manage), "ingest_email"], input=mail(), capture_output=True, timeout=60, env=environment
    )

    assert done.returncode == 75, done.stderr
    assert b"Temporary failure" in done.stderr
