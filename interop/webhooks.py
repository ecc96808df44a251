"""Webhooks: ticket events POSTed, signed with HMAC-SHA256, to the town's other software.

`InteropConfig.ready()` registers `queue_event` with the ticket core's event hook, so every
`TicketEvent` appended anywhere calls it in the same transaction: one `WebhookDelivery` row per
matching active endpoint, payload frozen then, dispatched to a Celery task after commit.
Delivery works like the notification outbox: a compare-and-swap claim, retries with the
outbox's backoff, a final failure recorded, and a periodic sweep for what a broker outage or a
dead worker left behind.

Payloads carry no personal data of citizens (no name, e-mail, phone, description, nor the
messages they write): the receiving software gets the request's reference and state and
follows up in the application.
"""

import hashlib
import hmac
import http.client
import json
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications.outbox import backoff, claim_row, retry_row, sweep_rows

from . import network
from .models_webhooks import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

USER_AGENT = "RelationCitoyen-Webhook/1"
# The delivery log keeps the status code and this many characters of the answer, no more.
RESPONSE_EXCERPT_CHARS = 500
# Event data that may hold staff-only words even when the event itself is public.
INTERNAL_DATA_KEYS = frozenset({"note"})
# Messages written by staff for the citizen: their text is public. Citizens' own messages may
# hold their personal data and internal notes are for staff: neither goes out by default.
PUBLIC_MESSAGE_KINDS = frozenset({"public_reply"})


class Gone(Exception):
    """The receiver answered 410 Gone: it will never want these events again."""


# --- queueing, in the event's transaction -------------------------------------------------


def _matches(endpoint: WebhookEndpoint, event) -> bool:
    if endpoint.event_kinds and event.kind not in endpoint.event_kinds:
        return False
    if not event.is_public and not endpoint.include_internal:
        return False
    service_ids = {service.pk for service in endpoint.services.all()}
    return not service_ids or event.ticket.service_id in service_ids


def queue_event(event) -> list[WebhookDelivery]:
    """Write one delivery per active endpoint that wants `event`; each is sent after commit.

    With no active endpoint this costs one query (the services are only fetched when there
    are endpoints to filter).
    """
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True).prefetch_related("services"))
    wanting = [endpoint for endpoint in endpoints if _matches(endpoint, event)]
    if not wanting:
        return []
    payloads = {
        include: build_payload(event, include_internal=include) for include in {e.include_internal for e in wanting}
    }
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, payload=payloads[endpoint.include_internal])
        for endpoint in wanting
    )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: dispatch(pk), robust=True)
    return deliveries


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _actor_name(actor) -> str | None:
    # Staff act in the name of the town hall; a citizen's name is personal data and stays home.
    if actor is None or not actor.is_staff_member:
        return None
    return str(actor)


def build_payload(event, *, include_internal: bool) -> dict:
    """The event and its request as the receiver sees them; the delivery id is added when sending."""
    ticket = event.ticket
    described = {
        "id": event.pk,
        "kind": event.kind,
        "created_at": _iso(timezone.localtime(event.created_at)),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "channel": event.channel,
        "is_public": event.is_public,
        "actor": _actor_name(event.actor),
    }
    if event.is_public or include_internal:
        data = dict(event.data)
        if not include_internal:
            data = {key: value for key, value in data.items() if key not in INTERNAL_DATA_KEYS}
        described["data"] = data
    message = event.message if event.message_id else None
    if message is not None and (message.kind in PUBLIC_MESSAGE_KINDS or (include_internal and not message.is_public)):
        described["message"] = {"kind": message.kind, "body": message.body}
    return {
        "event": described,
        "ticket": {
            "reference": ticket.reference,
            "status": ticket.status,
            "kind": ticket.kind,
            "channel": ticket.channel,
            "service": ticket.service.name,
            "category": ticket.category.name if ticket.category_id else None,
            "subject": ticket.subject,
            "created_at": _iso(timezone.localtime(ticket.created_at)),
            "updated_at": _iso(timezone.localtime(ticket.updated_at)),
            "due_date": ticket.due_date.isoformat(),
            "url": settings.SITE_URL + ticket.get_absolute_url(),
        },
    }


# --- delivery -----------------------------------------------------------------------------


def dispatch(delivery_id: int) -> None:
    """Hand a delivery to the workers; if the broker is down, the sweep will do it later."""
    from .tasks import deliver_webhook

    try:
        deliver_webhook.delay(delivery_id)
    except Exception:
        logger.warning("Could not enqueue webhook delivery %s; the sweep will retry", delivery_id, exc_info=True)


def claim(delivery_id: int) -> bool:
    return claim_row(WebhookDelivery, delivery_id)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of `"{timestamp}.{body}"` keyed with the endpoint's secret."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def body_of(delivery: WebhookDelivery) -> bytes:
    document = {"id": delivery.pk, **delivery.payload}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


class HTTPStatusError(Exception):
    """The receiver answered something other than 2xx (a redirect included: it is not followed)."""

    def __init__(self, status: int, reason: str, excerpt: str):
        super().__init__(f"HTTP Error {status}: {reason}")
        self.status, self.reason, self.excerpt = status, reason, excerpt


def _excerpt(response) -> str:
    """The beginning of the answer, for the log: a few hundred characters at most, never the whole body."""
    try:
        head = response.read(RESPONSE_EXCERPT_CHARS * 4)  # a UTF-8 character takes at most 4 bytes
    except (OSError, ValueError, http.client.HTTPException):
        return ""
    return head.decode("utf-8", errors="replace")[:RESPONSE_EXCERPT_CHARS]


def post(delivery: WebhookDelivery) -> tuple[int, str]:
    """POST the signed body; returns (status, response excerpt) for a 2xx and raises otherwise.

    The endpoint's host is resolved and checked now (DNS may have changed since it was saved),
    and the connection goes to the checked address; a redirect is never followed.
    """
    target = network.check_url(delivery.endpoint.url)
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-RC-Event": delivery.payload["event"]["kind"],
        "X-RC-Delivery": str(delivery.pk),
        "X-RC-Timestamp": str(timestamp),
        "X-RC-Signature": signature(delivery.endpoint.secret, timestamp, body),
    }
    connection = network.connection_to(target, timeout=settings.WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = _excerpt(response)
    finally:
        connection.close()
    if not 200 <= response.status < 300:
        raise HTTPStatusError(response.status, response.reason, excerpt)
    return response.status, excerpt


def deliver(delivery_id: int) -> bool:
    """Send one delivery if it is ours to send; returns whether it was accepted now."""
    if not claim(delivery_id):
        return False
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    attempts = delivery.attempts + 1
    status_code, excerpt = None, ""
    try:
        if not delivery.endpoint.is_active:
            raise Gone("the endpoint is deactivated")
        status_code, excerpt = post(delivery)
    except HTTPStatusError as error:
        status_code, excerpt = error.status, error.excerpt
        problem = Gone(f"HTTP {status_code} {error.reason}") if status_code == 410 else error
        return _failed(delivery, attempts, problem, status_code=status_code, excerpt=excerpt)
    except network.RefusedAddress as error:
        # A forbidden address will not become allowed by waiting: fail at once, say why.
        return _failed(delivery, attempts, error, status_code=None, excerpt="", final=True)
    except Exception as error:  # timeouts, refused connections, bad TLS, a deactivated endpoint
        return _failed(delivery, attempts, error, status_code=status_code, excerpt=excerpt)
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.SENDING).update(
        status=WebhookDelivery.Status.SENT,
        sent_at=timezone.now(),
        attempts=attempts,
        last_status_code=status_code,
        last_error="",
        response_excerpt=excerpt,
    )
    return True


def _failed(
    delivery: WebhookDelivery, attempts: int, error: Exception, *, status_code, excerpt, final: bool = False
) -> bool:
    gone = isinstance(error, Gone)
    if gone and status_code == 410:
        # The receiver says the address is gone for good: stop sending it anything.
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(is_active=False)
    final = final or gone or attempts >= settings.WEBHOOK_MAX_ATTEMPTS
    WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.SENDING).update(
        status=WebhookDelivery.Status.FAILED if final else WebhookDelivery.Status.PENDING,
        attempts=attempts,
        next_attempt_at=timezone.now() + backoff(attempts),
        last_status_code=status_code,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        response_excerpt=excerpt,
    )
    logger.warning("Webhook delivery %s failed (attempt %s): %s", delivery.pk, attempts, error)
    return False


def sweep() -> int:
    """Re-dispatch what is due: pending rows and claims abandoned by a dead worker."""
    return sweep_rows(WebhookDelivery, dispatch)


def retry(delivery_id: int) -> bool:
    """An administrator asks to try a failed delivery again; returns whether it was failed."""
    return retry_row(WebhookDelivery, delivery_id, dispatch)
