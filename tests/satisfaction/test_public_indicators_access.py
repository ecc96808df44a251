"""The indicators are public: no login, read-only, no personal data, a cost independent of the requests."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Ticket
from satisfaction import public, rollups
from satisfaction.models import Survey
from tests.factories import ServiceFactory

from .public_indicators_data import file_request, local, rate, resolve

pytestmark = pytest.mark.django_db

URL_NAMES = ["indicators:page", "indicators:csv", "indicators:json"]
PEOPLE = itertools.count()


def a_busy_month(category, agent, requests: int):
    period = public.last_complete_months()
    for number in itertools.islice(PEOPLE, requests):
        ticket = file_request(
            category,
            local(period.start, 9, number % 60),
            contact_name="Dominique Bernard",
            contact_email=f"dominique.bernard{number}@example.fr",
            subject=f"Lampadaire éteint rue Victor-Hugo n°{number}",
        )
        resolve(ticket, local(period.start, 15), agent)
        rate(ticket, 2, local(period.start, 18))
    rollups.rebuild(period.start, period.start)


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_needs_no_login(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_answers_the_signed_in_too(client, citizen, agent, url_name):
    for person in (citizen, agent):
        client.force_login(person)
        assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", URL_NAMES)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_it_refuses_other_methods(client, url_name, method):
    response = getattr(client, method)(reverse(url_name))

    assert response.status_code == 405


def test_it_publishes_no_personal_data(client, category, agent):
    a_busy_month(category, agent, requests=3)
    Survey.objects.update(comment="Merci à Dominique Bernard, très aimable.")
    references = list(Ticket.objects.values_list("reference", flat=True))
    personal = ["Dominique", "Bernard", "dominique.bernard", agent.email, agent.last_name, "Victor-Hugo", *references]

    for url_name in URL_NAMES:
        body = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Survey answers" in body or "answers" in body
        assert not [word for word in personal if word in body], url_name


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_costs_the_same_queries_whatever_the_number_of_requests(
    client, category, agent, url_name, django_assert_max_num_queries
):
    a_busy_month(category, agent, requests=1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(url_name))
    a_busy_month(category, agent, requests=12)
    for number in range(5):
        ServiceFactory(name=f"Service {number}")

    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert len(one) <= 4


def test_it_is_linked_from_the_home_page_and_every_footer(client):
    home = client.get(reverse("requests_app:home"))
    privacy = client.get(reverse("requests_app:privacy"))

    link = f'href="{reverse("indicators:page")}"'
    assert home.text.count(link) == 2  # the invitation in the page and the footer
    assert privacy.text.count(link) == 1


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_answers_head_requests_without_a_body(client, url_name):
    response = client.head(reverse(url_name))

    assert response.status_code == 200
    assert response.content == b""
    assert "max-age=3600" in response["Cache-Control"]
