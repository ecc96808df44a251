"""Surveys after resolution, the barometer grid, follow-ups of low scores, and the daily facts.

Dashboards never scan tickets: they read `DailyFact` (day x service x category x channel x kind)
and `AgentDailyFact` (day x agent x service), which the rollups rebuild day by day.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models import Channel, Kind

from .buckets import AGE_BUCKETS, DURATION_BUCKETS
from .podium import CRITERIA, PILLAR_LABELS

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


def _score_field(verbose_name):
    return models.PositiveSmallIntegerField(verbose_name, null=True, blank=True, validators=SCORE)


class Survey(models.Model):
    """One invitation per ticket, and its answer once given (a second answer replaces the first)."""

    class Via(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    ticket = models.OneToOneField(
        "requests_app.Ticket", on_delete=models.PROTECT, related_name="survey", verbose_name=_("request")
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="surveys"
    )
    # The address or number the invitation went to: the fatigue guard also counts people without an account.
    contact = models.CharField(_("sent to"), max_length=254, db_index=True)
    via = models.CharField(_("sent by"), max_length=10, choices=Via.choices)
    language = models.CharField(max_length=8, default="fr")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"))

    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    satisfaction = _score_field(_("satisfaction"))
    effort = _score_field(_("ease"))
    resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    trust = _score_field(_("trust in the service"))
    comment = models.TextField(_("comment"), blank=True)
    # Barometer grid: criterion code → 1-5 agreement.
    criteria = models.JSONField(_("barometer answers"), default=dict, blank=True)

    class Meta:
        ordering = ["-invited_at"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        # The dashboards' latest comments: few answers have one, so they get their own index.
        indexes = [
            models.Index(fields=["-answered_at"], name="survey_commented_idx", condition=~Q(comment="")),
        ]
        constraints = [
            models.CheckConstraint(
                name="survey_answer_has_answered_at",
                condition=Q(satisfaction__isnull=True) | Q(answered_at__isnull=False),
            ),
            models.CheckConstraint(
                name="survey_expires_after_invitation", condition=Q(expires_at__gt=models.F("invited_at"))
            ),
        ]

    def __str__(self):
        return f"{self.ticket_id} ({self.get_via_display()})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class BarometerQuestion(models.Model):
    """Which Podium criteria the survey asks, chosen by administrators."""

    code = models.CharField(_("criterion"), max_length=30, unique=True, choices=[(c.code, c.name) for c in CRITERIA])
    is_asked = models.BooleanField(_("asked in the survey"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("barometer question")
        verbose_name_plural = _("barometer questions")

    def __str__(self):
        return self.get_code_display()


class FollowUp(models.Model):
    """A low score with a comment: the supervisors of the service call the citizen back."""

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        DONE = "done", _("Done")

    survey = models.OneToOneField(Survey, on_delete=models.PROTECT, related_name="follow_up")
    service = models.ForeignKey("requests_app.Service", on_delete=models.PROTECT, related_name="follow_ups")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["service", "status"], name="follow_up_queue_idx")]
        constraints = [
            models.CheckConstraint(
                name="follow_up_done_has_when_and_who",
                condition=~Q(status="done") | (Q(done_at__isnull=False) & Q(done_by__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.survey} — {self.get_status_display()}"


def _histogram(size=DURATION_BUCKETS):
    return models.JSONField(default=list, blank=True, help_text=f"{size} bucket counts")


class DailyFact(models.Model):
    """What happened on one day (Europe/Paris) for one service x category x channel x kind.

    Tickets count under their current service and category. Rebuilt whole for a day, so a
    rebuild is idempotent.
    """

    day = models.DateField(db_index=True)
    service = models.ForeignKey("requests_app.Service", on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("requests_app.Category", on_delete=models.CASCADE, null=True, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    created = models.PositiveIntegerField(default=0)
    first_responses = models.PositiveIntegerField(default=0)
    first_response_seconds = models.BigIntegerField(default=0)
    first_response_histogram = _histogram()
    resolved = models.PositiveIntegerField(default=0)
    resolved_within_sla = models.PositiveIntegerField(default=0)
    resolution_seconds = models.BigIntegerField(default=0)
    resolution_histogram = _histogram()
    reopened = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    backlog = models.PositiveIntegerField(default=0, help_text="open at the end of the day")
    backlog_overdue = models.PositiveIntegerField(default=0)
    backlog_age_histogram = _histogram(AGE_BUCKETS)
    backlog_overdue_age_histogram = _histogram(AGE_BUCKETS)

    surveys_sent = models.PositiveIntegerField(default=0)
    surveys_answered = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0, help_text="answers of 4 or 5")
    effort_sum = models.PositiveIntegerField(default=0)
    effort_count = models.PositiveIntegerField(default=0)
    trust_sum = models.PositiveIntegerField(default=0)
    trust_count = models.PositiveIntegerField(default=0)
    said_resolved = models.PositiveIntegerField(default=0)
    said_not_resolved = models.PositiveIntegerField(default=0)
    # Pillar code → [sum of agreements, number of agreements].
    pillar_sums = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("daily fact")
        verbose_name_plural = _("daily facts")
        indexes = [models.Index(fields=["service", "day"], name="daily_fact_service_day_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "service", "category", "channel", "kind"],
                condition=Q(category__isnull=False),
                name="daily_fact_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "service", "channel", "kind"],
                condition=Q(category__isnull=True),
                name="daily_fact_unique_uncategorised",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.service_id}/{self.category_id}/{self.channel}/{self.kind}"


def json_integer(field, key) -> Cast:
    """One element of a JSON array (or key of an object) as an integer, read by the database."""
    return Cast(KeyTextTransform(str(key), field), models.IntegerField())


def _json_integer(field, key: str) -> models.GeneratedField:
    return models.GeneratedField(
        expression=json_integer(field, key),
        output_field=models.IntegerField(),
        db_persist=True,
        null=True,  # an empty histogram, a pillar nobody answered on
    )


# The duration histograms' buckets and the pillar sums, also as integer columns the database keeps
# from the JSON: the dashboards add up a year of facts as plain columns, several times cheaper than
# reading JSON in every row. The JSON stays what the rollups write and what the rest reads.
def duration_bucket_column(histogram: str, index: int) -> str:
    return f"{histogram.removesuffix('_histogram')}_bucket_{index}"


def pillar_column(pillar: str, part: str) -> str:
    return f"pillar_{pillar}_{part}_column"


DURATION_HISTOGRAMS = ("first_response_histogram", "resolution_histogram")
for _name in DURATION_HISTOGRAMS:
    for _index in range(DURATION_BUCKETS):
        DailyFact.add_to_class(duration_bucket_column(_name, _index), _json_integer(_name, str(_index)))
for _pillar in PILLAR_LABELS:
    for _position, _part in enumerate(("sum", "count")):
        DailyFact.add_to_class(
            pillar_column(_pillar, _part), _json_integer(KeyTransform(_pillar, "pillar_sums"), str(_position))
        )


class AgentDailyFact(models.Model):
    """One agent's day: what they resolved and answered, and what citizens said of it."""

    day = models.DateField()
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("requests_app.Service", on_delete=models.CASCADE, related_name="+")

    first_responses = models.PositiveIntegerField(default=0)
    first_response_histogram = _histogram()
    replies = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_within_sla = models.PositiveIntegerField(default=0)
    resolution_histogram = _histogram()
    surveys_answered = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        verbose_name = _("agent daily fact")
        verbose_name_plural = _("agent daily facts")
        indexes = [models.Index(fields=["agent", "day"], name="agent_fact_agent_day_idx")]
        constraints = [
            models.UniqueConstraint(fields=["day", "agent", "service"], name="agent_daily_fact_unique"),
        ]

    def __str__(self):
        return f"{self.day} {self.agent_id}/{self.service_id}"
