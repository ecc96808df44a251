import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def assign(client, ticket, assignee_pk):
    return client.post(reverse("requests_app:agent_assign", args=[ticket.reference]), {"assign-assignee": assignee_pk})


def test_it_assigns_a_request_to_a_colleague(client, agent, colleague, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    response = assign(client, ticket, colleague.pk)

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == colleague
    assert ticket.status == Ticket.Status.QUALIFIED
    event = events_of(ticket, TicketEvent.Kind.ASSIGNED).get()
    assert event.actor == agent
    assert event.data["assignee"] == colleague.pk


@pytest.mark.parametrize("who", ["agent_of_other_service", "citizen", "manager", "unknown"])
def test_it_refuses_a_forged_assignee_with_400(request, client, agent, category, who):
    ticket = TicketFactory(category=category)
    assignee_pk = 999_999 if who == "unknown" else request.getfixturevalue(who).pk
    before = snapshot(ticket)
    client.force_login(agent)

    response = assign(client, ticket, assignee_pk)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.text
    assert response.context["failed_form"].has_error("assignee")
    assert snapshot(ticket) == before


def test_it_refuses_to_assign_a_closed_request_with_409(client, agent, colleague, category):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = assign(client, ticket, colleague.pk)

    assert response.status_code == 409
    assert [m for m in response.context["messages"] if m.level_tag == "error"]
    assert snapshot(ticket) == before
