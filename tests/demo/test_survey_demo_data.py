"""The demo commune comes with answered surveys, a barometer and follow-ups, seeded once."""

import io

from django.core.management import call_command

from satisfaction.models import BarometerQuestion, FollowUp, Survey


def _seed() -> None:
    call_command("seed_demo", tickets=150, stdout=io.StringIO())


def test_it_seeds_surveys_answers_and_follow_ups_once(db, settings):
    settings.DEBUG = True

    _seed()

    asked = list(BarometerQuestion.objects.filter(is_asked=True).values_list("code", flat=True))
    assert 3 <= len(asked) <= 5
    surveyed = Survey.objects.select_related("ticket")
    assert surveyed.exists()
    assert all(survey.ticket.resolved_at or survey.ticket.closed_at for survey in surveyed)
    assert all(survey.ticket.status in {"resolved", "closed", "in_progress"} for survey in surveyed)
    answered = surveyed.filter(answered_at__isnull=False)
    assert answered.count() >= 10
    assert answered.exclude(comment="").exists()
    assert answered.filter(satisfaction__gte=4).count() > answered.filter(satisfaction__lte=2).count()
    assert answered.filter(satisfaction__lte=2).exists()
    assert any(set(survey.criteria) <= set(asked) and survey.criteria for survey in answered)
    for survey in answered:
        assert survey.invited_at < survey.answered_at < survey.expires_at
    assert FollowUp.objects.exists()
    assert all(f.survey.satisfaction <= settings.SURVEY_LOW_SCORE for f in FollowUp.objects.select_related("survey"))
    assert FollowUp.objects.filter(status="done").exclude(note="").exists()

    before = (Survey.objects.count(), FollowUp.objects.count(), answered.count())
    _seed()
    assert (Survey.objects.count(), FollowUp.objects.count(), answered.count()) == before
