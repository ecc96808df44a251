"""The survey page: the whole answer, its errors, expired and forged links."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from satisfaction import surveys
from satisfaction.models import Survey

from .helpers import is_checked

GOOD = {
    "satisfaction": "4",
    "effort": "5",
    "resolved": "yes",
    "trust": "4",
    "comment": "Agent très aimable, intervention rapide.",
}


def _page(token):
    return reverse("survey:answer", args=[token])


def test_it_shows_the_questions_as_labelled_radio_groups(client, survey_token, asked_criteria):
    response = client.get(_page(survey_token), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<fieldset") == 4 + len(asked_criteria)
    assert "Was it easy?" in page
    assert "5 — Very satisfied" in page
    assert "The messages I received were clear." in page
    assert "1 — Strongly disagree" in page
    assert 'name="comment"' in page
    # An unasked statement stays out.
    assert "The website was simple to use." not in page


def test_it_records_the_whole_answer(client, survey, survey_token, asked_criteria):
    data = {**GOOD, "criterion_clarity": "5", "criterion_experience": "2", "criterion_digital_ux": "1"}

    response = client.post(_page(survey_token), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("survey:thanks", args=[survey_token])
    survey.refresh_from_db()
    assert (survey.satisfaction, survey.effort, survey.resolved, survey.trust) == (4, 5, True, 4)
    assert survey.comment == GOOD["comment"]
    # Only the statements asked are kept.
    assert survey.criteria == {"clarity": 5, "experience": 2}
    assert survey.answered_at is not None


def test_it_replaces_the_answer_when_sent_again(client, survey, survey_token):
    client.post(_page(survey_token), GOOD)
    first = Survey.objects.get(pk=survey.pk)

    client.post(_page(survey_token), {"satisfaction": "3", "resolved": "no"})

    survey.refresh_from_db()
    assert (survey.satisfaction, survey.effort, survey.resolved, survey.comment) == (3, None, False, "")
    assert survey.answered_at == first.answered_at
    assert survey.updated_at > first.updated_at


def test_it_shows_the_current_answers_when_opened_again(client, survey_token):
    client.post(_page(survey_token), GOOD)

    page = client.get(_page(survey_token), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert is_checked(page, "id_effort_4")
    assert GOOD["comment"] in page
    assert "You answered on" in page


def test_it_refuses_bad_input_with_errors_next_to_the_fields_and_keeps_the_rest(client, survey, survey_token):
    data = {**GOOD, "satisfaction": "", "effort": "9", "comment": "x" * (surveys.COMMENT_MAX_LENGTH + 1)}

    response = client.post(_page(survey_token), data, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"satisfaction", "effort", "comment"}
    assert 'id="id_satisfaction-error"' in page
    assert "Choose a rating from 1 to 5." in page
    assert 'aria-describedby="id_satisfaction-error"' in page
    # What was valid is still there.
    assert is_checked(page, "id_trust_3")
    assert is_checked(page, "id_resolved_0")
    assert "x" * 50 in page
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_it_says_a_link_has_expired_with_a_410_and_no_form(client, survey, survey_token):
    invited = timezone.now() - datetime.timedelta(days=31)
    Survey.objects.filter(pk=survey.pk).update(invited_at=invited, expires_at=invited + datetime.timedelta(days=30))

    for response in (
        client.get(_page(survey_token), HTTP_ACCEPT_LANGUAGE="en"),
        client.post(_page(survey_token), GOOD, HTTP_ACCEPT_LANGUAGE="en"),
        client.get(reverse("survey:rate", args=[survey_token, 5]), HTTP_ACCEPT_LANGUAGE="en"),
        client.post(reverse("survey:rate", args=[survey_token, 5]), HTTP_ACCEPT_LANGUAGE="en"),
        client.get(reverse("survey:thanks", args=[survey_token]), HTTP_ACCEPT_LANGUAGE="en"),
    ):
        assert response.status_code == 410
        assert "This survey has ended" in response.content.decode()
        assert '<form method="post" action="/enquete/' not in response.content.decode()
    survey.refresh_from_db()
    assert survey.satisfaction is None


@pytest.mark.parametrize(
    "token",
    [
        "1:forged-signature",
        "not-signed-at-all",
        "x" * 200,
    ],
)
def test_it_answers_404_to_a_forged_link(client, survey, token):
    assert client.get(_page(token)).status_code == 404
    assert client.post(_page(token), GOOD).status_code == 404
    assert client.post(reverse("survey:rate", args=[token, 5])).status_code == 404
    survey.refresh_from_db()
    assert survey.satisfaction is None


def test_it_answers_404_to_a_link_of_another_purpose(client, survey):
    from django.core import signing

    token = signing.Signer(salt="notifications.unsubscribe").sign(str(survey.pk))

    assert client.get(_page(token)).status_code == 404


def test_it_answers_404_once_the_survey_is_gone(client, survey, survey_token):
    Survey.objects.filter(pk=survey.pk).delete()

    assert client.get(_page(survey_token)).status_code == 404
