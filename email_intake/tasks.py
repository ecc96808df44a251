import logging

from celery import shared_task

from . import imap

logger = logging.getLogger(__name__)


@shared_task(name="email_intake.poll_mailbox", autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def poll_mailbox() -> dict:
    """Celery beat runs this; a mailbox that cannot be reached is tried again at the next beat."""
    result = imap.poll_mailbox()
    return {"processed": result.processed, "failed": result.failed, "unparseable": result.unparseable}
