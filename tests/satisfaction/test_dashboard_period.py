"""The period and filters of the dashboards: choices, custom dates, and what is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

OVERVIEW = reverse("dashboard:overview")


@pytest.fixture
def signed_in(client, manager):
    client.force_login(manager)
    return client


def test_it_shows_the_last_30_days_by_default(signed_in):
    response = signed_in.get(OVERVIEW)

    period = response.context["period"]
    assert response.status_code == 200
    assert period.end == timezone.localdate()
    assert period.days == 30


@pytest.mark.parametrize("days", [7, 30, 90, 365])
def test_it_offers_the_usual_periods(signed_in, days):
    response = signed_in.get(OVERVIEW, {"period": str(days)})

    assert response.status_code == 200
    assert response.context["period"].days == days
    assert response.context["period"].end == timezone.localdate()


def test_it_takes_custom_dates(signed_in):
    response = signed_in.get(OVERVIEW, {"period": "custom", "start": "2026-01-05", "end": "2026-02-03"})

    period = response.context["period"]
    assert (period.start, period.end) == (datetime.date(2026, 1, 5), datetime.date(2026, 2, 3))
    assert period.previous().end == datetime.date(2026, 1, 4)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"period": "custom"}, "start", "Give this date for a custom period."),
        ({"period": "custom", "start": "2026-01-05"}, "end", "Give this date for a custom period."),
        ({"period": "custom", "start": "2026-02-05", "end": "2026-01-05"}, "end", "must not be before"),
        ({"period": "custom", "start": "2020-01-01", "end": "2026-01-05"}, "end", "at most 731 days"),
        ({"period": "custom", "start": "2026-01-05", "end": "le 5 mars"}, "end", "Enter a valid date."),
        ({"period": "12"}, "period", "Select a valid choice."),
        ({"channel": "pigeon"}, "channel", "Select a valid choice."),
        ({"kind": "rumour"}, "kind", "Select a valid choice."),
        ({"service": "abc"}, "service", "Select a valid choice."),
    ],
)
def test_it_refuses_bad_input_with_the_error_next_to_the_field(signed_in, params, field, message):
    response = signed_in.get(OVERVIEW, params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.text
    # No figure from a period or filter that could not be read.
    assert response.context["period"] is None
    assert 'id="tiles-title"' not in response.text


def test_it_refuses_a_period_ending_in_the_future(signed_in):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = signed_in.get(
        OVERVIEW, {"period": "custom", "start": "2026-01-05", "end": tomorrow.isoformat()}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert "cannot end after today" in response.text


def test_it_ignores_dates_without_a_custom_period(signed_in):
    response = signed_in.get(OVERVIEW, {"period": "7", "start": "2026-01-05", "end": "2026-01-01"})

    assert response.status_code == 200
    assert response.context["period"].days == 7


def test_it_refuses_a_download_of_a_bad_period(signed_in):
    response = signed_in.get(OVERVIEW, {"period": "custom", "format": "csv", "table": "kpis"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_it_keeps_the_agents_page_to_the_period(client, agent, service):
    client.force_login(agent)

    response = client.get(reverse("dashboard:mine"), {"service": service.pk, "period": "7"})

    assert response.status_code == 200
    assert "service" not in response.context["form"].fields
    assert 'id="id_service"' not in response.text
