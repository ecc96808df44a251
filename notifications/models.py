from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """The outbox: written in the same transaction as its cause, delivered after commit."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")
        IN_APP = "in_app", _("In the application")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    template = models.CharField(_("template"), max_length=60)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    ticket = models.ForeignKey(
        "requests_app.Ticket", on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="notifications"
    )
    recipient_email = models.EmailField(_("recipient"), blank=True)
    recipient_phone = models.CharField(_("recipient phone"), max_length=20, blank=True)
    # Essential messages (acknowledgement, information requested, account mails) ignore
    # opt-outs; the others carry an unsubscribe link.
    essential = models.BooleanField(_("essential"), default=True)
    language = models.CharField(max_length=8, default="fr")
    context = models.JSONField(default=dict, blank=True)
    # Replies name it in In-Reply-To/References: e-mail intake threads them by it.
    message_id = models.CharField(max_length=255, blank=True, db_index=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due_idx"),
            # The bell counts a user's unread in-app rows on every page.
            models.Index(
                fields=["recipient", "read_at"], name="notification_in_app_idx", condition=Q(channel="in_app")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="notification_sent_has_sent_at",
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="notification_sending_is_claimed",
                condition=~Q(status="sending") | Q(claimed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="notification_email_has_address",
                condition=~Q(channel="email") | ~Q(recipient_email=""),
            ),
            models.CheckConstraint(
                name="notification_sms_has_phone",
                condition=~Q(channel="sms") | ~Q(recipient_phone=""),
            ),
            models.CheckConstraint(
                name="notification_in_app_has_recipient",
                condition=~Q(channel="in_app") | Q(recipient__isnull=False),
            ),
            models.CheckConstraint(
                name="notification_only_in_app_is_read",
                condition=Q(channel="in_app") | Q(read_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.template} → {self.address} ({self.status})"

    @property
    def address(self) -> str:
        if self.channel == self.Channel.SMS:
            return self.recipient_phone
        if self.channel == self.Channel.IN_APP:
            return str(self.recipient)
        return self.recipient_email


class NotificationPreference(models.Model):
    """How one person wants to hear from the town hall; created the first time it is saved.

    Accounts are keyed by user; an address without an account (a one-click unsubscribe from a
    request filed anonymously) is keyed by its e-mail.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_preference",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    requests_email = models.BooleanField(_("about my requests, by e-mail"), default=True)
    requests_sms = models.BooleanField(_("about my requests, by SMS"), default=False)
    reminders_email = models.BooleanField(_("reminders, by e-mail"), default=True)
    reminders_sms = models.BooleanField(_("reminders, by SMS"), default=False)
    news_email = models.BooleanField(_("news, by e-mail"), default=False)
    news_sms = models.BooleanField(_("news, by SMS"), default=False)
    opted_out = models.BooleanField(_("no non-essential messages"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                name="preference_user_xor_email",
                condition=(Q(user__isnull=False) & Q(email="")) | (Q(user__isnull=True) & ~Q(email="")),
            ),
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="preference_unique_email"),
        ]

    def __str__(self):
        return str(self.user) if self.user_id else self.email

    def wants(self, group: str, channel: str) -> bool:
        return getattr(self, f"{group}_{channel}")
