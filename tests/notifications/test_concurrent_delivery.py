"""Workers racing for the same row: the compare-and-swap lets exactly one of them send it."""

import threading

import pytest
from django.db import connection, transaction

from notifications import outbox
from notifications.models import Notification
from requests_app import intake
from requests_app.models import Channel, Kind

RACERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_sends_once_when_workers_race_for_a_row(category, mailoutbox, monkeypatch):
    dispatched = []
    monkeypatch.setattr(outbox, "dispatch", dispatched.append)  # the broker is down
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel=Channel.WEB,
            kind=Kind.REPORT,
            category=category,
            subject="Tag sur le mur de l'école",
            description="Un tag a été peint cette nuit sur le mur de l'école Jules-Ferry.",
            contact_email="camille@example.fr",
        )
    )
    notification = Notification.objects.get(ticket=ticket)
    assert dispatched == [notification.pk]
    assert not transaction.get_connection().in_atomic_block

    start = threading.Barrier(RACERS)
    results = []

    def race():
        try:
            start.wait()
            results.append(outbox.deliver(notification.pk))
        finally:
            connection.close()

    racers = [threading.Thread(target=race) for _ in range(RACERS)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=20)

    assert sorted(results) == [False] * (RACERS - 1) + [True]
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
