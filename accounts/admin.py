from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import lockout
from .forms import phone_in_e164
from .models import ExternalIdentity, User
from .otp import remove_two_factor


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "role")

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_phone(self):
        return phone_in_e164(self.cleaned_data["phone"])


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts by e-mail. Service memberships are edited on each service's page."""

    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "phone", "preferred_language")}),
        (_("Role"), {"fields": ("role", "service_list")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("email_verified_at", "phone_verified_at", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                # The role comes first so the password rules of the role apply (14 characters for staff).
                "fields": ("email", "role", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("service_list", "last_login", "date_joined")
    list_display = ("email", "first_name", "last_name", "role", "service_list", "is_active", "is_verified")
    list_filter = ("role", "services", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name", "phone")
    ordering = ("email",)
    actions = ["unlock_login", "reset_two_factor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("services")

    def save_model(self, request, obj, form, change):
        # A new number is unverified, unless the administrator sets its verification date with it.
        if change and "phone" in form.changed_data and "phone_verified_at" not in form.changed_data:
            obj.phone_verified_at = None
        super().save_model(request, obj, form, change)

    @admin.display(description=_("services"))
    def service_list(self, user):
        return ", ".join(service.name for service in user.services.all()) or "—"

    @admin.display(description=_("verified"), boolean=True, ordering="email_verified_at")
    def is_verified(self, user):
        return user.email_verified_at is not None

    @admin.action(description=_("Unlock the login of the selected accounts"))
    def unlock_login(self, request, queryset):
        for user in queryset:
            lockout.unlock_login(user.email)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d account can log in again.", "%(count)d accounts can log in again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Remove two-factor authentication (lost phone): enrol again at next login"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            remove_two_factor(user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account will enrol an authentication application at its next login.",
                "%(count)d accounts will enrol an authentication application at their next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Who signs in through FranceConnect or ProConnect. Deleting a row unlinks the identity:
    its next sign-in asks again for the account's password or a mailed link."""

    list_display = ("user", "provider", "subject", "created_at", "last_login_at")
    list_filter = ("provider",)
    search_fields = ("user__email", "subject")
    readonly_fields = ("user", "provider", "subject", "created_at", "last_login_at")

    def has_add_permission(self, request):
        return False
