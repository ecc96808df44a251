"""Workload by agent and an agent's own figures equal a direct computation over tickets, events and surveys."""

import pytest
from django.utils import timezone

from requests_app.models import OPEN_STATUSES, Ticket, TicketEvent
from satisfaction import stats
from satisfaction.models import Survey

from .rollup_data import cases, day_of, events, matches, nearest_rank_hours, ratio, rollup_story, within  # noqa: F401

RESPONDING = {"public_reply", "info_requested", "resolved", "rejected"}


def first_responder(ticket):
    answers = [
        event
        for event in TicketEvent.objects.filter(ticket=ticket)
        if event.kind in RESPONDING and event.created_at >= ticket.first_response_at
    ]
    return min(answers, key=lambda event: (event.created_at, event.pk)).actor_id if answers else None


def last_resolver(survey):
    resolutions = [
        event
        for event in TicketEvent.objects.filter(ticket=survey.ticket, kind="resolved")
        if event.created_at <= survey.answered_at
    ]
    return max(resolutions, key=lambda event: (event.created_at, event.pk)).actor_id if resolutions else None


def expected_agent(agent_id, period, filters, *, live_filters):
    in_services = stats.Filters(services=filters.services)
    today = timezone.localdate()
    mine_open = [
        t for t in Ticket.objects.filter(assignee_id=agent_id) if t.status in OPEN_STATUSES and matches(t, live_filters)
    ]
    resolved = [(e, t) for e, t in events(in_services, "resolved", period) if e.actor_id == agent_id]
    first = [
        t.first_response_at - t.created_at
        for t in Ticket.objects.all()
        if matches(t, in_services) and within(t.first_response_at, period) and first_responder(t) == agent_id
    ]
    answered = [
        s
        for s in Survey.objects.select_related("ticket")
        if matches(s.ticket, in_services) and within(s.answered_at, period) and last_resolver(s) == agent_id
    ]
    scores = [s.satisfaction for s in answered if s.satisfaction is not None]
    within_sla = sum(1 for e, t in resolved if day_of(e.created_at) <= t.due_date)
    replies = [e for e, t in events(in_services, "public_reply", period) if e.actor_id == agent_id]
    return {
        "open": len(mine_open),
        "overdue": sum(1 for t in mine_open if t.due_date < today),
        "resolved": len(resolved),
        "resolved_within_sla": within_sla,
        "sla_rate": ratio(within_sla, len(resolved)),
        "first_responses": len(first),
        "replies": len(replies),
        "first_response_median_hours": nearest_rank_hours(first, 0.5)[0],
        "resolution_median_hours": nearest_rank_hours([e.created_at - t.created_at for e, t in resolved], 0.5)[0],
        "surveys_answered": len(answered),
        "satisfaction_count": len(scores),
        "csat": ratio(sum(scores), len(scores)),
    }


def test_it_gives_each_agent_their_live_queue_and_their_period(rollup_story):  # noqa: F811
    agents = [rollup_story.agent, rollup_story.colleague, rollup_story.clerk]
    seen = 0
    for period, filters in cases(rollup_story):
        rows = {row["agent_id"]: row for row in stats.workload_by_agent(filters, period)}
        for agent in agents:
            expected = expected_agent(agent.pk, period, filters, live_filters=filters)
            if not any(expected[name] for name in ("open", "resolved", "first_responses", "surveys_answered")):
                assert agent.pk not in rows
                continue
            row = rows[agent.pk]
            assert row["agent"] == str(agent)
            for name in ("open", "overdue", "resolved", "first_responses"):
                assert row[name] == expected[name], (period, filters, agent, name)
            assert row["csat"] == (pytest.approx(expected["csat"]) if expected["csat"] is not None else None)
            seen += 1
    assert seen > 50


def test_it_sorts_the_busiest_agents_first(rollup_story):  # noqa: F811
    period, filters = cases(rollup_story)[0]
    rows = stats.workload_by_agent(filters, period)
    assert [row["open"] for row in rows] == sorted((row["open"] for row in rows), reverse=True)


def test_it_gives_an_agent_their_own_figures(rollup_story):  # noqa: F811
    for period, _ in cases(rollup_story):
        for agent in (rollup_story.agent, rollup_story.colleague, rollup_story.clerk):
            figures = stats.agent_figures(agent, period)
            expected = expected_agent(agent.pk, period, stats.Filters(), live_filters=stats.Filters())
            for name, value in expected.items():
                assert figures[name] == pytest.approx(value), (period, agent, name)


def test_it_counts_nothing_for_an_agent_without_activity(db, agent):
    figures = stats.agent_figures(agent, stats.Period.last(30))
    assert figures["resolved"] == figures["open"] == 0
    assert figures["csat"] is None and figures["first_response_median_hours"] is None
    assert stats.workload_by_agent(stats.Filters(), stats.Period.last(30)) == []
