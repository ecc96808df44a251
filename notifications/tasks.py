"""Celery adapters: take ids, call the outbox, nothing else."""

from celery import shared_task

from . import outbox


@shared_task(acks_late=True, ignore_result=True)
def deliver_notification(notification_id: int) -> bool:
    return outbox.deliver(notification_id)


@shared_task(acks_late=True, ignore_result=True)
def deliver_notifications(notification_ids: list[int]) -> int:
    """A batch written by one transaction; each row is still claimed on its own."""
    return outbox.deliver_many(notification_ids)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    return outbox.sweep()
