"""Making it happen: each planned request is filed and moved through `intake` and `workflow`.

Every call is given the moment of its step (`now=`), so the ticket, its events, messages,
survey and outbox rows are dated as if it had happened then.
"""

import contextlib
import datetime
import random

from django.conf import settings

from accounts.models import User
from demo import data
from requests_app import intake, workflow
from requests_app.models import Channel, Ticket
from satisfaction import surveys
from satisfaction.models import Survey

from .commune import Commune
from .moments import Story, StoryPaused
from .planning import Plan, Planner, Spec


class Player:
    def __init__(
        self,
        commune: Commune,
        planner: Planner,
        *,
        rng: random.Random,
        survey_rng: random.Random,
        until: datetime.datetime,
    ):
        self.commune = commune
        self.planner = planner  # draws the twin of a duplicate report
        self.rng = rng
        # Surveys draw from their own generator, so they leave the requests' stories unchanged.
        self.survey_rng = survey_rng
        self.until = until
        self.created = 0

    def play(self, spec: Spec) -> None:
        story = Story(spec.created_at, until=self.until, rng=self.rng)
        ticket = self.open(spec, now=story.t)
        with contextlib.suppress(StoryPaused):  # the rest of its story is still in the future
            self.work(story, ticket, spec)

    def open(self, spec: Spec, *, now: datetime.datetime) -> Ticket:
        entered_by = None
        if spec.channel not in (Channel.WEB, Channel.EMAIL):
            entered_by = self.rng.choice(self.commune.agents["accueil"])
        filing = intake.Filing(
            channel=spec.channel,
            kind=spec.kind,
            category=None if spec.plan.triage else spec.category,
            subject=spec.subject,
            description=spec.description,
            citizen=spec.citizen,
            address=spec.address,
            latitude=spec.latitude,
            longitude=spec.longitude,
            entered_by=entered_by,
            priority=spec.priority,
            **spec.contact,
        )
        ticket, _token = intake.open_ticket(filing, now=now)
        self.created += 1
        return ticket

    def work(self, story: Story, ticket: Ticket, spec: Spec) -> None:
        plan, rng = spec.plan, self.rng
        slug = spec.category.service.slug
        if plan.triage:
            story.office(1, 30 * plan.pace)
            by = rng.choice(self.commune.agents["accueil"])
            note = rng.choice(data.TRIAGE_NOTES)
            workflow.reroute_ticket(ticket.pk, by=by, category=spec.category, note=note, now=story.t)
        if plan.handling is None:
            return
        agent = rng.choice(self.commune.agents[slug])
        story.office(0.5, 36 * plan.pace)
        if plan.handling == "assign":
            by = rng.choice(self.commune.supervisors[slug])
            workflow.assign_ticket(ticket.pk, by=by, assignee=agent, now=story.t)
        else:
            workflow.take_ticket(ticket.pk, by=agent, now=story.t)
        if plan.duplicate:
            self.merge_a_duplicate(story, ticket, spec, agent)
        if plan.note:
            story.office(1, 72 * plan.pace)
            workflow.add_internal_note(ticket.pk, by=agent, body=self.text(spec, "notes"), now=story.t)
        if plan.interim:
            story.office(1, 48 * plan.pace)
            body = self.signed(spec, agent, self.text(spec, "replies"))
            workflow.reply_to_ticket(ticket.pk, by=agent, body=body, now=story.t)
        if plan.ask and not self.ask(story, ticket, spec, agent):
            return
        if plan.outcome == "reject":
            story.office(1, 72 * plan.pace)
            workflow.reject_ticket(ticket.pk, by=agent, reason=self.text(spec, "rejections"), now=story.t)
        elif plan.outcome == "resolve":
            sla_hours = spec.category.sla_days * 24
            story.office(1, max(2.0, rng.uniform(0.1, 1.1) * sla_hours * plan.pace))
            body = self.signed(spec, agent, self.text(spec, "resolutions"))
            workflow.resolve_ticket(ticket.pk, by=agent, body=body, now=story.t)
            self.answer_survey(story, ticket)
            self.after_resolution(story, ticket, spec, agent)

    def ask(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> bool:
        """The agent asks a question; False when the story ends there (no answer, resolved anyway)."""
        story.office(1, 48 * spec.plan.pace)
        body = self.signed(spec, agent, self.text(spec, "questions"))
        workflow.request_information(ticket.pk, by=agent, body=body, now=story.t)
        if spec.plan.ask == "silent":
            story.office(15 * 24, 30 * 24)
            body = self.signed(spec, agent, self.rng.choice(data.SILENT_RESOLUTIONS))
            workflow.resolve_ticket(ticket.pk, by=agent, body=body, now=story.t)
            self.close_later(story, ticket)
            return False
        story.home(2, 120)
        side = self.citizen_side(spec)
        workflow.citizen_reply(
            ticket.pk,
            by=side["by"],
            via_token=side["via_token"],
            channel=side["channel"],
            body=self.text(spec, "answers"),
            now=story.t,
        )
        return True

    def after_resolution(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> None:
        if spec.plan.after == "confirm":
            story.home(2, 150)
            side = self.citizen_side(spec)
            workflow.confirm_resolution(ticket.pk, by=side["by"], via_token=side["via_token"], now=story.t)
            return
        if spec.plan.after == "reopen":
            self.reopen(story, ticket, spec, agent)
        self.close_later(story, ticket)

    def reopen(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> None:
        """It is not fixed: the citizen (or the agent they called) reopens, and it is resolved again."""
        rng = self.rng
        if spec.reachable_online:
            story.home(6, 200)  # well within the reopening delay
            side = self.citizen_side(spec)
            reason = self.text(spec, "reopen")
            workflow.reopen_ticket(ticket.pk, by=side["by"], via_token=side["via_token"], reason=reason, now=story.t)
        else:
            story.office(6, 200)
            workflow.reopen_ticket(ticket.pk, by=agent, reason=rng.choice(data.CALLBACK_REOPEN_NOTES), now=story.t)
        story.office(1, 24)
        body = self.signed(spec, agent, rng.choice(data.SECOND_REPLIES))
        workflow.reply_to_ticket(ticket.pk, by=agent, body=body, now=story.t)
        story.office(12, 96 * spec.plan.pace)
        body = self.signed(spec, agent, rng.choice(data.SECOND_RESOLUTIONS))
        workflow.resolve_ticket(ticket.pk, by=agent, body=body, now=story.t)

    def answer_survey(self, story: Story, ticket: Ticket) -> None:
        """Some invited citizens answer, hours or days later; low scores get a supervisor's call."""
        rng = self.survey_rng
        survey = Survey.objects.filter(ticket_id=ticket.pk).select_related("ticket__service").first()
        if survey is None or rng.random() > data.SURVEY_RESPONSE_RATE:
            return
        # The answer happens at its own moment; the ticket's story goes on from where it was.
        moment = story.t + datetime.timedelta(hours=rng.uniform(1, 96))
        if moment > self.until:
            return
        satisfaction = rng.choices([1, 2, 3, 4, 5], data.SURVEY_SCORE_WEIGHTS)[0]

        def near(score: int) -> int:
            return min(5, max(1, score + rng.choice([-1, 0, 0, 1])))

        band = "low" if satisfaction <= 2 else "mid" if satisfaction == 3 else "high"
        comment = rng.choice(data.SURVEY_COMMENTS[band]) if rng.random() < data.SURVEY_COMMENT_SHARE[band] else ""
        if rng.random() < data.SURVEY_ONE_CLICK_ONLY:
            surveys.record_rating(survey.pk, satisfaction, now=moment)
            return
        survey = surveys.record_answer(
            survey.pk,
            satisfaction=satisfaction,
            effort=near(satisfaction),
            resolved=satisfaction >= 3 or rng.random() < 0.3,
            trust=near(satisfaction),
            comment=comment,
            criteria={code: near(satisfaction) for code in data.DEMO_BAROMETER if rng.random() < 0.85},
            now=moment,
        )
        self.follow_up(survey, moment)

    def follow_up(self, survey: Survey, answered: datetime.datetime) -> None:
        """Most low scores with a comment get their call back within three days."""
        rng = self.survey_rng
        follow_up = getattr(survey, "follow_up", None)
        done_at = answered + datetime.timedelta(hours=rng.uniform(4, 72))
        supervisors = self.commune.supervisors.get(survey.ticket.service.slug)
        if follow_up is not None and supervisors and done_at <= self.until and rng.random() < 0.7:
            note = rng.choice(data.FOLLOW_UP_NOTES)
            surveys.mark_follow_up_done(follow_up.pk, by=rng.choice(supervisors), note=note, now=done_at)

    def close_later(self, story: Story, ticket: Ticket) -> None:
        """The hourly task closes what nobody reopened within the delay."""
        story.at(story.t + datetime.timedelta(days=settings.REOPEN_DELAY_DAYS, hours=self.rng.uniform(0, 1)))
        workflow.close_ticket(ticket.pk, by=None, now=story.t)

    def merge_a_duplicate(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> None:
        story.home(2, 48)
        channel = self.rng.choice([Channel.WEB, Channel.WEB, Channel.PHONE, Channel.SOCIAL])
        twin = self.planner.request(spec.category, channel, story.t, plan=Plan(handling=None, outcome=None))
        twin.values, twin.address = spec.values, spec.address
        twin.subject, twin.description = spec.subject, spec.description
        twin.kind, twin.priority = spec.kind, spec.priority
        duplicate = self.open(twin, now=story.t)
        story.office(1, 24)
        workflow.merge_tickets(duplicate.pk, into_id=ticket.pk, by=agent, now=story.t)

    def citizen_side(self, spec: Spec) -> dict:
        """Who speaks for the citizen: their account, or the tracking link they received."""
        if spec.citizen is not None:
            return {"by": spec.citizen, "via_token": False, "channel": Channel.WEB}
        return {"by": None, "via_token": True, "channel": Channel.EMAIL}

    def text(self, spec: Spec, key: str) -> str:
        options = (
            data.TEXTS[spec.category.service_code].get(key)
            or data.GENERIC[spec.kind][key]
            or data.GENERIC[spec.category.kind][key]
        )
        return self.rng.choice(options).format_map(spec.values)

    def signed(self, spec: Spec, agent: User, body: str) -> str:
        service = spec.category.service.name
        return (
            f"Bonjour,\n\n{body}\n\nBien cordialement,\n{agent.get_full_name()}\n"
            f"{service} — {settings.MUNICIPALITY_NAME}"
        )
