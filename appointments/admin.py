from django.contrib import admin

from .models import Appointment, Counter, Slot


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0
    ordering = ["-starts_at"]
    fields = ["starts_at", "ends_at", "capacity"]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "location", "is_active"]
    list_filter = ["service", "is_active"]
    search_fields = ["name", "location"]
    inlines = [SlotInline]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["counter", "starts_at", "ends_at", "capacity"]
    list_filter = ["counter__service", "counter"]
    date_hierarchy = "starts_at"


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    """Read-only: bookings change through the booking functions, which notify and trace."""

    list_display = ["slot", "citizen", "contact_name", "ticket", "status", "created_at"]
    list_filter = ["status", "slot__counter__service"]
    search_fields = ["contact_name", "contact_email", "citizen__email", "ticket__reference"]
    list_select_related = ["slot__counter", "citizen", "ticket"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
