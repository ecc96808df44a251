from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import outbox, webhooks
from .models import (
    Notification,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)


class AttemptedFilter(admin.SimpleListFilter):
    """Rows already tried at least once: with "pending", the ones waiting for their next try."""

    title = _("delivery attempts")
    parameter_name = "attempted"

    def lookups(self, request, model_admin):
        return [("yes", _("Tried at least once")), ("no", _("Never tried"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(attempts__gt=0)
        if self.value() == "no":
            return queryset.filter(attempts=0)
        return queryset


class OutboxAdminMixin:
    """An outbox in the admin, read-only: rows are written by the domain and changed by delivery alone.

    The one thing an administrator may do is ask for a failed row to be tried again, which is a
    change: it needs the change permission. Subclasses name the retry function and the messages.
    """

    retry_one = None  # staticmethod: takes a row's primary key, returns whether it was queued again
    retried_message = None  # ngettext_lazy(..., "count")
    skipped_message = None

    @admin.display(description=_("last error"))
    def short_error(self, row):
        return truncatechars(row.last_error, 80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @admin.action(description=_("Retry delivery"), permissions=["retry"])
    def retry_delivery(self, request, queryset):
        failed = list(queryset.filter(status="failed").values_list("pk", flat=True))
        with transaction.atomic():
            retried = sum(self.retry_one(pk) for pk in failed)
        if retried:
            self.message_user(request, self.retried_message % {"count": retried}, messages.SUCCESS)
        skipped = queryset.count() - retried
        if skipped:
            self.message_user(request, self.skipped_message % {"count": skipped}, messages.WARNING)


@admin.register(Notification)
class NotificationAdmin(OutboxAdminMixin, admin.ModelAdmin):
    """The outbox, read-only: rows are written by the domain and changed by delivery alone.

    The one thing an administrator may do is ask for a failed row to be tried again.
    """

    list_display = (
        "created_at",
        "template",
        "channel",
        "address",
        "ticket_reference",
        "status",
        "attempts",
        "short_error",
        "sent_at",
    )
    list_filter = ("status", AttemptedFilter, "template", "channel")
    search_fields = ("recipient_email", "recipient_phone", "ticket__reference", "message_id")
    list_select_related = ("ticket", "recipient")
    date_hierarchy = "created_at"
    actions = ["retry_delivery"]
    fields = (
        "template",
        "channel",
        "ticket",
        "recipient",
        "recipient_email",
        "recipient_phone",
        "essential",
        "language",
        "context",
        "message_id",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "read_at",
    )
    readonly_fields = fields

    @admin.display(description=_("request"), ordering="ticket__reference")
    def ticket_reference(self, notification):
        return notification.ticket.reference if notification.ticket_id else "—"

    retry_one = staticmethod(outbox.retry)
    retried_message = ngettext_lazy(
        "%(count)d notification will be delivered again.",
        "%(count)d notifications will be delivered again.",
        "count",
    )
    skipped_message = ngettext_lazy(
        "%(count)d notification was not in failure and was left as it is.",
        "%(count)d notifications were not in failure and were left as they are.",
        "count",
    )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "opted_out", "requests_email", "requests_sms", "reminders_sms", "updated_at")
    list_filter = ("opted_out",)
    search_fields = ("user__email", "email")
    raw_id_fields = ("user",)


# --- webhooks ------------------------------------------------------------------------------


class WebhookEndpointForm(forms.ModelForm):
    event_kinds = forms.MultipleChoiceField(
        label=_("event kinds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind of event."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "is_active", "event_kinds", "services", "include_internal"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        from requests_app.models import TicketEvent

        super().__init__(*args, **kwargs)
        self.fields["event_kinds"].choices = TicketEvent.Kind.choices


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Endpoints are configured here; the secret is generated when one is created, then shown."""

    form = WebhookEndpointForm
    list_display = ("name", "url", "is_active", "include_internal", "created_at")
    list_filter = ("is_active", "include_internal")
    search_fields = ("name", "url")

    def get_fields(self, request, obj=None):
        fields = ["name", "url", "is_active", "event_kinds", "services", "include_internal"]
        return fields if obj is None else [*fields, "secret", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("secret", "created_at")

    def response_add(self, request, obj, post_url_continue=None):
        # The secret exists only now: show it at once, on the endpoint's own page.
        self.message_user(
            request,
            _("The signing secret is generated: give it to the receiving software to verify the signatures."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:notifications_webhookendpoint_change", args=[obj.pk]))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(OutboxAdminMixin, admin.ModelAdmin):
    """The webhook log, read-only: failed deliveries can be tried again."""

    list_display = (
        "created_at",
        "endpoint",
        "event_kind",
        "ticket_reference",
        "status",
        "attempts",
        "last_status_code",
        "short_error",
        "sent_at",
    )
    list_filter = ("status", "endpoint")
    search_fields = ("event__ticket__reference", "endpoint__name")
    list_select_related = ("endpoint", "event__ticket")
    date_hierarchy = "created_at"
    actions = ["retry_delivery"]
    fields = (
        "endpoint",
        "event",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "last_status_code",
        "last_error",
        "response_excerpt",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=_("event"), ordering="event__kind")
    def event_kind(self, delivery):
        return delivery.event.get_kind_display()

    @admin.display(description=_("request"), ordering="event__ticket__reference")
    def ticket_reference(self, delivery):
        return delivery.event.ticket.reference

    retry_one = staticmethod(webhooks.retry)
    retried_message = ngettext_lazy(
        "%(count)d webhook delivery will be tried again.",
        "%(count)d webhook deliveries will be tried again.",
        "count",
    )
    skipped_message = ngettext_lazy(
        "%(count)d webhook delivery was not in failure and was left as it is.",
        "%(count)d webhook deliveries were not in failure and were left as they are.",
        "count",
    )
