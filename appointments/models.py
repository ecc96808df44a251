"""Appointments (rendez-vous): counters of a service, their opening slots, and bookings.

A slot keeps no running count: capacity is enforced by `appointments.booking`, which
locks the slot row and counts its booked appointments inside the same transaction.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """An accueil or guichet where a service receives people."""

    service = models.ForeignKey(
        "requests_app.Service", on_delete=models.PROTECT, related_name="counters", verbose_name=_("service")
    )
    name = models.CharField(_("name"), max_length=120)
    location = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["service__name", "name"]
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="counter_name_unique_per_service")]

    def __str__(self):
        return f"{self.service} — {self.name}"


class Slot(models.Model):
    """An opening of a counter, from `starts_at` to `ends_at`, for `capacity` people."""

    counter = models.ForeignKey(Counter, on_delete=models.PROTECT, related_name="slots", verbose_name=_("counter"))
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)

    class Meta:
        ordering = ["starts_at", "counter_id"]
        verbose_name = _("opening slot")
        verbose_name_plural = _("opening slots")
        constraints = [
            models.UniqueConstraint(fields=["counter", "starts_at"], name="slot_unique_start_per_counter"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.counter} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")
        ATTENDED = "attended", _("Attended")

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("slot"))
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        null=True,
        blank=True,
        verbose_name=_("citizen"),
    )
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    ticket = models.ForeignKey(
        "requests_app.Ticket",
        on_delete=models.PROTECT,
        related_name="appointments",
        null=True,
        blank=True,
        verbose_name=_("request"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    reason = models.CharField(_("purpose"), max_length=200)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    # RFC 5545 SEQUENCE: raised on every move or cancellation, so calendars apply the latest.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["slot__starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["slot", "status"], name="appointment_slot_status_idx")]
        constraints = [
            models.CheckConstraint(
                name="appointment_cancelled_has_cancelled_at",
                condition=Q(status="cancelled", cancelled_at__isnull=False)
                | (~Q(status="cancelled") & Q(cancelled_at__isnull=True)),
            ),
            models.CheckConstraint(
                name="appointment_attendance_has_marked_at",
                condition=Q(status__in=["no_show", "attended"], marked_at__isnull=False)
                | (~Q(status__in=["no_show", "attended"]) & Q(marked_at__isnull=True)),
            ),
            models.CheckConstraint(
                name="appointment_cancelled_after_creation",
                condition=Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=F("created_at")),
            ),
            models.CheckConstraint(
                name="appointment_has_someone_to_receive",
                condition=Q(citizen__isnull=False) | ~Q(contact_email="") | ~Q(contact_phone="") | ~Q(contact_name=""),
            ),
        ]

    def __str__(self):
        return f"{self.slot} — {self.display_name} ({self.get_status_display()})"

    @property
    def display_name(self) -> str:
        if self.citizen_id:
            return str(self.citizen)
        return self.contact_name or self.contact_email or self.contact_phone

    @property
    def notify_email(self) -> str:
        if self.citizen_id and self.citizen.email:
            return self.citizen.email
        return self.contact_email
