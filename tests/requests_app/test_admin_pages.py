import pytest
from django.urls import reverse

from requests_app import workflow
from requests_app.models import Ticket
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory


@pytest.fixture
def ticket(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.add_internal_note(ticket.pk, by=agent, body="Note pour l'équipe.")
    return ticket


@pytest.mark.parametrize(
    "name",
    [
        "requests_app_service_changelist",
        "requests_app_service_add",
        "requests_app_category_changelist",
        "requests_app_category_add",
        "requests_app_ticket_changelist",
        "requests_app_ticketevent_changelist",
        "requests_app_message_changelist",
    ],
)
def test_it_loads_the_admin_lists_and_forms_for_an_administrator(client, administrator, ticket, name):
    log_in_with_second_factor(client, administrator)

    response = client.get(reverse(f"admin:{name}"))

    assert response.status_code == 200


def test_it_searches_and_filters_tickets(client, administrator, ticket):
    log_in_with_second_factor(client, administrator)

    found = client.get(reverse("admin:requests_app_ticket_changelist"), {"q": ticket.reference})
    filtered = client.get(reverse("admin:requests_app_ticket_changelist"), {"status__exact": "resolved"})

    assert ticket.subject in found.text
    assert ticket.subject not in filtered.text


def test_it_shows_a_ticket_and_its_timeline_without_any_editable_field(client, administrator, ticket):
    log_in_with_second_factor(client, administrator)

    response = client.get(reverse("admin:requests_app_ticket_change", args=[ticket.pk]))

    assert response.status_code == 200
    assert ticket.reference in response.text
    assert 'name="status"' not in response.text
    assert 'name="subject"' not in response.text
    assert 'name="_save"' not in response.text
    assert len(response.context["inline_admin_formsets"]) == 1


def test_it_never_lets_the_admin_edit_a_ticket(client, administrator, ticket):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        reverse("admin:requests_app_ticket_change", args=[ticket.pk]), {"status": "closed", "subject": "x"}
    )

    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS


@pytest.mark.parametrize("model", ["ticket", "ticketevent", "message"])
def test_it_offers_no_add_nor_delete_for_workflow_rows(client, administrator, ticket, model):
    log_in_with_second_factor(client, administrator)
    event = ticket.events.first()
    pk = {"ticket": ticket.pk, "ticketevent": event.pk, "message": ticket.messages.first().pk}[model]

    assert client.get(reverse(f"admin:requests_app_{model}_add")).status_code == 403
    assert client.post(reverse(f"admin:requests_app_{model}_delete", args=[pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse(f"admin:requests_app_{model}_change", args=[pk])).status_code == 200
    assert ticket.events.count() == 3


def test_it_offers_only_service_members_as_agents(client, administrator, agent, citizen, service):
    log_in_with_second_factor(client, administrator)

    response = client.get(reverse("admin:requests_app_service_change", args=[service.pk]))

    choices = {user.pk for user in response.context["adminform"].form.fields["agents"].queryset}
    assert agent.pk in choices
    assert citizen.pk not in choices
