"""The rating links of the e-mail: a GET shows the page with the score chosen; only a POST records it."""

import pytest
from django.urls import reverse

from satisfaction.models import Survey

from .helpers import is_checked


def _rate_url(token, score):
    return reverse("survey:rate", args=[token, score])


@pytest.mark.parametrize("method", ["get", "head"])
def test_it_changes_nothing_on_get(client, survey, survey_token, method):
    response = getattr(client, method)(_rate_url(survey_token, 4))

    assert response.status_code == 200
    survey.refresh_from_db()
    assert (survey.satisfaction, survey.answered_at, survey.updated_at) == (None, None, None)


def test_it_shows_the_page_with_the_score_chosen_and_the_script_that_sends_it(client, survey_token):
    response = client.get(_rate_url(survey_token, 4), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert is_checked(page, "id_satisfaction_3")
    assert not any(is_checked(page, f"id_satisfaction_{i}") for i in (0, 1, 2, 4))
    assert "You chose 4 out of 5" in page
    # The script is a static file (no inline script under the Content-Security-Policy); the page
    # gives it the address to POST to.
    assert f'data-rate-url="{_rate_url(survey_token, 4)}"' in page
    assert "js/survey-one-click" in page


def test_it_records_the_rating_on_post(client, survey, survey_token):
    response = client.post(_rate_url(survey_token, 4), HTTP_X_REQUESTED_WITH="fetch")

    assert response.status_code == 204
    survey.refresh_from_db()
    assert survey.satisfaction == 4
    assert survey.answered_at is not None
    assert survey.updated_at == survey.answered_at


def test_it_changes_the_answer_on_a_second_click_without_counting_it_twice(client, survey, survey_token):
    client.post(_rate_url(survey_token, 2), HTTP_X_REQUESTED_WITH="fetch")
    first = Survey.objects.get(pk=survey.pk)

    client.post(_rate_url(survey_token, 5), HTTP_X_REQUESTED_WITH="fetch")

    survey.refresh_from_db()
    assert Survey.objects.filter(ticket=survey.ticket).count() == 1
    assert survey.satisfaction == 5
    assert survey.answered_at == first.answered_at
    assert survey.updated_at > first.updated_at


def test_it_comes_back_to_the_page_after_a_post_without_javascript(client, survey, survey_token):
    response = client.post(_rate_url(survey_token, 3), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.redirect_chain == [(reverse("survey:answer", args=[survey_token]), 302)]
    assert "your rating has been recorded" in response.content.decode()
    survey.refresh_from_db()
    assert survey.satisfaction == 3


@pytest.mark.parametrize("score", [0, 6])
def test_it_refuses_a_score_off_the_scale(client, survey, survey_token, score):
    assert client.get(_rate_url(survey_token, score)).status_code == 404
    assert client.post(_rate_url(survey_token, score)).status_code == 404
    survey.refresh_from_db()
    assert survey.satisfaction is None


def test_it_keeps_the_csrf_check(survey, survey_token):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(_rate_url(survey_token, 5))

    assert response.status_code == 403
    survey.refresh_from_db()
    assert survey.satisfaction is None
