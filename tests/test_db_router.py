"""Reads of the daily facts go to the read replica when there is one; everything else stays on the primary."""

import contextlib

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizen_crm.db_router import REPLICA_DB_ALIAS, ReplicaRouter
from requests_app.models import Ticket
from satisfaction import rollups
from satisfaction.models import AgentDailyFact, DailyFact
from tests.factories import TicketFactory

FACTS_TABLE = DailyFact._meta.db_table


@contextlib.contextmanager
def replica_alias():
    """A `replica` alias on the primary's (test) database, as `"TEST": {"MIRROR": "default"}` sets up."""
    if REPLICA_DB_ALIAS in connections.settings:
        # DATABASE_REPLICA_URL is set for this run: use the mirror the test runner set up.
        yield connections[REPLICA_DB_ALIAS]
        return
    connections.settings[REPLICA_DB_ALIAS] = {
        **connections[DEFAULT_DB_ALIAS].settings_dict,
        "TEST": {"MIRROR": "default"},
    }
    try:
        yield connections[REPLICA_DB_ALIAS]
    finally:
        connections[REPLICA_DB_ALIAS].close()
        del connections[REPLICA_DB_ALIAS]
        del connections.settings[REPLICA_DB_ALIAS]


@pytest.fixture
def no_replica():
    """No `replica` alias, even when DATABASE_REPLICA_URL is set for this run."""
    saved = connections.settings.pop(REPLICA_DB_ALIAS, None)
    yield
    if saved is not None:
        connections.settings[REPLICA_DB_ALIAS] = saved


@pytest.fixture
def replica():
    with replica_alias() as connection:
        yield connection


def test_it_reads_the_daily_facts_from_the_replica(replica):
    assert ReplicaRouter().db_for_read(DailyFact) == REPLICA_DB_ALIAS
    assert ReplicaRouter().db_for_read(AgentDailyFact) == REPLICA_DB_ALIAS


def test_it_reads_tickets_from_the_primary(replica):
    # The agent queue must show what was just done: a lagging replica would hide it.
    assert ReplicaRouter().db_for_read(Ticket) == DEFAULT_DB_ALIAS


def test_it_writes_everything_to_the_primary(replica):
    assert ReplicaRouter().db_for_write(DailyFact) == DEFAULT_DB_ALIAS
    assert ReplicaRouter().db_for_write(Ticket) == DEFAULT_DB_ALIAS


def test_it_migrates_only_the_primary(replica):
    assert ReplicaRouter().allow_migrate(DEFAULT_DB_ALIAS, "satisfaction", "dailyfact") is True
    assert ReplicaRouter().allow_migrate(REPLICA_DB_ALIAS, "satisfaction", "dailyfact") is False


def test_it_allows_relations_between_the_primary_and_the_replica(replica):
    from_primary, from_replica, elsewhere = DailyFact(), Ticket(), Ticket()
    from_primary._state.db, from_replica._state.db, elsewhere._state.db = DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS, "archive"

    assert ReplicaRouter().allow_relation(from_primary, from_replica) is True
    assert ReplicaRouter().allow_relation(from_primary, elsewhere) is None


@pytest.mark.django_db
def test_it_reads_the_facts_from_the_primary_inside_a_transaction(replica):
    # Every test runs inside a transaction on the primary, as a rollup rebuild does.
    assert connections[DEFAULT_DB_ALIAS].in_atomic_block
    assert ReplicaRouter().db_for_read(DailyFact) == DEFAULT_DB_ALIAS


def test_it_routes_nothing_without_a_replica(no_replica):
    assert REPLICA_DB_ALIAS not in connections.settings
    assert ReplicaRouter().db_for_read(DailyFact) is None
    assert ReplicaRouter().db_for_write(DailyFact) is None
    assert router.db_for_read(DailyFact) == DEFAULT_DB_ALIAS
    assert router.db_for_write(DailyFact) == DEFAULT_DB_ALIAS


class TestPagesOnTheReplica:
    """Pages on a replica that sees committed rows, as a real one does once replication caught up."""

    @pytest.fixture(scope="class")
    @classmethod
    def replica_on_committed_data(cls):
        # Class-scoped so the alias exists before the test database is set up for the test.
        with replica_alias() as connection:
            yield connection

    @pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS])
    def test_it_serves_the_dashboard_figures_from_the_replica(
        self, client, manager, category, agent, replica_on_committed_data
    ):
        TicketFactory(category=category, agent=agent, resolved=True)
        TicketFactory(category=category, agent=agent, in_progress=True)
        rollups.refresh_recent(2)
        client.force_login(manager)

        with (
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
            CaptureQueriesContext(replica_on_committed_data) as on_replica,
        ):
            response = client.get(reverse("dashboard:overview"), HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 200
        assert any(FACTS_TABLE in query["sql"] for query in on_replica.captured_queries)
        assert not any(FACTS_TABLE in query["sql"] for query in on_primary.captured_queries)
        # The replica saw the committed facts: the volume chart counts the two requests.
        volume = next(chart for chart in response.context["charts"] if chart["table"].name == "volume")
        assert volume["table"].rows

    @pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS])
    def test_it_serves_the_public_indicators_from_the_replica(self, client, category, replica_on_committed_data):
        TicketFactory(category=category, resolved=True)
        rollups.refresh_recent(2)

        with CaptureQueriesContext(replica_on_committed_data) as on_replica:
            response = client.get(reverse("indicators:page"), HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 200
        assert any(FACTS_TABLE in query["sql"] for query in on_replica.captured_queries)
