"""Satisfaction surveys: the invitation after resolution, the answers, and the follow-ups of low scores.

A survey is reached by a signed link (`django.core.signing`, salt "survey", the survey's
primary key as payload): nothing secret is stored, and the expiry lives in the row. Answering
twice changes the answer, never adds one: `answered_at` keeps the moment of the first answer,
`updated_at` the last change.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from notifications import outbox, sms
from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Kind, Ticket

from .models import BarometerQuestion, FollowUp, Survey
from .podium import BY_CODE, PILLAR_LABELS

SIGNING_SALT = "survey"
SCORES = (1, 2, 3, 4, 5)
COMMENT_MAX_LENGTH = 2000
# Thanking the town hall is not a service to rate: compliments are not surveyed.
NOT_SURVEYED_KINDS = frozenset({Kind.COMPLIMENT})

SATISFACTION_LABELS = {
    1: gettext_lazy("Very dissatisfied"),
    2: gettext_lazy("Dissatisfied"),
    3: gettext_lazy("Neither satisfied nor dissatisfied"),
    4: gettext_lazy("Satisfied"),
    5: gettext_lazy("Very satisfied"),
}
EFFORT_LABELS = {
    1: gettext_lazy("Very difficult"),
    2: gettext_lazy("Difficult"),
    3: gettext_lazy("Neither easy nor difficult"),
    4: gettext_lazy("Easy"),
    5: gettext_lazy("Very easy"),
}
TRUST_LABELS = {
    1: gettext_lazy("No trust at all"),
    2: gettext_lazy("Little trust"),
    3: gettext_lazy("Some trust"),
    4: gettext_lazy("Trust"),
    5: gettext_lazy("Complete trust"),
}
AGREEMENT_LABELS = {
    1: gettext_lazy("Strongly disagree"),
    2: gettext_lazy("Disagree"),
    3: gettext_lazy("Neither agree nor disagree"),
    4: gettext_lazy("Agree"),
    5: gettext_lazy("Strongly agree"),
}


class SurveyExpired(Exception):
    """The link's delay has passed: the survey can no longer be answered."""


class FollowUpDone(Exception):
    """The follow-up was already marked done (a double click, or a colleague was faster)."""


# --- links ---------------------------------------------------------------------------------


def survey_token(survey: Survey) -> str:
    return signing.Signer(salt=SIGNING_SALT).sign(str(survey.pk))


def survey_from_token(token: str) -> Survey:
    """The survey a link points to; `Survey.DoesNotExist` for a forged, altered or unknown link."""
    try:
        pk = signing.Signer(salt=SIGNING_SALT).unsign(token)
    except signing.BadSignature:
        raise Survey.DoesNotExist("Bad survey signature") from None
    if not pk.isdigit():
        raise Survey.DoesNotExist("Bad survey payload")
    return Survey.objects.select_related("ticket__service", "ticket__citizen").get(pk=int(pk))


def survey_url(survey: Survey) -> str:
    return settings.SITE_URL + reverse("survey:answer", args=[survey_token(survey)])


def rating_url(survey: Survey, score: int) -> str:
    return settings.SITE_URL + reverse("survey:rate", args=[survey_token(survey), score])


# --- the invitation ------------------------------------------------------------------------


class _NobodyAsked(Exception):
    """Raised inside the savepoint to undo a survey whose invitation goes nowhere."""


def _recently_invited(*, citizen, contact: str, now: datetime.datetime) -> bool:
    if settings.SURVEY_FATIGUE_DAYS <= 0:
        return False
    since = now - datetime.timedelta(days=settings.SURVEY_FATIGUE_DAYS)
    same_person = Q(contact=contact)
    if citizen is not None:
        same_person |= Q(citizen=citizen)
    return Survey.objects.filter(same_person, invited_at__gt=since).exists()


def invite_after_resolution(ticket: Ticket, *, now: datetime.datetime | None = None) -> Survey | None:
    """Invite the citizen to rate a ticket just resolved; None when nobody is asked.

    Called by `workflow.resolve_ticket` inside its transaction. One survey per ticket (a ticket
    resolved again after a reopening is not surveyed twice), nobody asked twice within
    SURVEY_FATIGUE_DAYS, e-mail when there is an address, else SMS. The invitation is not
    essential: opt-outs and channel preferences apply, and when they leave no e-mail or SMS to
    send, no survey is kept.
    """
    if ticket.kind in NOT_SURVEYED_KINDS or Survey.objects.filter(ticket=ticket).exists():
        return None
    citizen = ticket.citizen if ticket.citizen_id else None
    email = ticket.notify_email.strip().lower()
    number = sms.sms_number((citizen.phone if citizen else "") or ticket.contact_phone)
    if email:
        via, contact = Survey.Via.EMAIL, email
    elif number:
        via, contact = Survey.Via.SMS, number
    else:
        return None
    now = now or timezone.now()
    if _recently_invited(citizen=citizen, contact=contact, now=now):
        return None
    language = citizen.preferred_language if citizen else ticket.language
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                ticket=ticket,
                citizen=citizen,
                contact=contact,
                via=via,
                language=language,
                invited_at=now,
                expires_at=now + datetime.timedelta(days=settings.SURVEY_LINK_DAYS),
            )
            written = outbox.notify(
                template="survey_invitation",
                ticket=ticket,
                user=citizen,
                email=email if via == Survey.Via.EMAIL else "",
                phone=number if via == Survey.Via.SMS else "",
                language=language,
                context={
                    "survey_url": survey_url(survey),
                    "rating_urls": [{"score": score, "url": rating_url(survey, score)} for score in SCORES],
                    "link_days": settings.SURVEY_LINK_DAYS,
                },
                essential=False,
                # Someone who left only a phone number asked to be reached by text.
                phone_is_choice=citizen is None and via == Survey.Via.SMS,
                now=now,
            )
            if not any(row.channel != Notification.Channel.IN_APP for row in written):
                raise _NobodyAsked
    except _NobodyAsked:
        return None
    return survey


# --- the answers ---------------------------------------------------------------------------


def asked_questions() -> list[BarometerQuestion]:
    """The barometer statements administrators chose to ask, in their order."""
    return [question for question in BarometerQuestion.objects.filter(is_asked=True) if question.code in BY_CODE]


def _lock(survey_id: int, *, now: datetime.datetime | None = None) -> Survey:
    survey = Survey.objects.select_for_update(of=("self",)).select_related("ticket__service").get(pk=survey_id)
    if (now or timezone.now()) >= survey.expires_at:  # `Survey.is_expired`, at the moment of the answer
        raise SurveyExpired(_("This survey link has expired."))
    return survey


def _save_answer(survey: Survey, fields: list[str], *, now: datetime.datetime | None) -> Survey:
    now = now or timezone.now()
    survey.answered_at = survey.answered_at or now
    survey.updated_at = now
    survey.save(update_fields=[*fields, "answered_at", "updated_at"])
    _raise_follow_up_if_low(survey, now=now)
    return survey


@transaction.atomic
def record_rating(survey_id: int, score: int, *, now: datetime.datetime | None = None) -> Survey:
    """The one-click rating from the invitation: sets (or changes) the satisfaction only."""
    if score not in SCORES:
        raise ValueError(f"A satisfaction score is 1 to 5, not {score!r}")
    survey = _lock(survey_id, now=now)
    survey.satisfaction = score
    return _save_answer(survey, ["satisfaction"], now=now)


@transaction.atomic
def record_answer(
    survey_id: int,
    *,
    satisfaction: int,
    effort: int | None = None,
    resolved: bool | None = None,
    trust: int | None = None,
    comment: str = "",
    criteria: dict[str, int] | None = None,
    now: datetime.datetime | None = None,
) -> Survey:
    """The whole page: replaces every answer with what was sent (blank stays unanswered)."""
    for value in (satisfaction, effort, trust, *(criteria or {}).values()):
        if value is not None and value not in SCORES:
            raise ValueError(f"A score is 1 to 5, not {value!r}")
    survey = _lock(survey_id, now=now)
    survey.satisfaction = satisfaction
    survey.effort = effort
    survey.resolved = resolved
    survey.trust = trust
    survey.comment = (comment or "").strip()[:COMMENT_MAX_LENGTH]
    asked = {question.code for question in asked_questions()}
    survey.criteria = {code: value for code, value in (criteria or {}).items() if code in asked}
    return _save_answer(survey, ["satisfaction", "effort", "resolved", "trust", "comment", "criteria"], now=now)


def can_reopen(survey: Survey) -> bool:
    """Whether the citizen may still reopen the surveyed request from its tracking link."""
    return workflow.is_allowed(workflow.Action.REOPEN, survey.ticket, workflow.Actor.CITIZEN)


def reopen_url(survey: Survey) -> str:
    return reverse("requests_app:track_reopen", args=[survey.ticket.tracking_token()])


def criteria_answers(survey: Survey) -> list[dict]:
    """The barometer answers of a survey, as statements with their pillar, in the Podium's order."""
    return [
        {
            "code": code,
            "statement": criterion.statement,
            "pillar": PILLAR_LABELS[criterion.pillar],
            "score": survey.criteria[code],
            "label": AGREEMENT_LABELS.get(survey.criteria[code], ""),
        }
        for code, criterion in BY_CODE.items()
        if code in survey.criteria
    ]


# --- follow-ups ----------------------------------------------------------------------------


def _raise_follow_up_if_low(survey: Survey, *, now: datetime.datetime) -> FollowUp | None:
    low = survey.satisfaction is not None and survey.satisfaction <= settings.SURVEY_LOW_SCORE
    if not low or not survey.comment or FollowUp.objects.filter(survey=survey).exists():
        return None
    ticket = survey.ticket
    follow_up = FollowUp.objects.create(survey=survey, service=ticket.service, created_at=now)
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True, services=ticket.service_id).distinct()
    for supervisor in supervisors:
        outbox.notify(
            template="follow_up",
            ticket=ticket,
            user=supervisor,
            email=supervisor.email,
            language=supervisor.preferred_language,
            context={
                "satisfaction": survey.satisfaction,
                "comment": survey.comment,
                "follow_ups_url": settings.SITE_URL + reverse("survey:follow_ups"),
                "agent_url": settings.SITE_URL + ticket.get_absolute_url(),
            },
            essential=False,
            now=now,
        )
    return follow_up


def may_handle_follow_ups(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)


def follow_ups_for(user) -> QuerySet:
    """Supervisors handle their services' follow-ups; administrators every service's."""
    if not may_handle_follow_ups(user):
        return FollowUp.objects.none()
    follow_ups = FollowUp.objects.all()
    if user.role == Role.SUPERVISOR:
        follow_ups = follow_ups.filter(service__in=user.services.all())
    return follow_ups


def mark_follow_up_done(follow_up_id: int, *, by, note: str, now: datetime.datetime | None = None) -> FollowUp:
    """The supervisor called the citizen back (or did what was needed) and says what was done."""
    note = (note or "").strip()
    if not note:
        raise ValueError("A follow-up is marked done with a note")
    # Compare-and-swap: of two supervisors clicking at once, one marks it done, the other is told.
    changed = FollowUp.objects.filter(pk=follow_up_id, status=FollowUp.Status.OPEN).update(
        status=FollowUp.Status.DONE, done_at=now or timezone.now(), done_by=by, note=note
    )
    if not changed:
        raise FollowUpDone(_("This follow-up was already marked done."))
    return FollowUp.objects.get(pk=follow_up_id)
