"""Administrators define a category's questions in the admin, as an inline of the category."""

import json

import pytest
from django.urls import reverse

from requests_app.models import CategoryField
from tests.accounts.helpers import log_in_with_second_factor


def change_form(category, **question):
    data = {
        "service": category.service.pk,
        "name": category.name,
        "description": "",
        "kind": category.kind,
        "sla_days": category.sla_days,
        "service_code": category.service_code,
        "is_active": "on",
        "fields-TOTAL_FORMS": "1",
        "fields-INITIAL_FORMS": "0",
        "fields-MIN_NUM_FORMS": "0",
        "fields-MAX_NUM_FORMS": "1000",
    }
    data.update({f"fields-0-{name}": value for name, value in question.items()})
    return data


@pytest.fixture
def url(category):
    return reverse("admin:requests_app_category_change", args=[category.pk])


def test_it_adds_a_question_with_its_choices(client, administrator, category, url):
    log_in_with_second_factor(client, administrator)
    values = [{"key": "oui", "name": "Oui"}, {"key": "non", "name": "Non"}]

    response = client.post(
        url,
        change_form(
            category,
            order="1",
            code="danger",
            label="Est-ce dangereux ?",
            datatype="singlevaluelist",
            required="on",
            values=json.dumps(values),
        ),
    )

    assert response.status_code == 302
    question = CategoryField.objects.get(category=category)
    assert (question.code, question.required, question.values) == ("danger", True, values)


@pytest.mark.parametrize(
    ("datatype", "values"),
    [
        ("singlevaluelist", "[]"),
        ("multivaluelist", '[{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]'),
        ("multivaluelist", '[{"key": "a"}]'),
        ("number", '[{"key": "a", "name": "A"}]'),
    ],
)
def test_it_refuses_choices_that_do_not_fit_the_type(client, administrator, category, url, datatype, values):
    log_in_with_second_factor(client, administrator)

    response = client.post(url, change_form(category, order="1", code="q", label="Q", datatype=datatype, values=values))

    assert response.status_code == 200
    assert not CategoryField.objects.exists()


def test_it_keeps_agents_out(client, agent, url):
    client.force_login(agent)

    response = client.get(url)

    assert response.status_code in {302, 403}
    assert "question" not in response.content.decode()
