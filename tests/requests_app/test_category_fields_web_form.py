"""The web form asks the questions of the chosen category, checks them, and keeps what was typed."""

import re

import pytest
from django.urls import reverse

from requests_app.models import CategoryField, Kind, Ticket

URL = reverse("requests_app:new_ticket")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def questions(category, other_category):
    CategoryField.objects.create(
        category=category,
        code="profondeur",
        label="Approximate depth (cm)",
        datatype=CategoryField.Datatype.NUMBER,
        required=True,
        order=1,
    )
    CategoryField.objects.create(
        category=category,
        code="genes",
        label="Who is hindered?",
        datatype=CategoryField.Datatype.MULTIPLE_CHOICE,
        values=[{"key": "pietons", "name": "Pedestrians"}, {"key": "velos", "name": "Cyclists"}],
        order=2,
    )
    CategoryField.objects.create(
        category=other_category,
        code="date-naissance",
        label="Date of birth of the person",
        datatype=CategoryField.Datatype.STRING,
        required=True,
    )


def form(chosen, **overrides):
    data = {
        "kind": Kind.REPORT,
        "category": chosen.pk,
        "subject": "Trou rue Pasteur",
        "description": "Un trou profond devant le 4.",
        "address": "4 rue Pasteur",
        "contact_name": "Claude Bernard",
        "contact_email": "claude@example.fr",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_it_shows_each_categorys_questions_in_its_own_group(client, category, other_category, questions):
    page = client.get(URL).content.decode()

    assert f'id="questions-{category.pk}"' in page
    assert f'id="questions-{other_category.pk}"' in page
    assert "Approximate depth (cm)" in page
    assert "Who is hindered?" in page
    assert "Date of birth of the person" in page
    assert "js/category-questions" in page


def test_it_stores_the_answers_to_the_chosen_categorys_questions(client, category, questions):
    data = form(category, **{f"q{category.pk}-profondeur": "7", f"q{category.pk}-genes": ["velos", "pietons"]})

    response = client.post(URL, data)

    assert response.status_code == 302
    assert Ticket.objects.get().attributes == {"profondeur": 7, "genes": ["pietons", "velos"]}


def test_it_ignores_the_questions_of_the_other_categories(client, category, other_category, questions):
    # The other category's required question is left empty and its neighbour's answer is junk.
    response = client.post(URL, form(category, **{f"q{category.pk}-profondeur": "3", f"q{other_category.pk}-x": "?"}))

    assert response.status_code == 302
    assert Ticket.objects.get().attributes == {"profondeur": 3}


def test_it_shows_errors_next_to_the_questions_and_keeps_what_was_typed(client, category, questions):
    data = form(category, **{f"q{category.pk}-profondeur": "very deep", f"q{category.pk}-genes": ["velos"]})

    response = client.post(URL, data)

    assert response.status_code == 400
    assert not Ticket.objects.exists()
    page = response.content.decode()
    assert "Enter a number, for example 3 or 2.5." in page
    assert f'href="#id_q{category.pk}-profondeur"' in page  # the error summary links to the question
    assert 'value="very deep"' in page
    assert re.search(r'value="velos"[^>]*checked', page)
    assert not re.search(r'value="pietons"[^>]*checked', page)
    assert 'value="Trou rue Pasteur"' in page


def test_it_requires_the_chosen_categorys_required_questions(client, category, questions):
    response = client.post(URL, form(category))

    assert response.status_code == 400
    assert "Answer this question: Approximate depth (cm)" in response.content.decode()
    assert not Ticket.objects.exists()


def test_it_files_a_request_without_category_when_there_are_questions(client, triage_service, category, questions):
    response = client.post(URL, form(category, category=""))

    assert response.status_code == 302
    assert Ticket.objects.get().attributes == {}


def test_it_shows_the_page_with_a_constant_number_of_queries(client, service, django_assert_max_num_queries):
    from tests.factories import CategoryFactory

    for number in range(8):
        CategoryFactory(service=service, service_code=f"q-{number}").fields.create(code="taille", label="Taille")
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
