"""Who sees which dashboard: each role its own, the others get 403 (anonymous people log in)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from accounts.models import Role

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)


def role_required(*roles):
    """Signed-in people of these roles: anonymous people go to the login page, others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@require_GET
@role_required(Role.AGENT, Role.SUPERVISOR, Role.MANAGER, Role.ADMINISTRATOR)
def index(request):
    """Each role has its dashboard: the town's, their services', their own."""
    role = request.user.role
    if role in MANAGERS:
        return redirect("dashboard:overview")
    if role == Role.SUPERVISOR:
        return redirect("dashboard:service")
    return redirect("dashboard:mine")
