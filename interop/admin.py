"""API keys: an administrator creates one, reads its secret once, and revokes it when it is no longer used."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiKey, sync_key_user


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "services_list", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active", "services"]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["services", "categories"]
    fields = [
        "name",
        "services",
        "categories",
        "is_active",
        "prefix",
        "user",
        "created_at",
        "created_by",
        "last_used_at",
    ]
    readonly_fields = ["prefix", "user", "created_at", "created_by", "last_used_at"]
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("services")

    @admin.display(description=_("services"))
    def services_list(self, key):
        return ", ".join(service.name for service in key.services.all())

    def has_delete_permission(self, request, obj=None):
        # The key's account authored timeline events, which are kept for ever: revoke, do not delete.
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            # Held on the request only until the response: the database keeps the hash alone.
            request._new_api_key_secret = obj.set_key()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the services are saved: the technical account works in exactly these services.
        sync_key_user(form.instance)
        secret = getattr(request, "_new_api_key_secret", None)
        if secret:
            messages.warning(
                request,
                format_html(
                    '{} <code class="api-key-secret">{}</code>',
                    _("Copy this key now: it will not be shown again."),
                    secret,
                ),
            )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        keys = list(queryset.filter(is_active=True))
        for key in keys:
            key.is_active = False
            key.save(update_fields=["is_active"])
            sync_key_user(key)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", len(keys)) % {"count": len(keys)},
            messages.SUCCESS,
        )


from . import admin_webhooks  # noqa: E402, F401  (registers the webhook admin)
