"""axe on the survey pages (fresh, with a score chosen from the e-mail, expired) and the follow-ups page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from satisfaction import surveys
from satisfaction.models import BarometerQuestion, FollowUp, Survey
from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def survey(category, agent):
    BarometerQuestion.objects.filter(code__in=["clarity", "experience"]).update(is_asked=True)
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    return Survey.objects.get(ticket=ticket)


def test_it_makes_the_survey_page_accessible_and_answerable_with_the_keyboard(page, survey):
    token = surveys.survey_token(survey)

    page.goto(reverse("survey:answer", args=[token]))
    assert_accessible(page, "the survey page")

    page.focus("#id_satisfaction_0")
    page.keyboard.press("ArrowRight")  # 2
    page.keyboard.press("ArrowRight")  # 3
    page.focus("#id_resolved_1")
    page.keyboard.press("Space")  # no: the page offers to reopen
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    survey.refresh_from_db()
    assert (survey.satisfaction, survey.resolved) == (3, False)
    assert page.locator("#not-settled-title").count() == 1
    assert_accessible(page, "the thank-you page")


def test_it_records_the_score_chosen_in_the_email_from_the_page_script(page, survey):
    token = surveys.survey_token(survey)

    page.goto(reverse("survey:rate", args=[token, 5]))

    page.locator("#rating-status.alert-success").wait_for()
    survey.refresh_from_db()
    assert survey.satisfaction == 5
    assert page.locator("#id_satisfaction_4").is_checked()
    assert_accessible(page, "the survey page with a score chosen")


def test_it_makes_the_errors_accessible(page, survey):
    page.goto(reverse("survey:answer", args=[surveys.survey_token(survey)]))

    with page.expect_navigation(wait_until="load"):
        page.locator("#survey-form button[type=submit]").click()

    assert page.locator("#id_satisfaction-error").count() == 1
    assert_accessible(page, "the survey page with errors")


def test_it_makes_the_expired_page_accessible(page, survey):
    invited = timezone.now() - datetime.timedelta(days=60)
    Survey.objects.filter(pk=survey.pk).update(invited_at=invited, expires_at=invited + datetime.timedelta(days=30))

    response = page.goto(reverse("survey:answer", args=[surveys.survey_token(survey)]))

    assert response.status == 410
    assert page.locator("main form[method=post]").count() == 0
    assert_accessible(page, "the expired survey page")


def test_it_makes_the_follow_ups_page_accessible(page, log_in, survey, supervisor):
    surveys.record_answer(survey.pk, satisfaction=1, comment="Personne ne m'a rappelé.")
    log_in(page, supervisor)

    page.goto(reverse("survey:follow_ups"))
    assert_accessible(page, "the follow-ups page")

    follow_up = FollowUp.objects.get(survey=survey)
    page.locator(f"#id_follow-up-{follow_up.pk}-note").fill("Rappelé, équipe repassée mardi.")
    with page.expect_navigation(wait_until="load"):
        page.locator(f"#follow-up-{follow_up.pk} button[type=submit]").click()
    assert FollowUp.objects.get(pk=follow_up.pk).status == "done"
    assert_accessible(page, "the follow-ups page, emptied")
