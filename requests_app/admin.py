"""The admin: reference data is edited here; requests and their history are only read.

A ticket's status is never a form field: the one admin action that changes tickets goes
through `workflow`, like every other way of changing them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import SERVICE_ROLES, User

from . import workflow
from .category_fields import check_values
from .models import Category, CategoryField, Message, Service, Ticket, TicketEvent


class ReadOnlyAdminMixin:
    """Rows written by the workflow alone: the admin may look, never add, edit or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryInline(admin.TabularInline):
    model = Category
    fields = ["name", "kind", "sla_days", "service_code", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_triage", "is_active"]
    list_filter = ["is_active", "is_triage"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["agents"]
    inlines = [CategoryInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agents":
            # Only people who work requests belong to a service.
            kwargs["queryset"] = User.objects.filter(role__in=SERVICE_ROLES).order_by("last_name", "email")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CategoryFieldForm(forms.ModelForm):
    class Meta:
        model = CategoryField
        fields = ["order", "code", "label", "help_text", "datatype", "required", "values"]

    def clean(self):
        cleaned_data = super().clean()
        if "datatype" in cleaned_data and "values" in cleaned_data:
            try:
                cleaned_data["values"] = check_values(cleaned_data["datatype"], cleaned_data["values"])
            except ValidationError as error:
                self.add_error("values", error)
        return cleaned_data


class CategoryFieldInline(admin.StackedInline):
    """The category's extra questions: asked on the web form, published as Open311 attributes."""

    model = CategoryField
    form = CategoryFieldForm
    extra = 0
    ordering = ["order", "pk"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "kind", "sla_days", "service_code", "is_active", "is_public"]
    list_filter = ["service", "is_active", "kind", "is_public"]
    list_select_related = ["service"]
    search_fields = ["name", "service_code", "service__name"]
    ordering = ["service__name", "name"]
    inlines = [CategoryFieldInline]


class TicketEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TicketEvent
    verbose_name_plural = _("timeline")
    fields = ["created_at", "kind", "actor", "from_status", "to_status", "channel", "is_public", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "subject", "status", "service", "kind", "channel", "priority", "due_date"]
    list_filter = ["status", "kind", "channel", "priority", "service"]
    list_select_related = ["service"]
    search_fields = ["reference", "subject", "contact_name", "contact_email", "citizen__email"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    # Everything is shown and nothing is editable (the tracking token's salt and hash are secrets).
    fields = readonly_fields = [
        "reference",
        "status",
        "kind",
        "channel",
        "category",
        "service",
        "priority",
        "assignee",
        "citizen",
        "contact_name",
        "contact_email",
        "contact_phone",
        "language",
        "subject",
        "description",
        "address",
        "latitude",
        "longitude",
        "duplicate_of",
        "rejection_reason",
        "created_at",
        "updated_at",
        "due_date",
        "awaiting_since",
        "first_response_at",
        "resolved_at",
        "closed_at",
    ]
    inlines = [TicketEventInline]
    actions = ["close_resolved"]

    @admin.action(description=_("Close resolved tickets"))
    def close_resolved(self, request, queryset):
        closed = 0
        for pk in queryset.values_list("pk", flat=True):
            try:
                workflow.close_ticket(pk, by=request.user)
            except workflow.InvalidTransition as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            else:
                closed += 1
        if closed:
            self.message_user(
                request,
                ngettext("%(count)d request closed.", "%(count)d requests closed.", closed) % {"count": closed},
                messages.SUCCESS,
            )


@admin.register(TicketEvent)
class TicketEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "ticket", "kind", "actor", "from_status", "to_status", "is_public"]
    list_filter = ["kind", "is_public"]
    list_select_related = ["ticket", "actor"]
    search_fields = ["ticket__reference"]
    date_hierarchy = "created_at"


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "ticket", "kind", "channel", "author"]
    list_filter = ["kind", "channel"]
    list_select_related = ["ticket", "author"]
    search_fields = ["ticket__reference", "body"]
