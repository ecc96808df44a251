from django.contrib import admin

from .models import InboundEmail


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    """Read-only: what came in and what became of it is a record, changed only by processing."""

    list_display = ("received_at", "from_address", "subject", "outcome", "reason", "ticket", "source")
    list_filter = ("outcome", "reason", "source")
    search_fields = ("message_id", "from_address", "subject", "ticket__reference")
    date_hierarchy = "received_at"
    list_select_related = ("ticket",)
    exclude = ("raw",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
