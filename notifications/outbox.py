"""The notification outbox: queue a row with its cause, deliver it once, sweep what is left.

A row is written inside the caller's transaction and handed to a Celery task only after
commit, so a worker never sees an uncommitted row and a broker outage loses nothing: the
periodic sweep re-dispatches whatever is still pending.
"""

import contextlib
import datetime
import logging
import threading
from collections.abc import Callable
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from citizen_crm.emails import build_email

from . import preferences, sms
from .emails import send_held
from .models import Notification

logger = logging.getLogger(__name__)

# A row may name the object it is about (`Notification.ticket`): the outbox knows nothing else
# of it. The apps that own such objects register, from their `AppConfig.ready()`, what
# rendering a row needs from them: template context (a reference, links) and e-mail headers
# (threading, a reply address). Each enricher takes the row and returns a dict to merge, empty
# when the row is none of its business; they run in registration order, which follows
# `INSTALLED_APPS`, and what they return wins over the context stored on the row.
Enricher = Callable[[Notification], dict]
_enrichers: dict[str, dict[str, Enricher]] = {"context": {}, "headers": {}}


def register_context(name: str, enricher: Enricher) -> Enricher:
    """Merge `enricher(notification)` into the context every row is rendered with."""
    # Keyed by name, so a second ready() (tests reload apps) replaces instead of doubling.
    _enrichers["context"][name] = enricher
    return enricher


def register_headers(name: str, enricher: Enricher) -> Enricher:
    """Merge `enricher(notification)` into the headers of every e-mail the outbox sends."""
    _enrichers["headers"][name] = enricher
    return enricher


def _enriched(kind: str, notification: Notification, values: dict) -> dict:
    for enricher in _enrichers[kind].values():
        values.update(enricher(notification))
    return values


def stale_claim() -> datetime.timedelta:
    """A claim older than this belongs to a worker that died mid-delivery."""
    return datetime.timedelta(seconds=settings.NOTIFICATION_STALE_CLAIM_SECONDS)


def _mail_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


def queue_email(*, template: str, to: str, ticket=None, recipient=None, language: str = "fr", context=None):
    """Write one e-mail notification in the current transaction; it is dispatched after commit."""
    return _queue(
        Notification.Channel.EMAIL,
        template=template,
        ticket=ticket,
        recipient=recipient,
        recipient_email=to,
        language=language,
        context=context or {},
        essential=True,
    )


# A context key listing the keys that only the message itself may carry (a verification code):
# once it is sent they are dropped from the row, so the table does not keep them.
FORGET_WHEN_SENT = "forget_when_sent"


def queue_sms(
    *, template: str, to: str, recipient=None, language: str = "fr", context=None, secret_keys=()
) -> Notification | None:
    """Write one text in the current transaction, whatever the recipient's channel preferences.

    For messages that only a text can carry (a code proving that this number is theirs): the
    person asked for it, so neither their choice of channels nor an opt-out applies. None when
    `to` cannot receive texts (junk, a landline). The `secret_keys` of the context are dropped
    from the row once the text is sent.
    """
    number = sms.sms_number(to)
    if not number:
        return None
    context = dict(context or {})
    if secret_keys:
        context[FORGET_WHEN_SENT] = list(secret_keys)
    return _queue(
        Notification.Channel.SMS,
        template=template,
        recipient=recipient,
        recipient_phone=number,
        language=language,
        context=context,
        essential=True,
    )


def _queue(channel: str, **fields) -> Notification:
    if channel == Notification.Channel.EMAIL:
        fields["message_id"] = make_msgid(domain=_mail_domain())
    notification = Notification.objects.create(channel=channel, **fields)
    held = getattr(_batch, "held", None)
    if held is not None:
        held.append(notification.pk)
        return notification
    batch = getattr(_batch, "ids", None)
    if batch is not None:
        batch.append(notification.pk)
    else:
        transaction.on_commit(lambda: dispatch(notification.pk), robust=True)
    return notification


# Producers of many notifications at once (reminders, a message to many) write them within
# `batched_dispatch()`: they go to the workers together at the end, DISPATCH_BATCH per task, so
# a burst pays one broker round trip, one task and one claim per batch instead of per e-mail.
DISPATCH_BATCH = 20
_batch = threading.local()


@contextlib.contextmanager
def batched_dispatch():
    """Hand the notifications written within to the workers at the end, in batches, once committed.

    Rows written in a transaction that is rolled back leave ids that no row answers: their
    claim finds nothing to send.
    """
    outer = getattr(_batch, "ids", None)
    _batch.ids = ids = []
    try:
        yield
    finally:
        _batch.ids = outer
        if ids:
            if outer is not None:
                outer.extend(ids)
            else:
                transaction.on_commit(lambda: dispatch_many(ids), robust=True)


@contextlib.contextmanager
def held_dispatch():
    """Hand none of the notifications written within to the workers; yields the list of their ids.

    For rows nobody must receive, such as the demo's fictional people: the caller decides what
    becomes of them (the demo marks them sent). A row left pending would still be found by the
    sweep. It wins over an enclosing or nested `batched_dispatch()`.
    """
    outer = getattr(_batch, "held", None)
    _batch.held = held = []
    try:
        yield held
    finally:
        _batch.held = outer
        if outer is not None:
            outer.extend(held)


def dispatch_many(notification_ids: list[int]) -> None:
    """Hand notifications to the workers in batches; if the broker is down, the sweep will do it later."""
    from .tasks import deliver_notifications

    for start in range(0, len(notification_ids), DISPATCH_BATCH):
        batch = notification_ids[start : start + DISPATCH_BATCH]
        if len(batch) == 1:
            dispatch(batch[0])
            continue
        try:
            deliver_notifications.delay(batch)
        except Exception:
            logger.warning("Could not enqueue notifications %s; the sweep will retry", batch, exc_info=True)


def has_sms_template(template: str) -> bool:
    try:
        get_template(f"sms/{template}.txt")
    except TemplateDoesNotExist:
        return False
    return True


def notify(
    *,
    template: str,
    ticket=None,
    user=None,
    email: str = "",
    phone: str = "",
    language: str,
    context: dict | None = None,
    attachments: list[dict] | None = None,
    essential: bool,
    phone_is_choice: bool = False,
    now: datetime.datetime | None = None,
) -> list[Notification]:
    """Write one outbox row per channel the recipient should hear on, in the caller's transaction.

    Essential messages always go by e-mail (or by SMS when there is no address); the others
    follow the recipient's preferences and opt-out. Someone with an account also finds every
    notification in the application.

    `attachments` (filename, content as text, mimetype) travel on the e-mail row only.
    `phone_is_choice` says the recipient gave this number as their only way to be reached
    about the matter: texting them is what they asked for, as if they had ticked SMS.
    `now` dates the rows (the wall clock when omitted): the moment of their cause.
    """
    now = now or timezone.now()
    context = context or {}
    group = preferences.group_of(template)
    number = sms.sms_number(phone) if phone else ""
    if number and not has_sms_template(template):
        number = ""
    # An essential e-mail goes whatever the preferences: they are read only when they can matter.
    choice = None
    if number or not essential:
        choice = preferences.preferences_for(user=user) if user else preferences.preferences_for(email=email)
    common = {
        "template": template,
        "ticket": ticket,
        "recipient": user,
        "language": language,
        "context": context,
        "essential": essential,
        "created_at": now,
        "next_attempt_at": now,
    }
    written = []
    if email and (essential or (not choice.opted_out and choice.wants(group, "email"))):
        fields = {**common, "context": {**context, "email_attachments": attachments}} if attachments else common
        written.append(_queue(Notification.Channel.EMAIL, recipient_email=email, **fields))
    if number:
        wants_sms = (phone_is_choice or choice.wants(group, "sms")) and (essential or not choice.opted_out)
        if wants_sms or (essential and not email):
            written.append(_queue(Notification.Channel.SMS, recipient_phone=number, **common))
    if user is not None:
        # Nothing to deliver: the row is the notification, shown in the centre until read.
        written.append(
            Notification.objects.create(
                channel=Notification.Channel.IN_APP, status=Notification.Status.SENT, sent_at=now, **common
            )
        )
    return written


def dispatch(notification_id: int) -> None:
    """Hand a notification to the workers; if the broker is down, the sweep will do it later."""
    from .tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:
        logger.warning("Could not enqueue notification %s; the sweep will retry", notification_id, exc_info=True)


# Outbox rows (notifications here, webhook deliveries in `interop.webhooks`) share these statuses and
# timestamps, so sweeping and retrying are written once for both. A webhook delivery is claimed
# alone by compare-and-swap; notifications are claimed in batches (`claim_many`).


def claim_row(model, pk: int) -> bool:
    """Compare-and-swap: only the caller that moves the row from pending to sending sends it."""
    now = timezone.now()
    changed = model.objects.filter(pk=pk, status="pending", next_attempt_at__lte=now).update(
        status="sending", claimed_at=now
    )
    return changed == 1


def sweep_rows(model, dispatch) -> int:
    """Re-dispatch what is due: pending rows and claims abandoned by a dead worker."""
    now = timezone.now()
    model.objects.filter(status="sending", claimed_at__lt=now - stale_claim()).update(status="pending")
    due = list(
        model.objects.filter(status="pending", next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )
    for pk in due:
        dispatch(pk)
    return len(due)


def retry_row(model, pk: int, dispatch) -> bool:
    """Someone asks to try a failed row again; returns whether it was failed."""
    changed = model.objects.filter(pk=pk, status="failed").update(status="pending", next_attempt_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: dispatch(pk), robust=True)
    return changed == 1


def _context_for(notification: Notification) -> dict:
    return _enriched("context", notification, dict(notification.context))


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes, capped at six hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def render_sms(template: str, context: dict, *, language: str) -> str:
    context = {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        text = render_to_string(f"sms/{template}.txt", context)
    return " ".join(text.split())


def _send_email(notification: Notification) -> str:
    # Auto-Submitted (RFC 3834) and its Microsoft cousin keep out-of-office robots from answering.
    headers = {
        "Message-ID": notification.message_id,
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    _enriched("headers", notification, headers)
    context = _context_for(notification)
    if not notification.essential:
        if notification.recipient_id:
            url = preferences.unsubscribe_url(user=notification.recipient)
            context["preferences_url"] = settings.SITE_URL + reverse("notifications:preferences")
        else:
            url = preferences.unsubscribe_url(email=notification.recipient_email)
        context["unsubscribe_url"] = url
        # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = build_email(
        notification.template,
        context,
        to=notification.recipient_email,
        language=notification.language,
        headers=headers,
    )
    send_held(message)
    return notification.message_id


def _send_sms(notification: Notification) -> str:
    text = render_sms(notification.template, _context_for(notification), language=notification.language)
    return sms.send_sms(notification.recipient_phone, text) or notification.message_id


def claim_many(notification_ids) -> list[Notification]:
    """Take those of the rows that are still pending and due, with what sending them needs.

    One transaction: the rows are locked and marked as being sent. Rows another worker is
    claiming at the same moment are skipped, and the others are no longer pending once it
    commits, so each row is claimed once.
    """
    now = timezone.now()
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_related("ticket__service", "ticket__citizen", "recipient")
            .select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=notification_ids, status=Notification.Status.PENDING, next_attempt_at__lte=now)
            .order_by("pk")
        )
        if notifications:
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                status=Notification.Status.SENDING, claimed_at=now
            )
    return notifications


def deliver(notification_id: int) -> bool:
    """Send one notification if it is ours to send; returns whether it was sent now."""
    return deliver_many([notification_id]) == 1


def deliver_many(notification_ids) -> int:
    """Send those of the notifications that are ours to send; returns how many were sent now."""
    return sum(_send_claimed(notification) for notification in claim_many(notification_ids))


def _send_claimed(notification: Notification) -> bool:
    send = _send_sms if notification.channel == Notification.Channel.SMS else _send_email
    try:
        message_id = send(notification)
    except Exception as exc:
        attempts = notification.attempts + 1
        # A provider that refused the message itself will refuse it again: fail at once.
        final = attempts >= settings.NOTIFICATION_MAX_ATTEMPTS or isinstance(exc, sms.SmsRejected)
        Notification.objects.filter(pk=notification.pk, status=Notification.Status.SENDING).update(
            status=Notification.Status.FAILED if final else Notification.Status.PENDING,
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(attempts),
            context=_without_secrets(notification.context) if final else notification.context,
        )
        logger.warning("Notification %s failed (attempt %s): %s", notification.pk, attempts, exc)
        return False
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        attempts=notification.attempts + 1,
        last_error="",
        message_id=message_id[:255],
        context=_without_secrets(notification.context),
    )
    return True


def _without_secrets(context: dict) -> dict:
    secret = set(context.get(FORGET_WHEN_SENT, ()))
    return {key: value for key, value in context.items() if key not in secret} if secret else context


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's in-app notifications read, or all of them; returns how many changed."""
    unread = Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def sweep() -> int:
    """Re-dispatch what is due: pending rows and claims abandoned by a dead worker."""
    return sweep_rows(Notification, dispatch)


def retry(notification_id: int) -> bool:
    """An agent asks to try a failed notification again; returns whether it was failed."""
    return retry_row(Notification, notification_id, dispatch)


def summary(notification: Notification) -> str:
    """One line for the notification centre: the e-mail subject, in the reader's language."""
    context = {"MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, **_context_for(notification)}
    return " ".join(render_to_string(f"emails/{notification.template}-subject.txt", context).split())
