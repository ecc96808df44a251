"""What filing a request on the web costs, and how the tracking token reaches the confirmation page.

The form loads the categories, their services and questions once; the reference is drawn in one
statement; the token goes to the confirmation page in a signed cookie, so no session is written.
"""

import time
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app import intake
from requests_app.models import CategoryField, Kind, ReferenceCounter, Ticket
from requests_app.views_citizen import CREATED_TICKET_COOKIE, CREATED_TICKET_COOKIE_MAX_AGE
from tests.factories import CategoryFactory, ServiceFactory

from .helpers import frozen, paris

NEW = reverse("requests_app:new_ticket")
CREATED = reverse("requests_app:ticket_created")

# The form: categories with their services (and whether a reception service exists), questions.
FORM_QUERIES = 2
# The form, then the reference, the ticket, its event, the webhooks, the acknowledgement
# (preferences and row), and the transaction's two statements.
ANONYMOUS_FILING_QUERIES = FORM_QUERIES + 9


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def anonymous_form(chosen, **overrides):
    return {
        "kind": Kind.REPORT,
        "category": chosen.pk,
        "subject": "Lampadaire éteint",
        "description": "Le lampadaire devant le 4 rue Pasteur ne s'allume plus.",
        "address": "4 rue Pasteur",
        "contact_name": "Claude Bernard",
        "contact_email": "claude@example.fr",
        "consent": "on",
        **overrides,
    }


@pytest.fixture
def catalogue(category):
    """Several services and categories, some with questions: the form's cost must not follow them."""
    for number in range(3):
        service = ServiceFactory()
        for index in range(3):
            other = CategoryFactory(service=service)
            if index:
                CategoryField.objects.create(category=other, code=f"q{number}{index}", label="Depuis quand ?")
    CategoryField.objects.create(category=category, code="hauteur", label="Hauteur", required=False)
    return category


def test_it_draws_a_reference_in_one_query(db):
    with CaptureQueriesContext(connection) as queries:
        first = intake.next_reference(2031)
    second = intake.next_reference(2031)

    assert len(queries) == 1
    assert (first, second) == ("2031-000001", "2031-000002")
    assert ReferenceCounter.objects.get(year=2031).last == 2


def test_it_shows_the_form_in_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(FORM_QUERIES):
        response = client.get(NEW)

    assert response.status_code == 200
    assert "Hauteur" in response.text


def test_it_files_a_request_in_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(ANONYMOUS_FILING_QUERIES):
        response = client.post(NEW, anonymous_form(catalogue, **{f"q{catalogue.pk}-hauteur": "3 m"}))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.service == catalogue.service
    assert ticket.attributes == {"hauteur": "3 m"}


def test_it_refuses_an_invalid_form_without_writing_and_in_as_few_queries(client, catalogue):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(NEW, anonymous_form(catalogue, description=""))

    assert response.status_code == 400
    assert len(queries) == FORM_QUERIES
    assert "Hauteur" in response.text  # the questions are shown again
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("value", ["999999", "abc", "1.5"])
def test_it_refuses_a_category_that_is_not_offered(client, category, value):
    response = client.post(NEW, anonymous_form(category, category=value))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_it_refuses_a_category_of_a_closed_service(client, category, other_category):
    other_category.service.is_active = False
    other_category.service.save()

    response = client.post(NEW, anonymous_form(category, category=other_category.pk))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors


def test_it_offers_no_category_when_a_reception_service_exists(client, category, triage_service):
    response = client.post(NEW, anonymous_form(category, category=""))

    assert response.status_code == 302
    assert Ticket.objects.get().service == triage_service


def test_it_requires_a_category_when_there_is_no_reception_service(client, category):
    response = client.post(NEW, anonymous_form(category, category=""))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors


def test_it_writes_no_session_for_an_anonymous_filing(client, category):
    response = client.post(NEW, anonymous_form(category))

    assert response.status_code == 302
    assert not Session.objects.exists()
    assert "sessionid" not in response.cookies


def test_it_hands_the_token_over_in_a_short_lived_protected_cookie(client, category, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = client.post(NEW, anonymous_form(category))

    cookie = response.cookies[CREATED_TICKET_COOKIE]
    assert cookie["httponly"]
    assert cookie["secure"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == CREATED
    assert int(cookie["max-age"]) == CREATED_TICKET_COOKIE_MAX_AGE
    ticket = Ticket.objects.get()
    assert ticket.tracking_token_hash not in cookie.value


def test_it_does_not_mark_the_cookie_secure_on_plain_http(client, category, settings):
    settings.SESSION_COOKIE_SECURE = False

    response = client.post(NEW, anonymous_form(category))

    assert not response.cookies[CREATED_TICKET_COOKIE]["secure"]


def test_it_shows_the_confirmation_once_in_one_query_and_deletes_the_cookie(client, category):
    client.post(NEW, anonymous_form(category))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(CREATED)
    count = len(queries)  # read now: the next request empties the query log
    reload = client.get(CREATED)

    assert response.status_code == 200
    assert Ticket.objects.get().reference in response.text
    assert count == 1
    deleted = response.cookies[CREATED_TICKET_COOKIE]
    assert deleted.value == "" and deleted["path"] == CREATED
    assert reload.status_code == 302
    assert reload.url == reverse("requests_app:home")


def test_it_sends_home_a_forged_token(client, category):
    client.post(NEW, anonymous_form(category))
    signed = client.cookies[CREATED_TICKET_COOKIE].value
    client.cookies[CREATED_TICKET_COOKIE] = "another-token" + signed[signed.index(":") :]

    response = client.get(CREATED)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:home")
    assert response.cookies[CREATED_TICKET_COOKIE].value == ""


def test_it_sends_home_a_token_handed_over_too_long_ago(client, category):
    client.post(NEW, anonymous_form(category))

    later = time.time() + CREATED_TICKET_COOKIE_MAX_AGE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(CREATED)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:home")


def test_it_sends_home_when_the_link_no_longer_opens_the_request(client, category):
    client.post(NEW, anonymous_form(category))
    Ticket.objects.update(tracking_token_hash="0" * 64)

    response = client.get(CREATED)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:home")


def test_it_shows_a_signed_in_citizen_the_confirmation_without_a_session_write(client, category, citizen):
    client.force_login(citizen)
    session_key = client.session.session_key
    before = Session.objects.get(session_key=session_key).session_data

    client.post(NEW, anonymous_form(category))
    after_filing = Session.objects.get(session_key=session_key).session_data
    response = client.get(CREATED)

    assert response.status_code == 200
    assert response.context["has_account"]
    assert Ticket.objects.get().citizen == citizen
    assert after_filing == before
    assert Session.objects.get(session_key=session_key).session_data == before


def test_it_numbers_web_filings_one_after_the_other(client, category):
    with frozen(paris(2026, 5, 4)):
        for _ in range(3):
            client.post(NEW, anonymous_form(category))

    assert sorted(Ticket.objects.values_list("reference", flat=True)) == [
        "2026-000001",
        "2026-000002",
        "2026-000003",
    ]
