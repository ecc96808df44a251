"""The core of the product: services, categories, tickets and their append-only timeline.

The status of a ticket is changed by `requests_app.workflow` alone; the database keeps the
timestamps coherent with the status through check constraints.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Service(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_triage = models.BooleanField(
        _("triage service"), default=False, help_text=_("Receives requests that have no category yet.")
    )
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="services", blank=True, verbose_name=_("agents")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    INFORMATION = "information", _("Information request")
    COMPLAINT = "complaint", _("Complaint")
    REPORT = "report", _("Report of a problem")
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLIMENT = "compliment", _("Compliment")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")
    POSTAL_MAIL = "postal_mail", _("Postal mail")
    SOCIAL = "social", _("Social network")
    API = "api", _("API / Open311")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Category(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="categories", verbose_name=_("service"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("usual kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    sla_days = models.PositiveSmallIntegerField(
        _("commitment (business days)"), default=10, help_text=_("Expected answer delay in business days.")
    )
    service_code = models.SlugField(_("Open311 service code"), max_length=60, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The town decides, per category, what the Open311 "requests" list publishes: only reports
    # of a problem on the public domain (a pothole, a broken street light), never a complaint,
    # a question or a personal matter, whose very existence says something about a person.
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Reports of this category are published in the public list of requests (Open311): category, "
            "place, status and dates, never the person. Only for problems on the public domain."
        ),
    )

    class Meta:
        ordering = ["service__name", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="category_name_unique_per_service"),
            models.CheckConstraint(condition=Q(sla_days__gte=1), name="category_sla_positive"),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(kind="report"),
                name="category_public_only_for_reports",
                violation_error_message=_("Only a category of reports can be public."),
            ),
        ]

    def __str__(self):
        return self.name


class CategoryField(models.Model):
    """An extra question a category asks (Open311 service definition attributes; the web form shows them too)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        TEXT = "text", _("Long text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        SINGLE_CHOICE = "singlevaluelist", _("One choice in a list")
        MULTIPLE_CHOICE = "multivaluelist", _("Several choices in a list")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="fields", verbose_name=_("category"))
    code = models.SlugField(_("code"), max_length=60, help_text=_("Open311 attribute code; letters, digits, - and _."))
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # For list types: [{"key": "...", "name": "..."}, ...] in display order.
    values = models.JSONField(_("values"), default=list, blank=True)

    class Meta:
        ordering = ["category", "order", "pk"]
        verbose_name = _("category field")
        verbose_name_plural = _("category fields")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="category_field_code_unique"),
        ]

    def __str__(self):
        return self.label


class ReferenceCounter(models.Model):
    """Last sequence number used per year, so references stay sequential and unique."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self):
        return f"{self.year}: {self.last}"


def hash_tracking_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Ticket(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        QUALIFIED = "qualified", _("Qualified")
        IN_PROGRESS = "in_progress", _("In progress")
        AWAITING_CITIZEN = "awaiting_citizen", _("Awaiting your answer")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another request")

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    # The tracking token is never stored: only a random salt (from which the token is
    # derived with the secret key, to put it in notifications) and the token's hash.
    tracking_salt = models.CharField(max_length=32, editable=False)
    tracking_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("category"), null=True, blank=True
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("service"))
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tickets",
        null=True,
        blank=True,
        verbose_name=_("citizen"),
    )
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=8, default="fr")

    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    # Answers to the category's extra questions (CategoryField.code → value; a list for multiple choices).
    attributes = models.JSONField(_("extra answers"), default=dict, blank=True)
    media_url = models.URLField(_("photo or document link"), max_length=500, blank=True)

    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_tickets",
        null=True,
        blank=True,
        verbose_name=_("assigned to"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
    )
    rejection_reason = models.TextField(_("rejection reason"), blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    due_date = models.DateField(_("due date"), db_index=True)
    awaiting_since = models.DateTimeField(_("awaiting the citizen since"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            models.Index(fields=["service", "status", "due_date"], name="ticket_queue_idx"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_idx"),
            models.Index(fields=["citizen", "-created_at"], name="ticket_citizen_idx"),
            models.Index(fields=["contact_email"], name="ticket_contact_email_idx"),
            # The daily rollups read a day's first responses by this timestamp.
            models.Index(fields=["first_response_at"], name="ticket_first_response_idx"),
            # The agents' workload (open and overdue per assignee, for some services) is read from
            # this index alone on PostgreSQL. The statuses are OPEN_STATUSES (a test checks it).
            models.Index(
                fields=["assignee", "due_date"],
                include=["service"],
                name="ticket_open_assignee_idx",
                condition=models.Q(status__in=["awaiting_citizen", "in_progress", "qualified", "received"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="ticket_resolved_has_resolved_at",
                condition=~Q(status__in=["resolved", "closed"]) | Q(resolved_at__isnull=False),
            ),
            models.CheckConstraint(
                name="ticket_closed_has_closed_at",
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
            ),
            models.CheckConstraint(
                name="ticket_open_has_no_end",
                condition=~Q(status__in=["received", "qualified", "in_progress", "awaiting_citizen"])
                | (Q(resolved_at__isnull=True) & Q(closed_at__isnull=True)),
            ),
            models.CheckConstraint(
                name="ticket_awaiting_has_since",
                condition=Q(status="awaiting_citizen", awaiting_since__isnull=False)
                | (~Q(status="awaiting_citizen") & Q(awaiting_since__isnull=True)),
            ),
            models.CheckConstraint(
                name="ticket_merged_has_target",
                condition=Q(status="merged", duplicate_of__isnull=False)
                | (~Q(status="merged") & Q(duplicate_of__isnull=True)),
            ),
            models.CheckConstraint(
                name="ticket_rejected_has_reason",
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
            ),
            models.CheckConstraint(
                name="ticket_first_response_after_creation",
                condition=Q(first_response_at__isnull=True) | Q(first_response_at__gte=F("created_at")),
            ),
            models.CheckConstraint(
                name="ticket_resolved_after_creation",
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("created_at")),
            ),
            models.CheckConstraint(
                name="ticket_closed_after_resolved",
                condition=Q(closed_at__isnull=True) | Q(resolved_at__isnull=True) | Q(closed_at__gte=F("resolved_at")),
            ),
            models.CheckConstraint(
                name="ticket_has_a_way_to_reach_the_citizen_or_none_needed",
                condition=Q(citizen__isnull=False) | ~Q(contact_email="") | ~Q(contact_phone="") | ~Q(contact_name=""),
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.subject}"

    def get_absolute_url(self):
        return reverse("requests_app:agent_ticket", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def notify_email(self) -> str:
        """Where to write to the person behind the ticket (their account first)."""
        if self.citizen_id and self.citizen.email:
            return self.citizen.email
        return self.contact_email

    @property
    def display_name(self) -> str:
        if self.citizen_id:
            return str(self.citizen)
        return self.contact_name or self.contact_email or self.contact_phone

    # Tracking token: derived from the salt with the secret key, so notifications can carry
    # the link while the database keeps only the hash.
    @staticmethod
    def new_tracking_salt() -> str:
        return secrets.token_hex(16)  # 128 bits of randomness

    def tracking_token(self) -> str:
        digest = hmac.new(settings.SECRET_KEY.encode(), f"tracking:{self.tracking_salt}".encode(), "sha256")
        return digest.hexdigest()

    def set_tracking_token(self) -> str:
        self.tracking_salt = self.new_tracking_salt()
        token = self.tracking_token()
        self.tracking_token_hash = hash_tracking_token(token)
        return token

    def tracking_path(self) -> str:
        return reverse("requests_app:track", args=[self.tracking_token()])

    def tracking_url(self) -> str:
        return settings.SITE_URL + self.tracking_path()


OPEN_STATUSES = frozenset(
    {
        Ticket.Status.RECEIVED,
        Ticket.Status.QUALIFIED,
        Ticket.Status.IN_PROGRESS,
        Ticket.Status.AWAITING_CITIZEN,
    }
)
# The steps shown to citizens as a progress indicator.
STATUS_STEPS = [
    Ticket.Status.RECEIVED,
    Ticket.Status.QUALIFIED,
    Ticket.Status.IN_PROGRESS,
    Ticket.Status.RESOLVED,
    Ticket.Status.CLOSED,
]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Ticket events are append-only: they are never updated.")

    def delete(self):
        raise TypeError("Ticket events are append-only: they are never deleted.")


class TicketEvent(models.Model):
    """One line of a ticket's timeline. Inserted, never updated, never deleted."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Request received")
        STATUS_CHANGED = "status_changed", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        REROUTED = "rerouted", _("Sent to another service")
        PUBLIC_REPLY = "public_reply", _("Reply sent")
        CITIZEN_MESSAGE = "citizen_message", _("Message from the citizen")
        INTERNAL_NOTE = "internal_note", _("Internal note")
        INFO_REQUESTED = "info_requested", _("Information requested")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged")
        DUPLICATE_ATTACHED = "duplicate_attached", _("Duplicate merged here")
        REOPENED = "reopened", _("Reopened")
        CONFIRMED = "confirmed", _("Resolution confirmed")
        CLOSED = "closed", _("Closed")
        PRIORITY_CHANGED = "priority_changed", _("Priority changed")
        LINKED_TO_ACCOUNT = "linked_to_account", _("Linked to the citizen's account")
        APPOINTMENT_BOOKED = "appointment_booked", _("Appointment booked")
        APPOINTMENT_MOVED = "appointment_moved", _("Appointment moved")
        APPOINTMENT_CANCELLED = "appointment_cancelled", _("Appointment cancelled")
        APPOINTMENT_MISSED = "appointment_missed", _("Appointment missed")

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Ticket.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Ticket.Status.choices, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    is_public = models.BooleanField(default=True)
    message = models.ForeignKey("Message", on_delete=models.RESTRICT, null=True, blank=True, related_name="events")
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="event_ticket_idx"),
            # The daily rollups read a day's resolutions, reopenings and rejections by kind.
            models.Index(fields=["kind", "created_at"], name="event_kind_day_idx"),
        ]

    def __str__(self):
        return f"{self.ticket_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Ticket events are append-only: they are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Ticket events are append-only: they are never deleted.")


class Message(models.Model):
    class Kind(models.TextChoices):
        PUBLIC_REPLY = "public_reply", _("Reply to the citizen")
        CITIZEN_MESSAGE = "citizen_message", _("Message from the citizen")
        INTERNAL_NOTE = "internal_note", _("Internal note")

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEB)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.INTERNAL_NOTE


def attachment_path(instance, filename):
    # Random names on disk: the original name is kept in the row, never trusted as a path.
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name
