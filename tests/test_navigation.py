"""The main menu offers each person what they can do, and stays short enough to fit."""

from django.urls import reverse


def menu(client):
    page = client.get(reverse("requests_app:home")).content.decode()
    return page.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_it_offers_filing_and_following_to_visitors(client, db):
    items = menu(client)
    assert reverse("requests_app:new_ticket") in items
    assert reverse("requests_app:find_ticket") in items
    assert reverse("accounts:login") in items


def test_it_offers_the_personal_space_to_citizens(client, citizen):
    client.force_login(citizen)
    items = menu(client)
    assert reverse("requests_app:my_space") in items
    assert reverse("appointments:mine") in items
    assert reverse("notifications:centre") in items
    assert reverse("requests_app:workbench") not in items


def test_it_offers_the_workbench_and_agenda_to_agents(client, agent):
    client.force_login(agent)
    items = menu(client)
    assert reverse("requests_app:workbench") in items
    assert reverse("appointments:agenda") in items
    assert reverse("requests_app:my_space") not in items
