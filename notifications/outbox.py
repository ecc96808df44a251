"""The notification outbox: queue a row with its cause, deliver it once, sweep what is left.

A row is written inside the caller's transaction and handed to a Celery task only after
commit, so a worker never sees an uncommitted row and a broker outage loses nothing: the
periodic sweep re-dispatches whatever is still pending.
"""

import datetime
import logging
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .emails import build_email
from .models import Notification

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-delivery.
STALE_CLAIM = datetime.timedelta(minutes=15)


def _mail_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


def queue_email(*, template: str, to: str, ticket=None, recipient=None, language: str = "fr", context=None):
    """Write one e-mail notification in the current transaction; it is dispatched after commit."""
    notification = Notification.objects.create(
        template=template,
        channel=Notification.Channel.EMAIL,
        ticket=ticket,
        recipient=recipient,
        recipient_email=to,
        language=language,
        context=context or {},
        message_id=make_msgid(domain=_mail_domain()),
    )
    transaction.on_commit(lambda: dispatch(notification.pk), robust=True)
    return notification


def dispatch(notification_id: int) -> None:
    """Hand a notification to the workers; if the broker is down, the sweep will do it later."""
    from .tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:
        logger.warning("Could not enqueue notification %s; the sweep will retry", notification_id, exc_info=True)


def claim(notification_id: int) -> bool:
    """Compare-and-swap: only the caller that moves the row from pending to sending sends it."""
    now = timezone.now()
    changed = Notification.objects.filter(
        pk=notification_id, status=Notification.Status.PENDING, next_attempt_at__lte=now
    ).update(status=Notification.Status.SENDING, claimed_at=now)
    return changed == 1


def _context_for(notification: Notification) -> dict:
    context = dict(notification.context)
    ticket = notification.ticket
    if ticket is not None:
        context.update(
            ticket=ticket,
            reference=ticket.reference,
            service=ticket.service.name,
            due_date=ticket.due_date,
            tracking_url=ticket.tracking_url(),
            recipient_name=ticket.display_name,
        )
    return context


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes, capped at six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver(notification_id: int) -> bool:
    """Send one notification if it is ours to send; returns whether it was sent now."""
    if not claim(notification_id):
        return False
    notification = Notification.objects.select_related("ticket__service", "ticket__citizen").get(pk=notification_id)
    # Auto-Submitted (RFC 3834) and its Microsoft cousin keep out-of-office robots from answering.
    headers = {
        "Message-ID": notification.message_id,
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    if notification.ticket_id:
        headers["X-Relation-Citoyen-Reference"] = notification.ticket.reference
    try:
        message = build_email(
            notification.template,
            _context_for(notification),
            to=notification.recipient_email,
            language=notification.language,
            headers=headers,
        )
        message.send()
    except Exception as exc:
        attempts = notification.attempts + 1
        final = attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING).update(
            status=Notification.Status.FAILED if final else Notification.Status.PENDING,
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(attempts),
        )
        logger.warning("Notification %s failed (attempt %s): %s", notification_id, attempts, exc)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), attempts=notification.attempts + 1, last_error=""
    )
    return True


def sweep() -> int:
    """Re-dispatch what is due: pending rows and claims abandoned by a dead worker."""
    now = timezone.now()
    Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Notification.Status.PENDING
    )
    due = list(
        Notification.objects.filter(status=Notification.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )
    for pk in due:
        dispatch(pk)
    return len(due)


def retry(notification_id: int) -> bool:
    """An agent asks to try a failed notification again; returns whether it was failed."""
    changed = Notification.objects.filter(pk=notification_id, status=Notification.Status.FAILED).update(
        status=Notification.Status.PENDING, next_attempt_at=timezone.now()
    )
    if changed:
        transaction.on_commit(lambda: dispatch(notification_id), robust=True)
    return changed == 1
