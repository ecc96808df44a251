"""Webhooks: ticket events POSTed, signed, to the addresses administrators configure.

`WebhookDelivery` is an outbox row like `Notification`: written in the transaction of the event
it carries, delivered after commit, claimed by compare-and-swap, swept when left behind.

Both models were first written in `notifications`; they moved here with their rows (migrations
0003 and 0004), as the appointments moved to their own app.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models import TicketEvent

from . import network


def new_webhook_secret() -> str:
    return secrets.token_hex(32)  # 256 bits, the size of the HMAC-SHA256 key


class WebhookEndpoint(models.Model):
    """An address of the town's other software that wants to follow ticket events."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(
        _("address"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where events are POSTed; https is strongly advised."),
    )
    secret = models.CharField(_("signing secret"), max_length=64, default=new_webhook_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # TicketEvent.Kind values; empty means every kind.
    event_kinds = models.JSONField(
        _("event kinds"), default=list, blank=True, help_text=_("None ticked: every kind of event.")
    )
    services = models.ManyToManyField(
        "requests_app.Service",
        blank=True,
        related_name="webhook_endpoints",
        verbose_name=_("services"),
        help_text=_("None chosen: the requests of every service."),
    )
    include_internal = models.BooleanField(
        _("include internal events"),
        default=False,
        help_text=_("Also send internal notes and the events citizens do not see."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def clean(self):
        kinds = self.event_kinds
        if not isinstance(kinds, list) or any(kind not in TicketEvent.Kind.values for kind in kinds):
            raise ValidationError({"event_kinds": _("Choose event kinds from the list.")})
        if self.url.startswith(("http://", "https://")):  # other schemes: the field's own error says it
            try:
                network.check_url_when_saved(self.url)
            except network.RefusedAddress as refused:
                raise ValidationError({"url": str(refused)}, code="refused_address") from None


class WebhookDelivery(models.Model):
    """One event for one endpoint: the payload is frozen when the event happens."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.ForeignKey(
        "requests_app.TicketEvent",
        on_delete=models.RESTRICT,
        related_name="webhook_deliveries",
        verbose_name=_("event"),
    )
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once_per_event"),
            models.CheckConstraint(
                name="webhook_delivery_sent_has_sent_at",
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="webhook_delivery_sending_is_claimed",
                condition=~Q(status="sending") | Q(claimed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.endpoint} ← {self.payload.get('event', {}).get('kind', '?')} ({self.status})"
