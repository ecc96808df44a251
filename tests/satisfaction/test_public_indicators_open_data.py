"""The indicators as open data: CSV and JSON with stable names, free to fetch from anywhere."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from satisfaction import public
from satisfaction.models import DailyFact

pytestmark = pytest.mark.django_db

HEADER = [
    "service",
    "service_name",
    "period_start",
    "period_end",
    "requests",
    "resolved",
    "median_resolution_days",
    "median_resolution_beyond_days",
    "within_commitment_rate",
    "delay_figures_hidden",
    "answers",
    "satisfaction_mean",
    "satisfied_rate",
    "satisfaction_figures_hidden",
]


@pytest.fixture
def facts(settings, service, other_service):
    """A year where Voirie has enough of everything and État civil too little to publish rates."""
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 3
    period = public.last_complete_months()
    DailyFact.objects.create(
        day=period.start + datetime.timedelta(days=3),
        service=service,
        channel="web",
        kind="report",
        created=12,
        resolved=4,
        resolved_within_sla=3,
        resolution_histogram=[0, 0, 0, 0, 1, 3] + [0] * 10,
        satisfaction_count=3,
        satisfaction_sum=13,
        satisfied=2,
    )
    DailyFact.objects.create(
        day=period.end, service=other_service, channel="counter", kind="information", created=2, resolved=1
    )
    return period


def test_it_serves_a_csv_with_one_row_per_service_and_one_for_the_town(client, facts, service, other_service):
    response = client.get(reverse("indicators:csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="indicateurs-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == HEADER
    assert [row["service"] for row in rows] == [other_service.slug, service.slug, "all"]  # by name, town last
    voirie, town = rows[1], rows[2]
    assert voirie["service_name"] == "Voirie"
    assert (voirie["period_start"], voirie["period_end"]) == (facts.start.isoformat(), facts.end.isoformat())
    assert voirie["requests"] == "12" and voirie["median_resolution_days"] == "2"
    assert voirie["within_commitment_rate"] == "0.75" and voirie["satisfaction_mean"] == "4.33"
    assert voirie["satisfied_rate"] == "0.6667" and voirie["answers"] == "3"
    assert voirie["delay_figures_hidden"] == "false"
    assert rows[0]["within_commitment_rate"] == "" and rows[0]["delay_figures_hidden"] == "true"
    assert town["requests"] == "14" and town["resolved"] == "5"


def test_it_serves_a_json_document_with_the_same_names(client, facts, service):
    response = client.get(reverse("indicators:json"))

    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert set(document) == {"generated_at", "period", "min_answers", "services", "monthly"}
    assert document["period"] == {"start": facts.start.isoformat(), "end": facts.end.isoformat()}
    assert document["generated_at"] == facts.end.isoformat()  # the latest day of the daily facts
    assert document["min_answers"] == 3
    assert all(list(row) == HEADER for row in document["services"] + document["monthly"])
    voirie = next(row for row in document["services"] if row["service"] == service.slug)
    assert voirie["within_commitment_rate"] == 0.75 and voirie["median_resolution_days"] == 2
    assert document["services"][-1]["service"] == "all"
    assert len(document["monthly"]) == 12
    assert [row["period_start"] for row in document["monthly"]][::11] == [
        facts.start.isoformat(),
        facts.end.replace(day=1).isoformat(),
    ]
    assert document["monthly"][0]["requests"] == 12 and document["monthly"][-1]["requests"] == 2
    assert document["monthly"][-1]["within_commitment_rate"] is None


def test_it_publishes_a_median_beyond_the_last_bound_as_more_than(client, settings, service):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 1
    DailyFact.objects.create(
        day=public.last_complete_months().start,
        service=service,
        channel="web",
        kind="report",
        resolved=1,
        resolution_histogram=[0] * 15 + [1],
    )

    row = client.get(reverse("indicators:json")).json()["services"][0]
    page = client.get(reverse("indicators:page"), HTTP_ACCEPT_LANGUAGE="en")

    assert row["median_resolution_days"] is None and row["median_resolution_beyond_days"] == 90
    assert "more than 90 days" in page.text


@pytest.mark.parametrize("url_name", ["indicators:csv", "indicators:json"])
def test_it_lets_any_site_read_the_open_data(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_it_leaves_out_services_closed_before_the_period(client, facts, service, other_service):
    other_service.is_active = False
    other_service.save()
    from tests.factories import ServiceFactory

    ServiceFactory(name="Ancien service", slug="ancien", is_active=False)

    services = [row["service"] for row in client.get(reverse("indicators:json")).json()["services"]]

    # A closed service with figures in the period stays, so that the rows add up to the town.
    assert services == [other_service.slug, service.slug, "all"]
