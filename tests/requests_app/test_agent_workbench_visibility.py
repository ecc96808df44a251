from django.urls import reverse

from tests.factories import TicketFactory

URL = reverse("requests_app:workbench")


def test_it_shows_an_agent_the_requests_of_their_services_only(client, agent, category, other_category):
    mine = TicketFactory(category=category)
    elsewhere = TicketFactory(category=other_category)
    client.force_login(agent)

    response = client.get(URL)

    assert response.status_code == 200
    assert mine.reference in response.text
    assert elsewhere.reference not in response.text


def test_it_shows_a_supervisor_the_requests_of_all_their_services(client, supervisor, category, other_category):
    first = TicketFactory(category=category)
    second = TicketFactory(category=other_category)
    client.force_login(supervisor)

    response = client.get(URL)

    assert first.reference in response.text
    assert second.reference in response.text
    # Several services: the service filter is offered.
    assert 'name="service"' in response.text


def test_it_offers_no_service_filter_to_an_agent_of_one_service(client, agent, category):
    client.force_login(agent)

    response = client.get(URL)

    assert 'name="service"' not in response.text


def test_it_shows_a_manager_every_request(client, manager, category, other_category, triage_service):
    tickets = [TicketFactory(category=category), TicketFactory(category=other_category)]
    client.force_login(manager)

    response = client.get(URL)

    assert response.status_code == 200
    for ticket in tickets:
        assert ticket.reference in response.text
    # Managers read; they do not record requests.
    assert reverse("requests_app:quick_entry") not in response.text


def test_it_forbids_citizens(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url
