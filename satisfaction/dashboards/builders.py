"""What the overview and service pages share: the page of figures.

The period and filters are read from the query by `DashboardForm`; the period's facts are
loaded once (from the cache until the rollups change them) and every tile, table and chart is
built from them.
"""

from django.shortcuts import render

from .. import stats, surveys
from ..forms_dashboard import DashboardForm
from . import figures
from .downloads import EXPORT_PARAMETERS, maybe_download
from .drill import Drill


def invalid(request, form, template):
    # Bad dates or a filter outside the person's scope: the errors, no figures.
    return render(request, template, {"form": form, "period": None}, status=400)


def figures_page(request, *, scope, scope_ids, template, workload: bool):
    """The page of figures of the services in `scope` (`scope_ids` None: every service), or one of its tables."""
    form = DashboardForm(request.GET, services=scope)
    if not form.is_valid():
        return invalid(request, form, template)
    period = form.get_period()
    filters = form.get_filters(scope_ids)
    drill = Drill(form.cleaned_data)
    low_only = request.GET.get("low") == "on"
    tables = _tables(period, filters, drill, low_only=low_only, workload=workload)
    if response := maybe_download(request, tables, period):
        return response
    context = {
        "form": form,
        "period": period,
        **_charts(period, filters, drill),
        "comments": figures.comments(period, filters, low_only),
        "low_only": low_only,
        "carry": [
            (key, value)
            for key, values in request.GET.lists()
            if key not in ("low", *EXPORT_PARAMETERS)
            for value in values
        ],
        "workload": figures.workload(period, filters, drill) if workload else None,
        "scoped": scope_ids is not None,
        # Low scores with a comment wait for a call back from the people who handle follow-ups.
        "open_follow_ups": (
            surveys.follow_ups_for(request.user).filter(status="open").count()
            if workload and surveys.may_handle_follow_ups(request.user)
            else None
        ),
    }
    return render(request, template, context)


def _tables(period, filters, drill, *, low_only: bool, workload: bool) -> dict:
    """Each table the page offers for download, built only when asked for."""
    tables = {
        "kpis": lambda: figures.kpi_table(period, filters, drill)[0],
        "volume": lambda: figures.volume(period, filters, drill)[0],
        "backlog": lambda: figures.backlog(period, filters, drill)[0],
        "sla": lambda: figures.sla(period, filters, drill)[0],
        "delays": lambda: figures.delays(period, filters)[0],
        "satisfaction": lambda: figures.satisfaction(period, filters, drill)[0],
        "pillars": lambda: figures.pillars(period, filters)[0],
        "categories": lambda: figures.categories(period, filters, drill)[0],
        "comments": lambda: figures.comments(period, filters, low_only),
    }
    if workload:
        tables["workload"] = lambda: figures.workload(period, filters, drill)
    return tables


def _charts(period, filters, drill) -> dict:
    """The tiles, the key figures and every chart with its table."""
    # One load of the period's facts (cached until the rollups change them) serves the tiles and
    # every chart but the categories.
    version = stats.facts_version()
    facts = stats.PeriodFacts.load(period, filters, version=version)
    previous = stats.PeriodFacts.load(period.previous(), filters, version=version)
    kpi_table, tiles = figures.kpi_table(period, filters, drill, facts, previous)
    charts = [figures.volume(period, filters, drill, facts), figures.backlog(period, filters, drill, facts)]
    charts += [figures.sla(period, filters, drill, facts), figures.delays(period, filters, facts)]
    charts += [figures.satisfaction(period, filters, drill, facts), figures.pillars(period, filters, facts)]
    charts.append(figures.categories(period, filters, drill, version))
    return {
        "tiles": tiles,
        "kpi_table": kpi_table,
        "charts": [{"table": table, "chart": chart} for table, chart in charts],
    }
