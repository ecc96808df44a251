from django.contrib import admin, messages
from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import outbox
from .models import (
    Notification,
    NotificationPreference,
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

    Every outbox shares it: notifications here, webhook deliveries in `interop`.

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
