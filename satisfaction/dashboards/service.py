"""A service's dashboard, for supervisors: their services' figures and their agents' workload."""

from django.views.decorators.http import require_GET

from accounts.models import Role
from requests_app.models import Service

from .access import MANAGERS, role_required
from .builders import figures_page


@require_GET
@role_required(Role.SUPERVISOR, *MANAGERS)
def service(request):
    """A supervisor's services (managers may look at any service, with the agents' workload)."""
    if request.user.role == Role.SUPERVISOR:
        scope = request.user.services.all()
        scope_ids = tuple(scope.values_list("pk", flat=True))
    else:
        scope, scope_ids = Service.objects.all(), None
    return figures_page(request, scope=scope, scope_ids=scope_ids, template="dashboard/service.html", workload=True)
