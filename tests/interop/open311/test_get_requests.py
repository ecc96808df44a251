"""GET requests: the published reports, filtered by date window, status and service code."""

import datetime

import pytest

from interop.open311 import georeport
from requests_app.models import Kind, Ticket
from tests.factories import CategoryFactory, TicketFactory, days_ago

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db

REQUEST_ELEMENTS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def created(ticket, days: int) -> Ticket:
    Ticket.objects.filter(pk=ticket.pk).update(created_at=days_ago(days), updated_at=days_ago(days))
    return Ticket.objects.get(pk=ticket.pk)


def references(response) -> list[str]:
    return [row["service_request_id"] for row in json_of(response)]


def test_it_lists_reports_with_the_elements_of_the_specification(client, category):
    ticket = TicketFactory(
        category=category, address="12 rue Pasteur, 45000 Bourg-sur-Loire", latitude="47.4123", longitude="1.0628"
    )

    root = xml_of(client.get(BASE + "requests.xml"))

    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [child.tag for child in request] == REQUEST_ELEMENTS
    assert request.findtext("service_request_id") == ticket.reference
    assert request.findtext("status") == "open"
    assert request.findtext("service_code") == "nid-de-poule"
    assert request.findtext("service_name") == "Nid-de-poule"
    assert request.findtext("agency_responsible") == "Voirie"
    assert request.findtext("zipcode") == "45000"
    assert request.findtext("lat") == "47.4123"
    assert request.findtext("long") == "1.0628"
    requested = datetime.datetime.fromisoformat(request.findtext("requested_datetime"))
    assert requested.utcoffset() is not None
    assert requested == ticket.created_at.replace(microsecond=0)


def test_it_gives_datetimes_in_local_time_with_their_offset(client, category):
    ticket = TicketFactory(category=category)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=datetime.datetime(2026, 11, 23, 16, 4, 5, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2026, 11, 23, 16, 4, 5, tzinfo=datetime.UTC),
    )

    data = json_of(client.get(BASE + "requests.json", {"service_request_id": ticket.reference}))

    assert data[0]["requested_datetime"] == "2026-11-23T17:04:05+01:00"


def test_it_lists_only_reports_of_the_last_90_days_by_default(client, category):
    recent = created(TicketFactory(category=category), 89)
    created(TicketFactory(category=category), 91)
    question = TicketFactory(category=category, kind=Kind.INFORMATION)

    listed = references(client.get(BASE + "requests.json"))

    assert listed == [recent.reference]
    assert question.reference not in listed


def test_it_filters_by_a_window_given_with_offsets_or_z(client, category):
    old = created(TicketFactory(category=category), 120)
    created(TicketFactory(category=category), 10)
    start = (old.created_at - datetime.timedelta(days=1)).astimezone(datetime.timezone(datetime.timedelta(hours=2)))
    end = (old.created_at + datetime.timedelta(days=1)).astimezone(datetime.UTC)

    response = client.get(
        BASE + "requests.json",
        {"start_date": start.isoformat(timespec="seconds"), "end_date": end.strftime("%Y-%m-%dT%H:%M:%SZ")},
    )

    assert references(response) == [old.reference]


def test_it_refuses_a_window_wider_than_90_days(client, category):
    response = client.get(
        BASE + "requests.xml",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert error_descriptions(response) == ["start_date and end_date may not be more than 90 days apart."]


@pytest.mark.parametrize("value", ["2026-01-01T00:00:00", "2026-01-01", "hier", "2026-13-45T00:00:00Z"])
def test_it_refuses_dates_without_a_time_zone_or_garbage(client, category, value):
    response = client.get(BASE + "requests.json", {"start_date": value}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert json_of(response)[0]["code"] == 400
    assert "start_date must be a W3C date-time" in json_of(response)[0]["description"]


def test_it_refuses_a_start_after_the_end(client, category):
    response = client.get(
        BASE + "requests.json", {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00+01:00"}
    )

    assert response.status_code == 400


def test_it_filters_by_status(client, category):
    open_ticket = TicketFactory(category=category, in_progress=True)
    resolved = TicketFactory(category=category, resolved=True)
    rejected = TicketFactory(category=category, rejected=True)

    assert references(client.get(BASE + "requests.json", {"status": "open"})) == [open_ticket.reference]
    assert references(client.get(BASE + "requests.json", {"status": "closed"})) == [
        rejected.reference,
        resolved.reference,
    ]
    assert len(references(client.get(BASE + "requests.json", {"status": "open,closed"}))) == 3


def test_it_refuses_an_unknown_status(client, category):
    response = client.get(BASE + "requests.xml", {"status": "pending"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert error_descriptions(response) == ["status must be open, closed or both (got “pending”)."]


def test_it_filters_by_several_service_codes(client, category, service):
    lighting = CategoryFactory(service=service, service_code="eclairage", is_public=True)
    trees = CategoryFactory(service=service, service_code="arbres", is_public=True)
    pothole = TicketFactory(category=category)
    light = TicketFactory(category=lighting)
    TicketFactory(category=trees)

    listed = references(client.get(BASE + "requests.json", {"service_code": "nid-de-poule,eclairage"}))

    assert sorted(listed) == sorted([pothole.reference, light.reference])


def test_service_request_id_overrides_every_other_argument(client, category):
    old = created(TicketFactory(category=category, resolved=True), 200)
    recent = TicketFactory(category=category)
    TicketFactory(category=category)

    response = client.get(
        BASE + "requests.json",
        {
            "service_request_id": f"{old.reference},{recent.reference}",
            "status": "open",
            "service_code": "autre",
            "start_date": "2020-01-01T00:00:00Z",
        },
    )

    assert sorted(references(response)) == sorted([old.reference, recent.reference])


def test_it_returns_at_most_the_maximum_number_of_requests(client, category, monkeypatch):
    monkeypatch.setattr(georeport, "MAX_RESULTS", 3)
    tickets = [TicketFactory(category=category) for _ in range(4)]

    listed = references(client.get(BASE + "requests.json"))

    assert listed == [ticket.reference for ticket in reversed(tickets[1:])]


def test_it_lists_requests_with_a_constant_number_of_queries(client, service, django_assert_max_num_queries):
    for number in range(12):
        TicketFactory(category=CategoryFactory(service=service, service_code=f"code-{number}", is_public=True))
    with django_assert_max_num_queries(1):
        assert len(references(client.get(BASE + "requests.json"))) == 12
