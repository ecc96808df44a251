"""Opening a request through the API: the same intake as every channel, answers checked per category."""

from accounts.models import Role
from requests_app.models import CategoryField, Ticket, TicketEvent
from tests.factories import UserFactory

from .conftest import session_client

NEW = {"subject": "Trou dans la chaussée", "description": "Devant le 3 rue des Lilas.", "contact_email": "a@b.fr"}


def test_it_opens_a_request_through_intake(api, category, voirie_key):
    response = api.post("/api/v1/tickets/", {**NEW, "category": category.pk, "kind": "report"}, format="json")

    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(reference=response.json()["reference"])
    assert ticket.channel == "api"
    assert ticket.service == category.service
    assert ticket.status == "received"
    created = ticket.events.get(kind=TicketEvent.Kind.CREATED)
    assert created.actor == voirie_key.user
    assert ticket.notifications.filter(template="acknowledgement").exists()


def test_it_sends_a_request_without_category_to_triage(api, triage_service):
    response = api.post("/api/v1/tickets/", NEW, format="json")

    assert response.status_code == 201
    assert response.json()["service"] == triage_service.pk


def test_it_checks_the_answers_to_the_category_questions(api, category):
    CategoryField.objects.create(
        category=category, code="depth", label="Depth", datatype=CategoryField.Datatype.NUMBER, required=True
    )

    missing = api.post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")
    wrong = api.post(
        "/api/v1/tickets/", {**NEW, "category": category.pk, "attributes": {"depth": "deep"}}, format="json"
    )
    right = api.post("/api/v1/tickets/", {**NEW, "category": category.pk, "attributes": {"depth": "12"}}, format="json")

    assert missing.status_code == 400
    assert "depth" in missing.json()["attributes"]
    assert wrong.status_code == 400
    assert right.status_code == 201
    assert right.json()["attributes"] == {"depth": 12}
    assert Ticket.objects.count() == 1


def test_it_refuses_answers_with_a_nul_character(api, category):
    response = api.post(
        "/api/v1/tickets/", {**NEW, "category": category.pk, "attributes": {"depth": "1\x00"}}, format="json"
    )

    assert response.status_code == 400
    assert Ticket.objects.count() == 0


def test_it_requires_a_way_to_reach_the_person(api, category):
    response = api.post("/api/v1/tickets/", {**NEW, "contact_email": "", "category": category.pk}, format="json")

    assert response.status_code == 400
    assert "contact_email" in response.json()
    assert Ticket.objects.count() == 0


def test_it_keeps_a_key_to_its_services_categories(api, other_category):
    response = api.post("/api/v1/tickets/", {**NEW, "category": other_category.pk}, format="json")

    assert response.status_code == 400
    assert "category" in response.json()
    assert Ticket.objects.count() == 0


def test_it_refuses_bad_input_field_by_field(api, category):
    response = api.post(
        "/api/v1/tickets/",
        {"subject": "x" * 300, "description": "", "category": 2**70, "latitude": "north", "channel": "pigeon"},
        format="json",
    )

    assert response.status_code == 400
    assert {"subject", "description", "category", "latitude", "channel"} <= set(response.json())


def test_it_lets_only_agents_and_supervisors_open_requests(manager, category):
    response = session_client(manager).post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")

    assert response.status_code == 403
    assert Ticket.objects.count() == 0


def test_it_links_a_verified_citizen_account_as_the_quick_entry_does(api, category):
    citizen = UserFactory(email="a@b.fr", role=Role.CITIZEN)

    response = api.post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")

    assert response.json()["citizen"] == citizen.pk
