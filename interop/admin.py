"""API keys: an administrator creates one with its scopes, reads its secret once, and revokes it when unused."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiKey, Scope, sync_key_user


class ApiKeyForm(forms.ModelForm):
    # One checkbox per scope; at least one, or the key could do nothing at all.
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A reporting application needs only “open311:file”, which reads nothing. “api:read” reads "
            "citizens' requests, contact details and messages in the key's services: give it only to "
            "the town's own software. “api:write” implies “api:read”."
        ),
        error_messages={"required": _("Choose at least one scope.")},
    )

    class Meta:
        model = ApiKey
        fields = ["name", "scopes", "services", "categories", "is_active"]

    def clean_scopes(self):
        # Stored in the declaration order, whatever the order of the boxes ticked.
        chosen = set(self.cleaned_data["scopes"])
        return [scope for scope in Scope.values if scope in chosen]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "scopes_list", "services_list", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active", "services"]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["services", "categories"]
    fields = [
        "name",
        "scopes",
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

    @admin.display(description=_("scopes"))
    def scopes_list(self, key):
        return ", ".join(scope for scope in Scope.values if scope in key.scopes) or "—"

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
