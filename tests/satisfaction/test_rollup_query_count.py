"""The cost of the rollups and of every dashboard figure grows with the days, never with the tickets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app import intake, workflow
from requests_app.models import Channel, Kind
from satisfaction import rollups, stats
from tests.replayed_clock import ReplayedClock

from .rollup_data import paris

D = datetime.date
WEEK = (D(2026, 6, 1), D(2026, 6, 7))
PERIOD = stats.Period(*WEEK)
FILTERS = stats.Filters(channels=(Channel.WEB, Channel.PHONE))


def add_tickets(count, category, agent, *, offset):
    with ReplayedClock() as clock:
        for n in range(count):
            moment = paris(6, 1 + (offset + n) % 7, 8 + (offset + n) % 12, n % 60)
            clock.moment = moment
            ticket, _ = intake.open_ticket(
                intake.Filing(
                    channel=Channel.PHONE if n % 2 else Channel.WEB,
                    kind=Kind.REPORT,
                    category=category,
                    subject="Trottoir abîmé",
                    description="Une dalle est soulevée devant la boulangerie.",
                    contact_name="Camille Martin",
                )
            )
            if n % 2 == 0:  # a resolution every day of the week, so every day writes agent rows
                clock.moment = moment + datetime.timedelta(hours=5)
                workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")


def queries(function, *args, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(*args, **kwargs)
    return len(captured)


FIGURES = {
    "kpis": lambda: stats.kpis(PERIOD, FILTERS),
    "volume_by_channel": lambda: stats.volume_by_channel(PERIOD, FILTERS),
    "backlog_ageing": lambda: stats.backlog_ageing(PERIOD, FILTERS),
    "sla_trend": lambda: stats.sla_trend(PERIOD, FILTERS),
    "delays": lambda: stats.delays(PERIOD, FILTERS),
    "satisfaction_trend": lambda: stats.satisfaction_trend(PERIOD, FILTERS),
    "pillars": lambda: stats.pillars(PERIOD, FILTERS),
    "top_categories": lambda: stats.top_categories(PERIOD, FILTERS),
    "latest_comments": lambda: [s.ticket.service.name for s in stats.latest_comments(PERIOD, FILTERS)],
    "workload_by_agent": lambda: stats.workload_by_agent(FILTERS, PERIOD),
}


@pytest.fixture
def counts_with_14_then_200_tickets(category, agent):
    add_tickets(14, category, agent, offset=0)
    before = {"rebuild": queries(rollups.rebuild, *WEEK)} | {name: queries(f) for name, f in FIGURES.items()}
    add_tickets(186, category, agent, offset=3)
    after = {"rebuild": queries(rollups.rebuild, *WEEK)} | {name: queries(f) for name, f in FIGURES.items()}
    return before, after


def test_it_costs_the_same_queries_for_14_or_200_tickets(counts_with_14_then_200_tickets, agent):
    before, after = counts_with_14_then_200_tickets
    assert before == after
    assert stats.kpis(PERIOD, FILTERS).created == 200
    for name in FIGURES:
        assert after[name] <= 3, name
    assert queries(stats.agent_figures, agent, PERIOD) <= 4


def test_it_grows_with_the_days_rebuilt(category, agent):
    add_tickets(30, category, agent, offset=0)
    one_week = queries(rollups.rebuild, *WEEK)
    two_weeks = queries(rollups.rebuild, WEEK[0], WEEK[1] + datetime.timedelta(days=7))
    three_weeks = queries(rollups.rebuild, WEEK[0], WEEK[1] + datetime.timedelta(days=14))
    per_week = two_weeks - one_week
    assert per_week == three_weeks - two_weeks
    assert per_week <= 7 * 14  # a fixed handful per day
