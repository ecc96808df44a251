"""Celery adapters: take ids, call the webhooks, nothing else."""

from celery import shared_task

from . import webhooks


@shared_task(acks_late=True, ignore_result=True)
def deliver_webhook(delivery_id: int) -> bool:
    return webhooks.deliver(delivery_id)


@shared_task(ignore_result=True)
def sweep_webhooks() -> int:
    return webhooks.sweep()
