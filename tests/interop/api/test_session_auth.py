"""The browser session works for staff, with CSRF on writes; citizens and anonymous people are refused."""

from tests.factories import TicketFactory

from .conftest import session_client


def test_it_serves_a_signed_in_agent_the_requests_of_their_services(agent, category, other_category):
    mine = TicketFactory(category=category)
    TicketFactory(category=other_category)

    response = session_client(agent).get("/api/v1/tickets/")

    assert response.status_code == 200
    assert [t["reference"] for t in response.json()["results"]] == [mine.reference]


def test_it_requires_the_csrf_token_for_writes_in_a_session(agent, category):
    ticket = TicketFactory(category=category)
    client = session_client(agent, enforce_csrf=True)

    response = client.post(f"/api/v1/tickets/{ticket.reference}/take/")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_it_accepts_a_session_write_with_the_csrf_token(agent, category):
    ticket = TicketFactory(category=category)
    client = session_client(agent, enforce_csrf=True)
    client.get("/api/v1/docs/")  # the page sets the CSRF cookie, as any page of the site does
    token = client.cookies["csrftoken"].value

    response = client.post(f"/api/v1/tickets/{ticket.reference}/take/", HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200
    assert response.json()["assignee"] == agent.pk


def test_it_refuses_the_api_to_a_signed_in_citizen(citizen, category):
    own = TicketFactory(category=category, citizen=citizen, contact_email="")
    client = session_client(citizen)

    assert client.get("/api/v1/tickets/").status_code == 403
    assert client.get(f"/api/v1/tickets/{own.reference}/").status_code == 403


def test_it_lets_a_manager_read_every_request_but_act_on_none(manager, category, other_category):
    ticket = TicketFactory(category=category)
    TicketFactory(category=other_category)
    client = session_client(manager)

    assert len(client.get("/api/v1/tickets/").json()["results"]) == 2
    response = client.post(f"/api/v1/tickets/{ticket.reference}/take/")
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.assignee is None
