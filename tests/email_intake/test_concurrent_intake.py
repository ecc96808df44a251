"""The same mail fetched by two pollers at once: the unique Message-ID lets one request through."""

import threading

import pytest
from django.db import connection

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from notifications import outbox
from requests_app.models import Ticket

from .conftest import mail

RACERS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_opens_one_request_when_pollers_race(triage_service, monkeypatch):
    monkeypatch.setattr(outbox, "dispatch", lambda pk: None)  # delivery is not what races here
    start = threading.Barrier(RACERS)
    results, errors = [], []

    def race():
        try:
            start.wait()
            results.append(process_message(mail(), source=InboundEmail.Source.IMAP).pk)
        except Exception as exc:  # a racer's failure must show in the assertion below
            errors.append(exc)
        finally:
            connection.close()

    racers = [threading.Thread(target=race) for _ in range(RACERS)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=30)

    assert errors == []
    assert len(set(results)) == 1 and len(results) == RACERS
    assert Ticket.objects.count() == 1
    assert InboundEmail.objects.count() == 1
