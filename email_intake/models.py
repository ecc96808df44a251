"""Every e-mail that reaches the town hall leaves one row: what it was and what became of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundEmail(models.Model):
    class Source(models.TextChoices):
        IMAP = "imap", _("Mailbox (IMAP)")
        WEBHOOK = "webhook", _("E-mail provider (webhook)")
        COMMAND = "command", _("Mail server (pipe)")

    class Outcome(models.TextChoices):
        TICKET_CREATED = "ticket_created", _("Request opened")
        APPENDED = "appended", _("Added to a request")
        HELD = "held", _("Held for an agent")
        IGNORED = "ignored", _("Ignored")
        DISCARDED = "discarded", _("Discarded by an agent")

    class Reason(models.TextChoices):
        NONE = "", _("None")
        AUTO_REPLY = "auto_reply", _("Automatic reply")
        BULK = "bulk", _("Bulk mail")
        MAILING_LIST = "mailing_list", _("Mailing list")
        BOUNCE = "bounce", _("Delivery failure report")
        OWN_MAIL = "own_mail", _("Sent by this application")
        NO_SENDER = "no_sender", _("No sender address")
        EMPTY = "empty", _("Empty message")
        UNKNOWN_SENDER = "unknown_sender", _("Sender is not the request's citizen")
        TICKET_NOT_OPEN = "ticket_not_open", _("The request no longer accepts messages")
        UNAUTHENTICATED = "unauthenticated", _("Sender not authenticated by the mail server (DMARC, DKIM, SPF)")

    # The Message-ID header (or a digest of the bytes when there is none): the same mail twice
    # is recognised and processed once.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    from_address = models.EmailField(_("from"), max_length=254, blank=True)
    from_name = models.CharField(_("sender name"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"), blank=True)
    attachment_names = models.JSONField(_("attachments"), default=list, blank=True)
    # Files the web form would have refused (type, size, count): named here, not stored.
    refused_attachments = models.JSONField(_("refused attachments"), default=list, blank=True)
    raw = models.BinaryField(_("original message"), editable=False)

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True, default="")
    # The request the mail opened, joined, or (when held) seems to belong to.
    ticket = models.ForeignKey(
        "requests_app.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_emails",
        verbose_name=_("request"),
    )
    ticket_message = models.ForeignKey(
        "requests_app.Message", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    discard_reason = models.TextField(_("reason for discarding"), blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        indexes = [models.Index(fields=["outcome", "received_at"], name="inbound_outcome_idx")]
        constraints = [
            models.CheckConstraint(
                name="inbound_ticket_outcomes_have_ticket",
                condition=~Q(outcome__in=["ticket_created", "appended"]) | Q(ticket__isnull=False),
            ),
            models.CheckConstraint(
                name="inbound_discarded_has_reason_and_agent",
                condition=~Q(outcome="discarded") | (~Q(discard_reason="") & Q(handled_by__isnull=False)),
            ),
            models.CheckConstraint(
                name="inbound_handled_has_time",
                condition=Q(handled_by__isnull=True) | Q(handled_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.message_id} ({self.outcome})"
