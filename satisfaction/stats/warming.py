"""Warming the cache after a refresh of the rollups, so the first reader does not wait."""

from django.contrib.auth import get_user_model

from accounts.models import Role

from .cache import facts_version
from .charts import top_categories
from .facts import PeriodFacts
from .period import Filters, Period


def warm(days=(7, 30, 90, 365)) -> int:
    """Compute the usual dashboards into the cache: the town's and each supervisor's services,
    over the periods offered by default, with their previous periods. Returns how many."""
    scopes = {None}
    supervisors = get_user_model().objects.filter(role=Role.SUPERVISOR, is_active=True).prefetch_related("services")
    for supervisor in supervisors:
        scopes.add(tuple(sorted(service.pk for service in supervisor.services.all())))
    version = facts_version()
    for services in scopes:
        filters = Filters(services=services)
        for length in days:
            period = Period.last(length)
            PeriodFacts.load(period, filters, version=version)
            PeriodFacts.load(period.previous(), filters, version=version)
            top_categories(period, filters, version=version)
    return len(scopes) * len(days)
