"""The agents' pages and the REST API run an action through the same dispatcher."""

import pytest

from interop.api.serializers import ACTION_SLUGS
from requests_app import actions
from requests_app.models import Ticket
from requests_app.views_agent import ACTION_FORMS
from requests_app.workflow import Action, InvalidTransition
from tests.factories import TicketFactory


def test_it_dispatches_every_action_of_the_pages_and_of_the_api():
    assert set(ACTION_FORMS) == set(ACTION_SLUGS) == set(actions.AGENT_ACTIONS)


def test_it_runs_the_workflow_function_behind_the_action(category, agent):
    ticket = TicketFactory(category=category)

    actions.perform(Action.TAKE, ticket.pk, by=agent)
    actions.perform(Action.RESOLVE, ticket.pk, by=agent, body="Rebouché.", attachments=())

    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee) == (Ticket.Status.RESOLVED, agent)


def test_it_raises_the_workflows_refusal(category, agent):
    ticket = TicketFactory(category=category)

    with pytest.raises(InvalidTransition):
        actions.perform(Action.CLOSE, ticket.pk, by=agent)
