"""A low score with a comment raises one follow-up for the service's supervisors, who are told."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from satisfaction import surveys
from satisfaction.models import FollowUp


@pytest.fixture
def supervisors(service_supervisor, other_supervisor):
    return service_supervisor, other_supervisor


def _answer(survey, **answer):
    return surveys.record_answer(survey.pk, **answer)


def test_it_raises_a_follow_up_and_tells_the_supervisors_of_the_service(settings, survey, service, supervisors, agent):
    settings.SURVEY_LOW_SCORE = 2
    service_supervisor, other_supervisor = supervisors

    _answer(survey, satisfaction=2, comment="Personne ne m'a rappelé, le trou est toujours là.")

    follow_up = FollowUp.objects.get(survey=survey)
    assert (follow_up.service, follow_up.status) == (service, "open")
    told = Notification.objects.filter(template="follow_up", ticket=survey.ticket)
    assert set(told.values_list("recipient", "channel")) == {
        (service_supervisor.pk, "email"),
        (service_supervisor.pk, "in_app"),
    }
    email = told.get(channel="email")
    assert email.recipient_email == service_supervisor.email
    assert email.context["follow_ups_url"].endswith(reverse("survey:follow_ups"))
    assert not Notification.objects.filter(template="follow_up", recipient__in=[other_supervisor, agent]).exists()


@pytest.mark.parametrize(
    ("satisfaction", "comment"),
    [(3, "Un peu long."), (2, ""), (1, "   ")],
)
def test_it_raises_none_for_a_fair_score_or_without_a_comment(settings, survey, satisfaction, comment):
    settings.SURVEY_LOW_SCORE = 2

    _answer(survey, satisfaction=satisfaction, comment=comment)

    assert not FollowUp.objects.exists()
    assert not Notification.objects.filter(template="follow_up").exists()


def test_it_follows_the_low_score_setting(settings, survey):
    settings.SURVEY_LOW_SCORE = 3

    _answer(survey, satisfaction=3, comment="Un peu long.")

    assert FollowUp.objects.filter(survey=survey).exists()


def test_it_raises_it_when_an_answer_is_changed_to_a_low_score(settings, survey, service_supervisor):
    settings.SURVEY_LOW_SCORE = 2
    _answer(survey, satisfaction=4, comment="Bien.")
    assert not FollowUp.objects.exists()

    _answer(survey, satisfaction=1, comment="En fait le trou s'est reformé dès le lendemain.")

    assert FollowUp.objects.filter(survey=survey).count() == 1


def test_it_raises_only_one_whatever_the_number_of_answers(settings, survey, service_supervisor):
    settings.SURVEY_LOW_SCORE = 2

    _answer(survey, satisfaction=1, comment="Toujours rien.")
    _answer(survey, satisfaction=2, comment="Toujours rien, je relance.")
    surveys.record_rating(survey.pk, 1)

    assert FollowUp.objects.count() == 1
    assert Notification.objects.filter(template="follow_up", channel="in_app").count() == 1


def test_it_raises_none_from_a_one_click_rating_alone(survey, service_supervisor):
    surveys.record_rating(survey.pk, 1)

    assert not FollowUp.objects.exists()


def test_it_writes_the_supervisors_a_readable_email(
    settings, survey, service_supervisor, django_capture_on_commit_callbacks, mailoutbox
):
    service_supervisor.preferred_language = "en"
    service_supervisor.save()

    with django_capture_on_commit_callbacks(execute=True):
        _answer(survey, satisfaction=1, comment="Personne ne m'a rappelé.")

    [mail] = [mail for mail in mailoutbox if mail.to == [service_supervisor.email]]
    assert survey.ticket.reference in mail.subject
    assert "Low satisfaction" in mail.subject
    assert "Personne ne m'a rappelé." in mail.body
    assert survey.ticket.get_absolute_url() in mail.body
