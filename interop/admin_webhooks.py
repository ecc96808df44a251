"""Webhooks in the admin: endpoints are configured here, deliveries are read and retried."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from notifications.admin import OutboxAdminMixin
from requests_app.models import TicketEvent

from . import webhooks
from .models_webhooks import WebhookDelivery, WebhookEndpoint


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
        return HttpResponseRedirect(reverse("admin:interop_webhookendpoint_change", args=[obj.pk]))


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
