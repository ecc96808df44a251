"""GET servicerequestupdates (mySociety's extension): public status changes of published reports."""

import pytest

from requests_app import workflow
from requests_app.models import Kind, TicketEvent
from tests.factories import TicketFactory

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db

UPDATE_ELEMENTS = ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"]


def test_it_lists_the_public_events_of_reports(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    workflow.add_internal_note(ticket.pk, by=agent, body="Secret interne : voir avec M. Durand")

    root = xml_of(client.get(BASE + "servicerequestupdates.xml", HTTP_ACCEPT_LANGUAGE="en"))

    assert root.tag == "service_requests_updates"
    updates = root.findall("request_update")
    assert [child.tag for child in updates[0]] == UPDATE_ELEMENTS
    published = TicketEvent.objects.filter(ticket=ticket, is_public=True).exclude(kind=TicketEvent.Kind.CREATED)
    assert [update.findtext("update_id") for update in updates] == [str(event.pk) for event in published]
    assert {update.findtext("service_request_id") for update in updates} == {ticket.reference}
    assert updates[-1].findtext("status") == "closed"
    assert updates[-1].findtext("description") == "Resolved by the service in charge."
    body = client.get(BASE + "servicerequestupdates.json").content.decode()
    assert "Durand" not in body
    assert "rebouché" not in body  # the text of the reply to the citizen stays private


def test_it_leaves_out_requests_that_are_not_published(client, category, agent):
    TicketFactory(category=category, kind=Kind.INFORMATION, agent=agent, resolved=True)

    assert json_of(client.get(BASE + "servicerequestupdates.json")) == []


def test_it_filters_updates_by_date_window(client, category, agent):
    TicketFactory(category=category, agent=agent, in_progress=True)

    response = client.get(
        BASE + "servicerequestupdates.json",
        {"start_date": "2020-01-01T00:00:00Z", "end_date": "2020-02-01T00:00:00Z"},
    )

    assert json_of(response) == []


def test_it_refuses_a_wrong_api_key_when_one_is_given(client, category):
    response = client.get(BASE + "servicerequestupdates.xml", {"api_key": "rc_wrong"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert error_descriptions(response) == ["api_key is not valid."]


def test_it_lists_updates_with_a_constant_number_of_queries(client, category, agent, django_assert_max_num_queries):
    for _ in range(5):
        TicketFactory(category=category, agent=agent, resolved=True)
    with django_assert_max_num_queries(1):
        assert len(json_of(client.get(BASE + "servicerequestupdates.json"))) >= 10
