"""Who may use the API: staff (agents, supervisors, managers, administrators) and API keys with a REST scope.

Citizens follow their requests in their personal space and through Open311; the REST API is
the staff's and the integrations' tool, so a signed-in citizen gets 403 here.

A key needs `api:read` to read (GET, HEAD, OPTIONS) and `api:write` to write (every other
method); `api:write` implies `api:read`. A reporting application's key (`open311:file` alone)
gets 403 on every call. Scopes are the keys' alone: signed-in staff keep their role's rights.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from interop.models import ApiKey, Scope


def scope_for_method(method: str) -> Scope:
    """The scope a key needs to call the REST API with this HTTP method."""
    return Scope.API_READ if method.upper() in SAFE_METHODS else Scope.API_WRITE


class MissingScope(exceptions.PermissionDenied):
    default_code = "missing_scope"

    def __init__(self, scope: Scope):
        super().__init__(
            {
                "detail": _("This API key lacks the scope “%(scope)s”; an administrator can grant it in the admin.")
                % {"scope": scope.value},
                "missing_scope": scope.value,
            }
        )


def check_key_scope(request) -> None:
    """403 naming the missing scope when the call comes with a key that may not make it."""
    key = request.auth
    if isinstance(key, ApiKey):
        scope = scope_for_method(request.method)
        if not key.has_scope(scope):
            raise MissingScope(scope)


class IsStaffMember(BasePermission):
    message = _("The API is for the municipality's staff and its integrations.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False  # 401: no credentials
        check_key_scope(request)
        return bool(user.is_active and user.is_staff_member)


class WorksTickets(IsStaffMember):
    """Opening requests is for agents and supervisors (and keys, which act as agents), as in the quick entry."""

    message = _("Only agents and supervisors open requests.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.works_tickets
