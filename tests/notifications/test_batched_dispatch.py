"""A producer of many notifications hands them to the workers in batches, once committed."""

import pytest
from celery import signals
from django.db import transaction

from notifications import outbox
from notifications.models import Notification


@pytest.fixture
def tasks_run():
    ran = []

    def record(sender=None, args=None, **kwargs):
        ran.append((sender.name, args[0]))

    signals.task_prerun.connect(record)
    yield ran
    signals.task_prerun.disconnect(record)


def burst(ticket, count, start=0):
    return [
        outbox.queue_email(template="tracking_link", to=f"voisin{i}@example.fr", ticket=ticket, language="fr")
        for i in range(start, start + count)
    ]


def test_it_sends_a_burst_in_tasks_of_twenty_after_the_commit(
    ticket, tasks_run, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic(), outbox.batched_dispatch():
        rows = burst(ticket, 45)
        assert tasks_run == []

    assert len(callbacks) == 1
    assert [(name, len(ids)) for name, ids in tasks_run] == [
        ("notifications.tasks.deliver_notifications", 20),
        ("notifications.tasks.deliver_notifications", 20),
        ("notifications.tasks.deliver_notifications", 5),
    ]
    assert sorted(pk for _name, ids in tasks_run for pk in ids) == sorted(row.pk for row in rows)
    assert len(mailoutbox) == 45
    assert set(Notification.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)) == {"sent"}


def test_it_sends_nothing_when_the_transaction_is_rolled_back(ticket, tasks_run, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
        outbox.batched_dispatch(),
    ):
        burst(ticket, 3)
        raise RuntimeError

    assert callbacks == []
    assert tasks_run == []
    assert not Notification.objects.filter(template="tracking_link").exists()


def test_it_skips_the_rows_of_a_rolled_back_savepoint(ticket, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic(), outbox.batched_dispatch():
        kept = burst(ticket, 2)
        with pytest.raises(RuntimeError), transaction.atomic():
            burst(ticket, 2, start=2)
            raise RuntimeError

    assert sorted(mail.to[0] for mail in mailoutbox) == ["voisin0@example.fr", "voisin1@example.fr"]
    assert {row.pk for row in kept} == set(
        Notification.objects.filter(template="tracking_link").values_list("pk", flat=True)
    )


def test_it_sends_each_row_once_when_two_batches_name_it(ticket, mailoutbox):
    rows = burst(ticket, 3)
    ids = [row.pk for row in rows]

    assert outbox.deliver_many(ids) == 3
    assert outbox.deliver_many(ids) == 0
    assert len(mailoutbox) == 3


def test_it_dispatches_a_row_written_outside_a_batch_on_its_own(ticket, tasks_run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        burst(ticket, 2)

    assert len(callbacks) == 2
    assert [name for name, _ids in tasks_run] == ["notifications.tasks.deliver_notification"] * 2
