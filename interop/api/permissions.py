"""Who may use the API: staff (agents, supervisors, managers, administrators) and API keys.

Citizens follow their requests in their personal space and through Open311; the REST API is
the staff's and the integrations' tool, so a signed-in citizen gets 403 here.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsStaffMember(BasePermission):
    message = _("The API is for the municipality's staff and its integrations.")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_staff_member)


class WorksTickets(IsStaffMember):
    """Opening requests is for agents and supervisors (and keys, which act as agents), as in the quick entry."""

    message = _("Only agents and supervisors open requests.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and request.user.works_tickets
