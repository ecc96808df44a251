"""The town's overview, for managers: every service's figures."""

from django.views.decorators.http import require_GET

from requests_app.models import Service

from .access import MANAGERS, role_required
from .builders import figures_page


@require_GET
@role_required(*MANAGERS)
def overview(request):
    return figures_page(
        request, scope=Service.objects.all(), scope_ids=None, template="dashboard/overview.html", workload=False
    )
