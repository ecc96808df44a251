"""An agent's own figures: what they resolved and answered, what citizens said, what waits."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import Role
from requests_app.models import Service

from .. import stats
from ..exports import Cell, Table
from ..forms_dashboard import DashboardForm
from .access import role_required
from .builders import invalid
from .downloads import maybe_download
from .formatting import delay, number, percent, rate_value, score, score_value, shown, tile


@require_GET
@role_required(Role.AGENT, Role.SUPERVISOR)
def mine(request):
    """The agent's own figures: what they resolved and answered, what citizens said, what waits."""
    form = DashboardForm(request.GET, services=Service.objects.none(), with_filters=False)
    if not form.is_valid():
        return invalid(request, form, "dashboard/mine.html")
    period = form.get_period()
    tables = {"figures": lambda: _agent_table(request.user, period)}
    if response := maybe_download(request, tables, period):
        return response
    figures = stats.agent_figures(request.user, period)
    previous = stats.agent_figures(request.user, period.previous())
    context = {
        "form": form,
        "period": period,
        "tiles": _agent_tiles(figures, previous),
        "tables": {"figures": _agent_table(request.user, period, figures=figures)},
    }
    return render(request, "dashboard/mine.html", context)


def _agent_rows(figures: dict):
    return [
        ("resolved", _("Resolutions"), "count", number),
        ("sla_rate", _("Resolved within the due date"), "rate", percent),
        ("first_responses", _("First responses"), "count", number),
        ("replies", _("Replies sent"), "count", number),
        (
            "first_response_median_hours",
            _("Median first response"),
            "hours",
            lambda hours: delay(hours, figures["beyond_last_bucket"]),
        ),
        (
            "resolution_median_hours",
            _("Median resolution time"),
            "hours",
            lambda hours: delay(hours, figures["beyond_last_bucket"]),
        ),
        ("csat", _("Satisfaction"), "score", score),
        ("satisfaction_count", _("Survey answers"), "count", number),
    ]


def _agent_tiles(figures, previous):
    workbench = reverse("requests_app:workbench")
    tiles = []
    for key, label, unit, show in _agent_rows(figures):
        value = figures[key]
        tiles.append(tile(label, value, shown(value, show), previous[key], shown(previous[key], show), unit))
    # Live figures: nothing to compare with, and the list is the workbench's.
    for key, label, query in (
        ("open", _("Open requests assigned to me"), {"mine": "on"}),
        ("overdue", _("Of which overdue"), {"mine": "on", "overdue": "on"}),
    ):
        tiles.append(
            {
                "label": label,
                "value": figures[key],
                "text": number(figures[key]),
                "previous": "",
                "change": _("Right now; no comparison."),
                "url": workbench + "?" + urlencode(query) if figures[key] else "",
            }
        )
    return tiles


def _agent_table(agent, period, *, figures=None):
    figures = figures if figures is not None else stats.agent_figures(agent, period)
    table = Table(name="figures", title=_("My figures"), columns=[_("Indicator"), _("Value")])
    for key, label, unit, show in _agent_rows(figures):
        export = {"rate": rate_value, "score": score_value}.get(unit, lambda figure: figure)
        table.rows.append([Cell(str(label), str(label)), Cell(export(figures[key]), shown(figures[key], show))])
    for key, label in (("open", _("Open requests assigned to me")), ("overdue", _("Of which overdue"))):
        table.rows.append([Cell(str(label), str(label)), Cell(figures[key], number(figures[key]))])
    return table
