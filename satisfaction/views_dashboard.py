"""The dashboards: the town's overview (managers), a service's (supervisors), an agent's own.

Each page reads `stats` (daily facts, so its cost grows with the days shown, not with the
requests), turns every figure into a `Table` shown beside its chart, and links every number to
the workbench filtered on the requests behind it. The same URL with `?format=csv|xlsx&table=…`
downloads one table with the same period and filters.
"""

import datetime
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from accounts.models import Role
from requests_app.models import Service

from . import exports, stats, surveys
from .buckets import AGE_BOUNDS_DAYS, DURATION_BOUNDS_HOURS
from .exports import Cell, Table
from .forms_dashboard import DashboardForm, bucket_end

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)
# Query parameters of a download, beside the period and filters.
EXPORT_PARAMETERS = ("format", "table")


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


@require_GET
@role_required(*MANAGERS)
def overview(request):
    return _service_dashboard(
        request, scope=Service.objects.all(), scope_ids=None, template="dashboard/overview.html", workload=False
    )


@require_GET
@role_required(Role.SUPERVISOR, *MANAGERS)
def service(request):
    """A supervisor's services (managers may look at any service, with the agents' workload)."""
    if request.user.role == Role.SUPERVISOR:
        scope = request.user.services.all()
        scope_ids = tuple(scope.values_list("pk", flat=True))
    else:
        scope, scope_ids = Service.objects.all(), None
    return _service_dashboard(
        request, scope=scope, scope_ids=scope_ids, template="dashboard/service.html", workload=True
    )


@require_GET
@role_required(Role.AGENT, Role.SUPERVISOR)
def mine(request):
    """The agent's own figures: what they resolved and answered, what citizens said, what waits."""
    form = DashboardForm(request.GET, services=Service.objects.none(), with_filters=False)
    if not form.is_valid():
        return _invalid(request, form, "dashboard/mine.html")
    period = form.get_period()
    tables = {"figures": lambda: _agent_table(request.user, period)}
    if response := _maybe_download(request, tables, period):
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


# --- the overview and service pages --------------------------------------------------------


def _service_dashboard(request, *, scope, scope_ids, template, workload):
    form = DashboardForm(request.GET, services=scope)
    if not form.is_valid():
        return _invalid(request, form, template)
    period = form.get_period()
    filters = form.get_filters(scope_ids)
    drill = Drill(form.cleaned_data)
    low_only = request.GET.get("low") == "on"
    builders = {
        "kpis": lambda: _kpi_table(period, filters, drill)[0],
        "volume": lambda: _volume(period, filters, drill)[0],
        "backlog": lambda: _backlog(period, filters, drill)[0],
        "sla": lambda: _sla(period, filters, drill)[0],
        "delays": lambda: _delays(period, filters)[0],
        "satisfaction": lambda: _satisfaction(period, filters, drill)[0],
        "pillars": lambda: _pillars(period, filters)[0],
        "categories": lambda: _categories(period, filters, drill)[0],
        "comments": lambda: _comments(period, filters, low_only),
    }
    if workload:
        builders["workload"] = lambda: _workload(period, filters, drill)
    if response := _maybe_download(request, builders, period):
        return response
    # One load of the period's facts (cached until the rollups change them) serves the tiles and
    # every chart but the categories.
    version = stats.facts_version()
    facts = stats.PeriodFacts.load(period, filters, version=version)
    previous = stats.PeriodFacts.load(period.previous(), filters, version=version)
    kpi_table, tiles = _kpi_table(period, filters, drill, facts, previous)
    charts = [_volume(period, filters, drill, facts), _backlog(period, filters, drill, facts)]
    charts += [_sla(period, filters, drill, facts), _delays(period, filters, facts)]
    charts += [_satisfaction(period, filters, drill, facts), _pillars(period, filters, facts)]
    charts.append(_categories(period, filters, drill, version))
    context = {
        "form": form,
        "period": period,
        "tiles": tiles,
        "kpi_table": kpi_table,
        "charts": [{"table": table, "chart": chart} for table, chart in charts],
        "comments": _comments(period, filters, low_only),
        "low_only": low_only,
        "carry": [
            (key, value)
            for key, values in request.GET.lists()
            if key not in ("low", *EXPORT_PARAMETERS)
            for value in values
        ],
        "workload": _workload(period, filters, drill) if workload else None,
        "scoped": scope_ids is not None,
        # Low scores with a comment wait for a call back from the people who handle follow-ups.
        "open_follow_ups": (
            surveys.follow_ups_for(request.user).filter(status="open").count()
            if workload and surveys.may_handle_follow_ups(request.user)
            else None
        ),
    }
    return render(request, template, context)


def _invalid(request, form, template):
    # Bad dates or a filter outside the person's scope: the errors, no figures.
    return render(request, template, {"form": form, "period": None}, status=400)


def _maybe_download(request, builders: dict, period):
    export_format = request.GET.get("format")
    if export_format is None:
        return None
    if export_format not in exports.FORMATS:
        return HttpResponseBadRequest(_("Unknown download format."))
    name = request.GET.get("table", "")
    if name not in builders:
        raise Http404("No such table on this dashboard")
    return exports.download(builders[name](), export_format, start=period.start, end=period.end)


# --- drill-down ----------------------------------------------------------------------------


class Drill:
    """Links to the workbench list of the requests behind a figure, with the page's filters."""

    def __init__(self, cleaned_data: dict):
        self.base = {}
        if cleaned_data.get("service"):
            self.base["service"] = cleaned_data["service"].pk
        if cleaned_data.get("category"):
            self.base["category"] = cleaned_data["category"].pk
        for name in ("channel", "kind"):
            if cleaned_data.get(name):
                self.base[name] = cleaned_data[name]

    def url(self, **params) -> str:
        query = {"status": "any", **self.base, **params}
        for key, value in query.items():
            if isinstance(value, datetime.date):
                query[key] = value.isoformat()
        return reverse("requests_app:workbench") + "?" + urlencode(query)

    def created(self, start, end, **params):
        return self.url(created_from=start, created_to=end, **params)

    def resolved(self, start, end, **params):
        return self.url(resolved_from=start, resolved_to=end, **params)

    def answered(self, start, end, **params):
        return self.url(answered_from=start, answered_to=end, **params)

    def open_on(self, day, **params):
        return self.url(open_on=day, **params)


# --- formatting ----------------------------------------------------------------------------

DASH = "\u2013"  # en dash: no figure


def _count(value) -> str:
    return formats.number_format(value, force_grouping=True)


def _percent(rate) -> str:
    return DASH if rate is None else _("%(value)s %%") % {"value": formats.number_format(rate * 100, 0)}


def _score(value) -> str:
    return DASH if value is None else _("%(value)s / 5") % {"value": formats.number_format(value, 1)}


def _delay(hours, beyond=False) -> str:
    """A duration read from the histograms: the upper bound of its bucket (“≤ 2 days”)."""
    if hours is None:
        return DASH
    labels = stats.duration_bucket_labels()
    if beyond and hours == DURATION_BOUNDS_HOURS[-1]:
        return labels[-1]
    return labels[DURATION_BOUNDS_HOURS.index(hours)] if hours in DURATION_BOUNDS_HOURS else str(hours)


def _rate_value(rate):
    return None if rate is None else round(rate * 100, 1)


def _score_value(score):
    return None if score is None else round(score, 2)


def _bucket_label(period, bucket: datetime.date) -> str:
    if period.granularity == "day":
        return formats.date_format(bucket, "SHORT_DATE_FORMAT")
    if period.granularity == "week":
        return _("Week of %(day)s") % {"day": formats.date_format(bucket, "SHORT_DATE_FORMAT")}
    return formats.date_format(bucket, "YEAR_MONTH_FORMAT")


def _bucket_range(period, bucket):
    return max(bucket, period.start), bucket_end(period, bucket)


def _change(current, previous, unit: str) -> str:
    """How a figure moved since the previous period, in words (read as such by screen readers)."""
    if current is None or previous is None:
        return _("no comparison with the previous period")
    if unit in ("count", "hours"):
        if previous == 0:
            return _("stable compared with the previous period") if current == 0 else _("none in the previous period")
        change = (current - previous) / previous * 100
        amount = _("%(value)s %%") % {"value": formats.number_format(abs(change), 0)}
    elif unit == "rate":
        change = (current - previous) * 100
        points = abs(round(change))
        amount = ngettext("%(value)s point", "%(value)s points", points) % {"value": points}
    else:
        change = current - previous
        amount = formats.number_format(abs(change), 1)
    if round(change, 1) == 0:
        return _("stable compared with the previous period")
    if change > 0:
        return _("up %(amount)s compared with the previous period") % {"amount": amount}
    return _("down %(amount)s compared with the previous period") % {"amount": amount}


def _tile(label, value, text, previous, previous_text, unit, url=""):
    return {
        "label": label,
        "value": value,
        "text": text,
        "previous": previous_text,
        "change": _change(value, previous, unit),
        # A figure of nothing has no list behind it.
        "url": url if value else "",
    }


# --- the figures ---------------------------------------------------------------------------


def _kpi_table(period, filters, drill, facts=None, previous=None):
    now = stats.kpis(period, filters, facts)
    before = stats.kpis(period.previous(), filters, previous)
    start, end = period.start, period.end
    rows = [
        (_("New requests"), "count", now.created, before.created, _count, drill.created(start, end)),
        (_("Open at the end of the period"), "count", now.backlog, before.backlog, _count, drill.open_on(end)),
        (
            _("Of which overdue"),
            "count",
            now.backlog_overdue,
            before.backlog_overdue,
            _count,
            drill.open_on(end, overdue="on"),
        ),
        (_("Resolutions"), "count", now.resolved, before.resolved, _count, drill.resolved(start, end)),
        (
            _("Median first response"),
            "hours",
            now.first_response_median_hours,
            before.first_response_median_hours,
            lambda hours: _delay(hours, now.beyond_last_bucket),
            drill.url(responded_from=start, responded_to=end),
        ),
        (
            _("Median resolution time"),
            "hours",
            now.resolution_median_hours,
            before.resolution_median_hours,
            lambda hours: _delay(hours, now.beyond_last_bucket),
            drill.resolved(start, end),
        ),
        (
            _("Resolution time, 90th percentile"),
            "hours",
            now.resolution_p90_hours,
            before.resolution_p90_hours,
            lambda hours: _delay(hours, now.beyond_last_bucket),
            drill.resolved(start, end),
        ),
        (
            _("Resolved within the due date"),
            "rate",
            now.sla_rate,
            before.sla_rate,
            _percent,
            drill.resolved(start, end, sla="met"),
        ),
        (_("Satisfaction"), "score", now.csat, before.csat, _score, drill.answered(start, end)),
        (_("Ease (effort)"), "score", now.effort, before.effort, _score, drill.answered(start, end)),
        (
            _("Survey response rate"),
            "rate",
            now.response_rate,
            before.response_rate,
            _percent,
            drill.answered(start, end),
        ),
        (
            _("Reopen rate"),
            "rate",
            now.reopen_rate,
            before.reopen_rate,
            _percent,
            drill.url(reopened_from=start, reopened_to=end),
        ),
    ]
    table = Table(
        name="kpis",
        title=_("Key figures"),
        columns=[_("Indicator"), _("Period"), _("Previous period"), _("Unit")],
    )
    tiles = []
    units = {"count": _("requests"), "hours": _("hours (upper bound)"), "rate": _("%"), "score": _("out of 5")}
    for label, unit, value, previous, show, url in rows:
        tile = _tile(label, value, _shown(value, show), previous, _shown(previous, show), unit, url)
        tiles.append(tile)
        export = {"rate": _rate_value, "score": _score_value}.get(unit, lambda figure: figure)
        table.rows.append(
            [
                Cell(str(label), str(label)),
                Cell(export(value), tile["text"], tile["url"]),
                Cell(export(previous), tile["previous"]),
                Cell(str(units[unit]), str(units[unit])),
            ]
        )
    return table, tiles


def _shown(value, show) -> str:
    return DASH if value is None else show(value)


def _chart(table, kind, labels, datasets, summary, **options):
    return {
        "id": f"chart-{table.name}",
        "summary": summary,
        "data_id": f"chart-{table.name}-data",
        "spec": {"type": kind, "labels": labels, "datasets": datasets, **options},
    }


def _volume(period, filters, drill, facts=None):
    rows = stats.volume_by_channel(period, filters, facts)
    channels = list(dict.fromkeys(row["channel"] for row in rows))
    labels = {row["channel"]: row["label"] for row in rows}
    buckets = list(dict.fromkeys(row["period"] for row in rows)) or period.buckets()
    counts = {(row["period"], row["channel"]): row["count"] for row in rows}
    table = Table(
        name="volume",
        title=_("New requests by channel"),
        columns=[_("Period"), *[labels[channel] for channel in channels], _("Total")],
    )
    for bucket in buckets:
        start, end = _bucket_range(period, bucket)
        row = [Cell(bucket, _bucket_label(period, bucket))]
        for channel in channels:
            count = counts.get((bucket, channel), 0)
            row.append(Cell(count, _count(count), drill.created(start, end, channel=channel) if count else ""))
        total = sum(counts.get((bucket, channel), 0) for channel in channels)
        row.append(Cell(total, _count(total), drill.created(start, end) if total else ""))
        table.rows.append(row)
    total = sum(counts.values())
    summary = ngettext(
        "Stacked bars: %(total)s new request over the period, by channel.",
        "Stacked bars: %(total)s new requests over the period, by channel.",
        total,
    ) % {"total": _count(total)}
    chart = _chart(
        table,
        "bar",
        [_bucket_label(period, bucket) for bucket in buckets],
        [{"label": labels[channel], "data": [counts.get((b, channel), 0) for b in buckets]} for channel in channels],
        summary,
        stacked=True,
    )
    return table, chart


def _age_range(end: datetime.date, bucket: int) -> dict:
    """The creation days of the requests of an age bucket, as workbench filters."""
    lows = [0, *[bound + 1 for bound in AGE_BOUNDS_DAYS]]
    params = {"created_to": end - datetime.timedelta(days=lows[bucket])}
    if bucket < len(AGE_BOUNDS_DAYS):
        params["created_from"] = end - datetime.timedelta(days=AGE_BOUNDS_DAYS[bucket])
    return params


def _backlog(period, filters, drill, facts=None):
    rows = stats.backlog_ageing(period, filters, facts)
    table = Table(
        name="backlog",
        title=_("Age of the open requests at the end of the period"),
        columns=[_("Age"), _("Open requests"), _("Of which overdue")],
    )
    for row in rows:
        ages = _age_range(period.end, row["bucket"])
        table.rows.append(
            [
                Cell(row["label"], row["label"]),
                Cell(row["count"], _count(row["count"]), drill.open_on(period.end, **ages) if row["count"] else ""),
                Cell(
                    row["overdue"],
                    _count(row["overdue"]),
                    drill.open_on(period.end, overdue="on", **ages) if row["overdue"] else "",
                ),
            ]
        )
    total = sum(row["count"] for row in rows)
    summary = ngettext(
        "Bars: %(total)s request open at the end of the period, by age.",
        "Bars: %(total)s requests open at the end of the period, by age.",
        total,
    ) % {"total": _count(total)}
    chart = _chart(
        table,
        "bar",
        [row["label"] for row in rows],
        [
            {"label": _("Open requests"), "data": [row["count"] for row in rows]},
            {"label": _("Of which overdue"), "data": [row["overdue"] for row in rows]},
        ],
        summary,
    )
    return table, chart


def _sla(period, filters, drill, facts=None):
    rows = stats.sla_trend(period, filters, facts)
    table = Table(
        name="sla",
        title=_("Resolutions within the due date"),
        columns=[_("Period"), _("Resolutions"), _("Within the due date"), _("Rate (%)")],
    )
    for row in rows:
        start, end = _bucket_range(period, row["period"])
        table.rows.append(
            [
                Cell(row["period"], _bucket_label(period, row["period"])),
                Cell(row["resolved"], _count(row["resolved"]), drill.resolved(start, end) if row["resolved"] else ""),
                Cell(
                    row["within_sla"],
                    _count(row["within_sla"]),
                    drill.resolved(start, end, sla="met") if row["within_sla"] else "",
                ),
                Cell(_rate_value(row["rate"]), _percent(row["rate"])),
            ]
        )
    resolved = sum(row["resolved"] for row in rows)
    within = sum(row["within_sla"] for row in rows)
    summary = _("Line: share of the resolutions made within the due date, %(rate)s over the period.") % {
        "rate": _percent(within / resolved if resolved else None)
    }
    chart = _chart(
        table,
        "line",
        [_bucket_label(period, row["period"]) for row in rows],
        [{"label": _("Within the due date (%)"), "data": [_rate_value(row["rate"]) for row in rows]}],
        summary,
        percent=True,
    )
    return table, chart


def _delays(period, filters, facts=None):
    rows = stats.delays(period, filters, facts)
    table = Table(
        name="delays",
        title=_("Response and resolution times"),
        columns=[_("Time taken"), _("First responses"), _("Resolutions")],
    )
    for row in rows:
        table.rows.append(
            [
                Cell(row["label"], row["label"]),
                Cell(row["first_response"], _count(row["first_response"])),
                Cell(row["resolution"], _count(row["resolution"])),
            ]
        )
    summary = _("Bars: how many first responses and resolutions took how long.")
    chart = _chart(
        table,
        "bar",
        [row["label"] for row in rows],
        [
            {"label": _("First responses"), "data": [row["first_response"] for row in rows]},
            {"label": _("Resolutions"), "data": [row["resolution"] for row in rows]},
        ],
        summary,
    )
    return table, chart


def _satisfaction(period, filters, drill, facts=None):
    rows = stats.satisfaction_trend(period, filters, facts)
    table = Table(
        name="satisfaction",
        title=_("Satisfaction and ease"),
        columns=[_("Period"), _("Answers"), _("Satisfaction (1 to 5)"), _("Ease (1 to 5)")],
    )
    for row in rows:
        start, end = _bucket_range(period, row["period"])
        table.rows.append(
            [
                Cell(row["period"], _bucket_label(period, row["period"])),
                Cell(row["answers"], _count(row["answers"]), drill.answered(start, end) if row["answers"] else ""),
                Cell(_score_value(row["csat"]), _score(row["csat"])),
                Cell(_score_value(row["effort"]), _score(row["effort"])),
            ]
        )
    answers = sum(row["answers"] for row in rows)
    summary = ngettext(
        "Lines: mean satisfaction and ease out of 5, from %(answers)s survey answer.",
        "Lines: mean satisfaction and ease out of 5, from %(answers)s survey answers.",
        answers,
    ) % {"answers": _count(answers)}
    chart = _chart(
        table,
        "line",
        [_bucket_label(period, row["period"]) for row in rows],
        [
            {"label": _("Satisfaction"), "data": [_score_value(row["csat"]) for row in rows]},
            {"label": _("Ease"), "data": [_score_value(row["effort"]) for row in rows]},
        ],
        summary,
        scale=[1, 5],
    )
    return table, chart


def _pillars(period, filters, facts=None):
    rows = stats.pillars(period, filters, facts)
    table = Table(
        name="pillars",
        title=_("The three pillars of the relationship"),
        columns=[_("Pillar"), _("Mean agreement (1 to 5)"), _("Answers")],
    )
    for row in rows:
        table.rows.append(
            [
                Cell(row["label"], row["label"]),
                Cell(_score_value(row["score"]), _score(row["score"])),
                Cell(row["answers"], _count(row["answers"])),
            ]
        )
    summary = _("Bars: mean agreement out of 5 with the barometer statements, by pillar.")
    chart = _chart(
        table,
        "bar",
        [row["label"] for row in rows],
        [{"label": _("Mean agreement"), "data": [_score_value(row["score"]) for row in rows]}],
        summary,
        scale=[0, 5],
    )
    return table, chart


def _categories(period, filters, drill, version=None):
    rows = stats.top_categories(period, filters, version=version)
    table = Table(
        name="categories",
        title=_("Top categories"),
        columns=[_("Category"), _("Service"), _("New requests"), _("Resolutions"), _("Within the due date (%)")],
    )
    start, end = period.start, period.end
    for row in rows:
        category = row["category_id"]
        table.rows.append(
            [
                Cell(row["category"], row["category"]),
                Cell(row["service"], row["service"]),
                Cell(
                    row["created"],
                    _count(row["created"]),
                    drill.created(start, end, category=category) if row["created"] else "",
                ),
                Cell(
                    row["resolved"],
                    _count(row["resolved"]),
                    drill.resolved(start, end, category=category) if row["resolved"] else "",
                ),
                Cell(_rate_value(row["sla_rate"]), _percent(row["sla_rate"])),
            ]
        )
    summary = ngettext(
        "Horizontal bars: new requests of the %(count)s most requested category.",
        "Horizontal bars: new requests of the %(count)s most requested categories.",
        len(rows),
    ) % {"count": len(rows)}
    chart = _chart(
        table,
        "bar",
        [row["category"] for row in rows],
        [{"label": _("New requests"), "data": [row["created"] for row in rows]}],
        summary,
        horizontal=True,
    )
    return table, chart


def _comments(period, filters, low_only):
    surveys = stats.latest_comments(period, filters, low_only=low_only)
    table = Table(
        name="comments",
        title=_("Latest comments"),
        columns=[_("Answered on"), _("Request"), _("Service"), _("Satisfaction"), _("Ease"), _("Comment")],
    )
    for survey in surveys:
        ticket = survey.ticket
        table.rows.append(
            [
                Cell(survey.answered_at, formats.date_format(survey.answered_at, "SHORT_DATE_FORMAT")),
                Cell(ticket.reference, ticket.reference, ticket.get_absolute_url()),
                Cell(ticket.service.name, ticket.service.name),
                Cell(survey.satisfaction, _score(survey.satisfaction)),
                Cell(survey.effort, _score(survey.effort)),
                Cell(survey.comment, survey.comment),
            ]
        )
    return table


def _workload(period, filters, drill):
    rows = stats.workload_by_agent(filters, period)
    table = Table(
        name="workload",
        title=_("Workload by agent"),
        columns=[
            _("Agent"),
            _("Open now"),
            _("Overdue now"),
            _("Resolutions"),
            _("First responses"),
            _("Satisfaction"),
        ],
    )
    for row in rows:
        table.rows.append(
            [
                Cell(row["agent"], row["agent"]),
                Cell(
                    row["open"],
                    _count(row["open"]),
                    drill.url(status="open", assignee=row["agent_id"]) if row["open"] else "",
                ),
                Cell(
                    row["overdue"],
                    _count(row["overdue"]),
                    drill.url(status="open", assignee=row["agent_id"], overdue="on") if row["overdue"] else "",
                ),
                Cell(row["resolved"], _count(row["resolved"])),
                Cell(row["first_responses"], _count(row["first_responses"])),
                Cell(_score_value(row["csat"]), _score(row["csat"])),
            ]
        )
    return table


# --- an agent's own figures ----------------------------------------------------------------


def _agent_rows(figures: dict):
    return [
        ("resolved", _("Resolutions"), "count", _count),
        ("sla_rate", _("Resolved within the due date"), "rate", _percent),
        ("first_responses", _("First responses"), "count", _count),
        ("replies", _("Replies sent"), "count", _count),
        (
            "first_response_median_hours",
            _("Median first response"),
            "hours",
            lambda hours: _delay(hours, figures["beyond_last_bucket"]),
        ),
        (
            "resolution_median_hours",
            _("Median resolution time"),
            "hours",
            lambda hours: _delay(hours, figures["beyond_last_bucket"]),
        ),
        ("csat", _("Satisfaction"), "score", _score),
        ("satisfaction_count", _("Survey answers"), "count", _count),
    ]


def _agent_tiles(figures, previous):
    workbench = reverse("requests_app:workbench")
    tiles = []
    for key, label, unit, show in _agent_rows(figures):
        value = figures[key]
        tiles.append(_tile(label, value, _shown(value, show), previous[key], _shown(previous[key], show), unit))
    # Live figures: nothing to compare with, and the list is the workbench's.
    for key, label, query in (
        ("open", _("Open requests assigned to me"), {"mine": "on"}),
        ("overdue", _("Of which overdue"), {"mine": "on", "overdue": "on"}),
    ):
        tiles.append(
            {
                "label": label,
                "value": figures[key],
                "text": _count(figures[key]),
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
        export = {"rate": _rate_value, "score": _score_value}.get(unit, lambda figure: figure)
        table.rows.append([Cell(str(label), str(label)), Cell(export(figures[key]), _shown(figures[key], show))])
    for key, label in (("open", _("Open requests assigned to me")), ("overdue", _("Of which overdue"))):
        table.rows.append([Cell(str(label), str(label)), Cell(figures[key], _count(figures[key]))])
    return table
