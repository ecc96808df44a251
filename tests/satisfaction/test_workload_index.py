"""The agents' workload is counted from the partial index of open requests per assignee."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app.models import OPEN_STATUSES, Ticket
from satisfaction import stats


def test_it_indexes_exactly_the_open_statuses():
    index = next(index for index in Ticket._meta.indexes if index.name == "ticket_open_assignee_idx")
    (lookup, statuses) = index.condition.children[0]

    assert lookup == "status__in"
    assert set(statuses) == set(OPEN_STATUSES)


@pytest.mark.postgres
@pytest.mark.parametrize("services", [None, "mine"])
def test_it_reads_the_workload_from_the_index_alone(category, services):
    filters = stats.Filters(services=(category.service_id,) if services else None)
    with CaptureQueriesContext(connection) as captured:
        stats.workload_by_agent(filters, stats.Period.last(30))
    workload = next(q["sql"] for q in captured.captured_queries if "requests_app_ticket" in q["sql"])

    with connection.cursor() as cursor:
        # As on a large table: the planner would otherwise read a handful of rows directly.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {workload}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Only Scan using ticket_open_assignee_idx" in plan, plan
