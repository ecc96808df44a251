"""The figures of a period, each a `Table` (shown, downloadable) and, but for lists, its chart."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import stats
from ..exports import Cell, Table
from .drill import age_range
from .formatting import (
    bucket_label,
    bucket_range,
    delay,
    number,
    percent,
    rate_value,
    score,
    score_value,
    shown,
    tile,
)


def kpi_table(period, filters, drill, facts=None, previous=None):
    """The key figures, as tiles (with their change since the previous period) and as a table."""
    now = stats.kpis(period, filters, facts)
    before = stats.kpis(period.previous(), filters, previous)
    table = Table(
        name="kpis",
        title=_("Key figures"),
        columns=[_("Indicator"), _("Period"), _("Previous period"), _("Unit")],
    )
    tiles = []
    units = {"count": _("requests"), "hours": _("hours (upper bound)"), "rate": _("%"), "score": _("out of 5")}
    for label, unit, name, show, url in _kpi_rows(period, drill, beyond=now.beyond_last_bucket):
        value, earlier = getattr(now, name), getattr(before, name)
        shown_tile = tile(label, value, shown(value, show), earlier, shown(earlier, show), unit, url)
        tiles.append(shown_tile)
        export = {"rate": rate_value, "score": score_value}.get(unit, lambda figure: figure)
        table.rows.append(
            [
                Cell(str(label), str(label)),
                Cell(export(value), shown_tile["text"], shown_tile["url"]),
                Cell(export(earlier), shown_tile["previous"]),
                Cell(str(units[unit]), str(units[unit])),
            ]
        )
    return table, tiles


def _kpi_rows(period, drill, *, beyond: bool) -> list[tuple]:
    """Each key figure: its label, unit, `Kpis` attribute, how it is written, the requests behind it.

    Delays are bucket bounds: both periods' are written with this period's "beyond the last bucket".
    """
    start, end = period.start, period.end

    def bounded(hours):
        return delay(hours, beyond)

    return [
        (_("New requests"), "count", "created", number, drill.created(start, end)),
        (_("Open at the end of the period"), "count", "backlog", number, drill.open_on(end)),
        (_("Of which overdue"), "count", "backlog_overdue", number, drill.open_on(end, overdue="on")),
        (_("Resolutions"), "count", "resolved", number, drill.resolved(start, end)),
        (
            _("Median first response"),
            "hours",
            "first_response_median_hours",
            bounded,
            drill.url(responded_from=start, responded_to=end),
        ),
        (_("Median resolution time"), "hours", "resolution_median_hours", bounded, drill.resolved(start, end)),
        (_("Resolution time, 90th percentile"), "hours", "resolution_p90_hours", bounded, drill.resolved(start, end)),
        (_("Resolved within the due date"), "rate", "sla_rate", percent, drill.resolved(start, end, sla="met")),
        (_("Satisfaction"), "score", "csat", score, drill.answered(start, end)),
        (_("Ease (effort)"), "score", "effort", score, drill.answered(start, end)),
        (_("Survey response rate"), "rate", "response_rate", percent, drill.answered(start, end)),
        (_("Reopen rate"), "rate", "reopen_rate", percent, drill.url(reopened_from=start, reopened_to=end)),
    ]


def chart_spec(table, kind, labels, datasets, summary, **options):
    return {
        "id": f"chart-{table.name}",
        "summary": summary,
        "data_id": f"chart-{table.name}-data",
        "spec": {"type": kind, "labels": labels, "datasets": datasets, **options},
    }


def volume(period, filters, drill, facts=None):
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
        start, end = bucket_range(period, bucket)
        row = [Cell(bucket, bucket_label(period, bucket))]
        for channel in channels:
            count = counts.get((bucket, channel), 0)
            row.append(Cell(count, number(count), drill.created(start, end, channel=channel) if count else ""))
        total = sum(counts.get((bucket, channel), 0) for channel in channels)
        row.append(Cell(total, number(total), drill.created(start, end) if total else ""))
        table.rows.append(row)
    total = sum(counts.values())
    summary = ngettext(
        "Stacked bars: %(total)s new request over the period, by channel.",
        "Stacked bars: %(total)s new requests over the period, by channel.",
        total,
    ) % {"total": number(total)}
    chart = chart_spec(
        table,
        "bar",
        [bucket_label(period, bucket) for bucket in buckets],
        [{"label": labels[channel], "data": [counts.get((b, channel), 0) for b in buckets]} for channel in channels],
        summary,
        stacked=True,
    )
    return table, chart


def backlog(period, filters, drill, facts=None):
    rows = stats.backlog_ageing(period, filters, facts)
    table = Table(
        name="backlog",
        title=_("Age of the open requests at the end of the period"),
        columns=[_("Age"), _("Open requests"), _("Of which overdue")],
    )
    for row in rows:
        ages = age_range(period.end, row["bucket"])
        table.rows.append(
            [
                Cell(row["label"], row["label"]),
                Cell(row["count"], number(row["count"]), drill.open_on(period.end, **ages) if row["count"] else ""),
                Cell(
                    row["overdue"],
                    number(row["overdue"]),
                    drill.open_on(period.end, overdue="on", **ages) if row["overdue"] else "",
                ),
            ]
        )
    total = sum(row["count"] for row in rows)
    summary = ngettext(
        "Bars: %(total)s request open at the end of the period, by age.",
        "Bars: %(total)s requests open at the end of the period, by age.",
        total,
    ) % {"total": number(total)}
    chart = chart_spec(
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


def sla(period, filters, drill, facts=None):
    rows = stats.sla_trend(period, filters, facts)
    table = Table(
        name="sla",
        title=_("Resolutions within the due date"),
        columns=[_("Period"), _("Resolutions"), _("Within the due date"), _("Rate (%)")],
    )
    for row in rows:
        start, end = bucket_range(period, row["period"])
        table.rows.append(
            [
                Cell(row["period"], bucket_label(period, row["period"])),
                Cell(row["resolved"], number(row["resolved"]), drill.resolved(start, end) if row["resolved"] else ""),
                Cell(
                    row["within_sla"],
                    number(row["within_sla"]),
                    drill.resolved(start, end, sla="met") if row["within_sla"] else "",
                ),
                Cell(rate_value(row["rate"]), percent(row["rate"])),
            ]
        )
    resolved = sum(row["resolved"] for row in rows)
    within = sum(row["within_sla"] for row in rows)
    summary = _("Line: share of the resolutions made within the due date, %(rate)s over the period.") % {
        "rate": percent(within / resolved if resolved else None)
    }
    chart = chart_spec(
        table,
        "line",
        [bucket_label(period, row["period"]) for row in rows],
        [{"label": _("Within the due date (%)"), "data": [rate_value(row["rate"]) for row in rows]}],
        summary,
        percent=True,
    )
    return table, chart


def delays(period, filters, facts=None):
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
                Cell(row["first_response"], number(row["first_response"])),
                Cell(row["resolution"], number(row["resolution"])),
            ]
        )
    summary = _("Bars: how many first responses and resolutions took how long.")
    chart = chart_spec(
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


def satisfaction(period, filters, drill, facts=None):
    rows = stats.satisfaction_trend(period, filters, facts)
    table = Table(
        name="satisfaction",
        title=_("Satisfaction and ease"),
        columns=[_("Period"), _("Answers"), _("Satisfaction (1 to 5)"), _("Ease (1 to 5)")],
    )
    for row in rows:
        start, end = bucket_range(period, row["period"])
        table.rows.append(
            [
                Cell(row["period"], bucket_label(period, row["period"])),
                Cell(row["answers"], number(row["answers"]), drill.answered(start, end) if row["answers"] else ""),
                Cell(score_value(row["csat"]), score(row["csat"])),
                Cell(score_value(row["effort"]), score(row["effort"])),
            ]
        )
    answers = sum(row["answers"] for row in rows)
    summary = ngettext(
        "Lines: mean satisfaction and ease out of 5, from %(answers)s survey answer.",
        "Lines: mean satisfaction and ease out of 5, from %(answers)s survey answers.",
        answers,
    ) % {"answers": number(answers)}
    chart = chart_spec(
        table,
        "line",
        [bucket_label(period, row["period"]) for row in rows],
        [
            {"label": _("Satisfaction"), "data": [score_value(row["csat"]) for row in rows]},
            {"label": _("Ease"), "data": [score_value(row["effort"]) for row in rows]},
        ],
        summary,
        scale=[1, 5],
    )
    return table, chart


def pillars(period, filters, facts=None):
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
                Cell(score_value(row["score"]), score(row["score"])),
                Cell(row["answers"], number(row["answers"])),
            ]
        )
    summary = _("Bars: mean agreement out of 5 with the barometer statements, by pillar.")
    chart = chart_spec(
        table,
        "bar",
        [row["label"] for row in rows],
        [{"label": _("Mean agreement"), "data": [score_value(row["score"]) for row in rows]}],
        summary,
        scale=[0, 5],
    )
    return table, chart


def categories(period, filters, drill, version=None):
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
                    number(row["created"]),
                    drill.created(start, end, category=category) if row["created"] else "",
                ),
                Cell(
                    row["resolved"],
                    number(row["resolved"]),
                    drill.resolved(start, end, category=category) if row["resolved"] else "",
                ),
                Cell(rate_value(row["sla_rate"]), percent(row["sla_rate"])),
            ]
        )
    summary = ngettext(
        "Horizontal bars: new requests of the %(count)s most requested category.",
        "Horizontal bars: new requests of the %(count)s most requested categories.",
        len(rows),
    ) % {"count": len(rows)}
    chart = chart_spec(
        table,
        "bar",
        [row["category"] for row in rows],
        [{"label": _("New requests"), "data": [row["created"] for row in rows]}],
        summary,
        horizontal=True,
    )
    return table, chart


def comments(period, filters, low_only):
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
                Cell(survey.satisfaction, score(survey.satisfaction)),
                Cell(survey.effort, score(survey.effort)),
                Cell(survey.comment, survey.comment),
            ]
        )
    return table


def workload(period, filters, drill):
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
                    number(row["open"]),
                    drill.url(status="open", assignee=row["agent_id"]) if row["open"] else "",
                ),
                Cell(
                    row["overdue"],
                    number(row["overdue"]),
                    drill.url(status="open", assignee=row["agent_id"], overdue="on") if row["overdue"] else "",
                ),
                Cell(row["resolved"], number(row["resolved"])),
                Cell(row["first_responses"], number(row["first_responses"])),
                Cell(score_value(row["csat"]), score(row["csat"])),
            ]
        )
    return table
