"""Notifications written within `held_dispatch()` are kept in the outbox and handed to no worker."""

import pytest
from celery import signals
from django.db import transaction

from notifications import outbox
from notifications.models import Notification


@pytest.fixture
def tasks_run():
    ran = []

    def record(sender=None, args=None, **kwargs):
        ran.append(sender.name)

    signals.task_prerun.connect(record)
    yield ran
    signals.task_prerun.disconnect(record)


def write(ticket, count, start=0):
    return [
        outbox.queue_email(template="tracking_link", to=f"voisin{i}@example.fr", ticket=ticket, language="fr")
        for i in range(start, start + count)
    ]


def test_it_hands_nothing_to_the_workers_and_gives_the_ids_back(
    ticket, tasks_run, django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        outbox.held_dispatch() as held,
        transaction.atomic(),
    ):
        rows = write(ticket, 3)

    assert held == [row.pk for row in rows]
    assert callbacks == []
    assert tasks_run == []
    assert mailoutbox == []
    assert set(Notification.objects.filter(pk__in=held).values_list("status", flat=True)) == {"pending"}


def test_it_holds_what_a_batch_within_it_writes(ticket, tasks_run, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        outbox.held_dispatch() as held,
        transaction.atomic(),
        outbox.batched_dispatch(),
    ):
        rows = write(ticket, 25)

    assert held == [row.pk for row in rows]
    assert callbacks == []
    assert tasks_run == []


def test_an_inner_hold_passes_its_ids_to_the_outer_one(ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), outbox.held_dispatch() as outer:
        first = write(ticket, 1)
        with outbox.held_dispatch() as inner:
            second = write(ticket, 2, start=1)
        assert inner == [row.pk for row in second]

    assert outer == [row.pk for row in first + second]


def test_it_dispatches_again_once_left(ticket, tasks_run, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), outbox.held_dispatch():
        write(ticket, 1)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sent = write(ticket, 1, start=1)

    assert tasks_run == ["notifications.tasks.deliver_notification"]
    assert [message.to for message in mailoutbox] == [[sent[0].recipient_email]]
