"""An integration's technical account works requests through the API, but no one assigns one to it."""

import pytest

from requests_app import workflow
from requests_app.forms_agent import AssignForm
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_it_leaves_the_technical_account_out_of_the_assign_choices(voirie_key, agent, colleague, category):
    ticket = TicketFactory(category=category)

    choices = AssignForm(ticket=ticket, user=agent, prefix="assign").fields["assignee"].queryset

    assert voirie_key.user in voirie_key.user.services.get().agents.all()
    assert voirie_key.user not in choices
    assert colleague in choices


def test_it_refuses_to_assign_a_request_to_a_technical_account(voirie_key, agent, category):
    ticket = TicketFactory(category=category)

    with pytest.raises(workflow.InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=agent, assignee=voirie_key.user)

    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert not ticket.events.filter(kind="assigned").exists()


def test_it_lets_the_technical_account_take_a_request_itself(voirie_key, category):
    ticket = TicketFactory(category=category)

    workflow.take_ticket(ticket.pk, by=voirie_key.user)

    ticket.refresh_from_db()
    assert ticket.assignee == voirie_key.user


def test_it_refuses_an_api_assignment_to_a_technical_account(api, voirie_key, category):
    ticket = TicketFactory(category=category)

    response = api.post(f"/api/v1/tickets/{ticket.reference}/assign/", {"assignee": voirie_key.user.pk}, format="json")

    assert response.status_code == 400
    assert "assignee" in response.json()
