"""Listing requests: the filters, cursor pagination, and a query count that does not grow with rows."""

import base64
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from requests_app import workflow
from tests.factories import CategoryFactory, TicketFactory


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [ticket["reference"] for ticket in response.json()["results"]]


def test_it_lists_the_newest_first(api, category):
    first, second = TicketFactory(category=category), TicketFactory(category=category)

    assert references(api.get("/api/v1/tickets/")) == [second.reference, first.reference]


def test_it_filters_by_status_channel_kind_and_category(api, category, service, agent):
    other_category = CategoryFactory(service=service)
    received = TicketFactory(category=category, channel="phone", kind="complaint")
    in_progress = TicketFactory(category=category, agent=agent, in_progress=True)
    resolved = TicketFactory(category=other_category, agent=agent, resolved=True)

    assert references(api.get("/api/v1/tickets/", {"status": "in_progress"})) == [in_progress.reference]
    assert set(references(api.get("/api/v1/tickets/", {"status": ["received", "resolved"]}))) == {
        received.reference,
        resolved.reference,
    }
    assert references(api.get("/api/v1/tickets/", {"channel": "phone"})) == [received.reference]
    assert references(api.get("/api/v1/tickets/", {"kind": "complaint"})) == [received.reference]
    assert references(api.get("/api/v1/tickets/", {"category": other_category.pk})) == [resolved.reference]
    assert len(references(api.get("/api/v1/tickets/", {"service": service.pk}))) == 3


def test_it_filters_by_assignee(api, category, agent, voirie_key):
    taken_by_agent = TicketFactory(category=category, agent=agent, in_progress=True)
    unassigned = TicketFactory(category=category)
    mine = TicketFactory(category=category)
    workflow.take_ticket(mine.pk, by=voirie_key.user)

    assert references(api.get("/api/v1/tickets/", {"assignee": agent.pk})) == [taken_by_agent.reference]
    assert references(api.get("/api/v1/tickets/", {"assignee": "none"})) == [unassigned.reference]
    assert references(api.get("/api/v1/tickets/", {"assignee": "me"})) == [mine.reference]


def test_it_filters_by_dates(api, category):
    old = TicketFactory(category=category)
    now = timezone.now()
    type(old).objects.filter(pk=old.pk).update(
        created_at=now - datetime.timedelta(days=10), updated_at=now - datetime.timedelta(days=10)
    )
    recent = TicketFactory(category=category)
    since = (now - datetime.timedelta(days=1)).isoformat()

    assert references(api.get("/api/v1/tickets/", {"created_after": since})) == [recent.reference]
    assert references(api.get("/api/v1/tickets/", {"created_before": since})) == [old.reference]
    assert references(api.get("/api/v1/tickets/", {"updated_since": since})) == [recent.reference]


def test_it_searches_by_text_and_reference(api, category):
    lamp = TicketFactory(category=category, subject="Lampadaire en panne rue Victor Hugo")
    other = TicketFactory(category=category)

    assert references(api.get("/api/v1/tickets/", {"q": "Lampadaire"})) == [lamp.reference]
    assert references(api.get("/api/v1/tickets/", {"reference": other.reference})) == [other.reference]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "opened"},
        {"service": "voirie"},
        {"service": str(2**70)},
        {"created_after": "yesterday"},
        {"assignee": "someone"},
        {"q": "a\x00b"},
    ],
)
def test_it_refuses_bad_filters_with_a_400(api, params):
    response = api.get("/api/v1/tickets/", params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_it_pages_with_a_cursor_and_bounds_the_page_size(api, category):
    tickets = [TicketFactory(category=category) for _ in range(5)]

    first = api.get("/api/v1/tickets/", {"page_size": 2}).json()
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()

    seen = [t["reference"] for page in (first, second, third) for t in page["results"]]
    assert seen == [t.reference for t in reversed(tickets)]
    assert third["next"] is None
    assert api.get("/api/v1/tickets/", {"cursor": "garbage"}).status_code == 404
    assert len(api.get("/api/v1/tickets/", {"page_size": 10_000}).json()["results"]) == 5


def test_it_lists_with_a_constant_number_of_queries(api, category, agent, django_assert_max_num_queries):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/tickets/").status_code == 200
        return len(queries)

    TicketFactory(category=category, agent=agent, in_progress=True)
    few = count_queries()
    for _ in range(6):
        TicketFactory(category=category, agent=agent, in_progress=True)
    TicketFactory(category=category, agent=agent, rejected=True)

    with django_assert_max_num_queries(few):
        assert len(api.get("/api/v1/tickets/").json()["results"]) == 8


@pytest.mark.parametrize(
    "forged",
    ["p=garbage", "p=2026-01-01T00:00:00\x00", "p=2026-01-01 00:00:00", "p=2026-13-01 00:00:00+00:00", "o=x&p=1"],
)
def test_it_answers_404_to_a_forged_cursor(api, category, forged):
    TicketFactory(category=category)
    cursor = base64.b64encode(forged.encode()).decode()

    assert api.get("/api/v1/tickets/", {"cursor": cursor}).status_code == 404
