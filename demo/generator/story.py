"""One request's story: what is filed, who handles it, and the rows it leaves (ticket, events,
messages, survey), built step by step in the order the workflow would play them."""

import datetime
import hashlib
import hmac
import json
import math
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from demo import data
from demo.fiction import ascii_slug, phone_number
from requests_app.models import Channel, Kind, Message, Priority, Ticket, TicketEvent
from requests_app.sla import add_business_days, business_days_between, next_business_day
from satisfaction.models import Survey

from .directory import CategoryInfo, CitizenInfo, Directory
from .steps import STEPS, UndeclaredStep
from .timing import (
    CLOSES_AT,
    HOME_FROM,
    HOME_UNTIL,
    OFFICE_CHANNELS,
    OPENS_AT,
    at_hours,
    business_day,
    due_date,
    to_utc,
)
from .writers import Batch, IdPool

# How often a request on that channel comes from someone signed in to their account.
ACCOUNT_SHARE = {Channel.WEB: 0.55, Channel.EMAIL: 0.3, Channel.API: 0.2}
# What people without an account leave: (share giving an e-mail, share giving a phone number).
CONTACT_SHARES = {
    Channel.WEB: (1.0, 0.3),
    Channel.EMAIL: (1.0, 0.1),
    Channel.PHONE: (0.4, 1.0),
    Channel.COUNTER: (0.5, 0.6),
    Channel.POSTAL_MAIL: (0.0, 0.2),
    Channel.API: (0.8, 0.2),
}
INTERIM_REPLY_SHARE = {Kind.REPORT: 0.45, Kind.COMPLAINT: 0.7, Kind.SUGGESTION: 0.6}
TEXT_KINDS = ("notes", "replies", "questions", "answers", "resolutions", "rejections", "reopen")
SURVEY_COMMENTS = {
    False: (
        "Réponse correcte mais un peu tardive.",
        "Le problème est réglé, il a fallu relancer une fois.",
        "Pas très clair sur les délais, mais c'est fait.",
    ),
    True: (
        "Merci pour la rapidité de l'intervention.",
        "Agent très aimable et efficace.",
        "Parfait, rien à redire.",
        "Très bon suivi de ma demande, merci.",
    ),
}


def tracking_fields() -> tuple[str, str]:
    """A salt and the hash of the token derived from it, as `Ticket.set_tracking_token` does."""
    salt = secrets.token_hex(16)
    token = hmac.new(settings.SECRET_KEY.encode(), f"tracking:{salt}".encode(), "sha256").hexdigest()
    return salt, hashlib.sha256(token.encode()).hexdigest()


class Paused(Exception):
    """The next step would happen after now: the request stays where it is."""


@dataclass
class Request:
    """What is filed: the request's fields and who filed it."""

    category: CategoryInfo
    channel: str
    kind: str
    subject: str = ""
    description: str = ""
    where: str = ""  # "devant le 12 rue…", for the citizen's answers
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    citizen: CitizenInfo | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    priority: str = Priority.NORMAL

    @property
    def citizen_id(self) -> int | None:
        return self.citizen.id if self.citizen else None

    @property
    def email(self) -> str:
        return self.citizen.email if self.citizen else self.contact_email

    @property
    def phone(self) -> str:
        return (self.citizen.phone if self.citizen else "") or self.contact_phone

    @property
    def language(self) -> str:
        return self.citizen.language if self.citizen else "fr"


class Story:
    """Builds one request's rows, step by step, in the order the workflow would play them."""

    def __init__(self, gen: "Generator", created: datetime.datetime):
        self.gen = gen
        self.rng = gen.rng
        self.created = self.t = created
        self.state = Ticket.Status.RECEIVED  # the simulated status: rows are written, never a Ticket changed
        self.events = []
        self.messages = []
        self.ticket_id = gen.ticket_ids.next()
        self.first_response = None
        self.awaiting_since = None
        self.resolved_at = None
        self.closed_at = None
        self.rejection_reason = ""
        self.assignee = None
        self.survey = None

    # Clock
    def at(self, moment: datetime.datetime) -> None:
        moment = max(moment, self.t + datetime.timedelta(minutes=1))  # a strict order, a minute apart at least
        if moment > self.gen.until:
            raise Paused
        self.t = moment

    def office(self, hours: float) -> None:
        """An agent acts `hours` later, during working hours."""
        moment = self.t + datetime.timedelta(hours=hours)
        hour = moment.hour + moment.minute / 60
        day = moment.date()
        if not business_day(day) or not OPENS_AT <= hour < CLOSES_AT:
            if hour >= CLOSES_AT or not business_day(day):
                day = next_business_day(day)
            moment = at_hours(day, OPENS_AT + self.rng.uniform(0, 1.5))
        self.at(moment)

    def home(self, hours: float) -> None:
        """The citizen acts `hours` later, at a decent hour."""
        moment = self.t + datetime.timedelta(hours=hours)
        hour = moment.hour + moment.minute / 60
        if hour < HOME_FROM:
            moment = at_hours(moment.date(), HOME_FROM + self.rng.uniform(0, 3))
        elif hour >= HOME_UNTIL:
            moment = at_hours(moment.date() + datetime.timedelta(days=1), 7.5 + self.rng.uniform(0, 3))
        self.at(moment)

    # Rows
    def step(self, name: str, actor, **details) -> None:
        """Play the declared step `name` (see `steps.STEPS`): its event, and the status it leads to."""
        step = STEPS[name]
        if self.state not in step.moves:
            raise UndeclaredStep(f"The generator plays {name!r} from {self.state!r}, which STEPS do not declare.")
        self.event(step.event, actor, step.moves[self.state], **details)

    def event(self, kind, actor, to_status, *, channel="", is_public=True, message=None, data=None) -> None:
        before = self.state if self.events else ""
        self.state = to_status
        self.events.append(
            (
                self.gen.event_ids.next(),
                self.ticket_id,
                to_utc(self.t),
                actor,
                kind,
                before,
                to_status,
                channel,
                is_public,
                message,
                json.dumps(data) if data else "{}",
            )
        )

    def message(self, kind, author, body, channel=Channel.WEB) -> int:
        message_id = self.gen.message_ids.next()
        self.messages.append((message_id, self.ticket_id, author, kind, channel, body, to_utc(self.t)))
        return message_id

    def respond(self) -> None:
        if self.first_response is None:
            self.first_response = self.t


class Generator:
    def __init__(self, *, directory: Directory, citizens: list[CitizenInfo], rng: random.Random, until, batch: int):
        self.directory = directory
        self.citizens = citizens
        self.rng = rng
        self.until = until  # naive local
        self.ticket_ids = IdPool(Ticket, batch)
        self.event_ids = IdPool(TicketEvent, batch * 6)
        self.message_ids = IdPool(Message, batch * 2)
        self.survey_ids = IdPool(Survey, batch)
        self.reopen_days = settings.REOPEN_DELAY_DAYS
        self.survey_days = settings.SURVEY_LINK_DAYS
        self.cumulative_category_weights = []
        total = 0
        for weight in directory.weights:
            total += weight
            self.cumulative_category_weights.append(total)
        self.contacts = 0
        self.text_cache: dict = {}

    # What is filed ------------------------------------------------------------------------------

    def texts(self, category: CategoryInfo, kind: str) -> dict:
        """The category's own replies, questions, etc., else the generic ones of its kind."""
        key = (category.code, kind)
        if key not in self.text_cache:
            own = data.TEXTS.get(category.code, {})
            generic = data.GENERIC.get(kind) or data.GENERIC[Kind.INFORMATION]
            self.text_cache[key] = {name: own.get(name) or generic.get(name) or [] for name in TEXT_KINDS}
        return self.text_cache[key]

    def request_text(self, category: CategoryInfo, values: dict) -> tuple[str, str, str]:
        templates = data.TEXTS.get(category.code, {}).get("requests")
        if not templates:
            return category.name, f"Demande concernant : {category.name.lower()}.", ""
        subject, description = self.rng.choice(templates)
        about_a_street = "{street}" in subject + description
        values["where"] = (
            f"devant le {values['num']} {values['street']}" if about_a_street else f"près {values['of_place']}"
        )
        where = f"{values['num']} {values['street']}" if about_a_street else f"Près {values['of_place']}"
        return subject.format_map(values), description.format_map(values), where

    def draw_request(self, channel: str) -> Request:
        rng = self.rng
        category = self.directory.categories[
            rng.choices(range(len(self.directory.categories)), cum_weights=self.cumulative_category_weights)[0]
        ]
        kind = category.kind
        if kind == Kind.REPORT and rng.random() < 0.08:
            kind = Kind.COMPLAINT
        place = rng.choice(data.PLACES)
        values = {
            "street": rng.choice(data.STREETS),
            "num": rng.randint(1, 120),
            "place": place,
            "of_place": data.after_de(place),
            "school": rng.choice(data.SCHOOLS),
            "child": rng.choice(data.CHILDREN),
            "where": "",
        }
        request = Request(category=category, channel=channel, kind=kind)
        request.subject, request.description, where = self.request_text(category, values)
        request.where = values["where"] or "à l'adresse indiquée"
        if category.kind == Kind.REPORT:
            request.address = f"{where}, Bourg-sur-Loire" if where else ""
            if channel in (Channel.WEB, Channel.API) and rng.random() < 0.7:
                lat, lon = data.TOWN_CENTRE
                request.latitude = Decimal(f"{lat + rng.uniform(-0.012, 0.012):.6f}")
                request.longitude = Decimal(f"{lon + rng.uniform(-0.018, 0.018):.6f}")
        self.draw_person(request)
        request.priority = self.priority(category, kind)
        return request

    def draw_person(self, request: Request) -> None:
        """A citizen with an account, or someone who leaves a name and what the channel allows."""
        rng = self.rng
        if self.citizens and rng.random() < ACCOUNT_SHARE.get(request.channel, 0.05):
            request.citizen = rng.choice(self.citizens)
            return
        self.contacts += 1
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        request.contact_name = f"{first} {last}"
        share_email, share_phone = CONTACT_SHARES[request.channel]
        if rng.random() < share_email:
            request.contact_email = f"{ascii_slug(first)[0]}.{ascii_slug(last)}{self.contacts}@{data.CITIZEN_DOMAIN}"
        if rng.random() < share_phone:
            request.contact_phone = phone_number(rng)

    def priority(self, category: CategoryInfo, kind: str) -> str:
        roll = self.rng.random()
        if category.code == "arbre-dangereux":
            return Priority.URGENT if roll < 0.3 else Priority.HIGH
        if kind in (Kind.SUGGESTION, Kind.COMPLIMENT):
            return Priority.LOW
        if kind == Kind.COMPLAINT and roll < 0.3:
            return Priority.HIGH
        return Priority.LOW if roll > 0.95 else Priority.NORMAL

    # Its story ----------------------------------------------------------------------------------

    def ticket(self, created: datetime.datetime, channel: str, number: int, out: Batch) -> None:
        request = self.draw_request(channel)
        category = request.category
        story = Story(self, created)
        entered_by_agent = channel in OFFICE_CHANNELS
        agents = self.directory.agents[category.service_id]
        clerk = self.rng.choice(agents) if entered_by_agent else None
        story.event(
            TicketEvent.Kind.CREATED,
            clerk or request.citizen_id,
            Ticket.Status.RECEIVED,
            channel=channel,
            data={"entered_by_agent": entered_by_agent},
        )
        due = self.play(story, request, agents, due_date(created.date(), category.sla_days))
        out.last_numbers[created.year] = number
        out.tickets.append(self.ticket_row(story, request, number, due))
        out.messages.extend(story.messages)
        out.events.extend(story.events)
        if story.survey:
            out.surveys.append(story.survey)

    def ticket_row(self, story: Story, request: Request, number: int, due: datetime.date) -> tuple:
        salt, token_hash = tracking_fields()

        def utc(moment):
            return to_utc(moment) if moment else None

        return (
            story.ticket_id,
            f"{story.created.year}-{number:06d}",
            salt,
            token_hash,
            request.kind,
            request.channel,
            request.category.id,
            request.category.service_id,
            request.citizen_id,
            request.contact_name,
            request.contact_email,
            request.contact_phone,
            request.language,
            request.subject,
            request.description,
            request.address,
            request.latitude,
            request.longitude,
            "{}",
            "",
            request.priority,
            story.assignee,
            story.state,
            None,
            story.rejection_reason,
            to_utc(story.created),
            to_utc(story.t),
            due,
            utc(story.awaiting_since),
            utc(story.first_response),
            utc(story.resolved_at),
            utc(story.closed_at),
        )

    def play(self, story: Story, request: Request, agents: list[int], due: datetime.date) -> datetime.date:
        """Play the request's steps until now; returns its due date (a wait for the citizen pushes it)."""
        rng = self.rng
        texts = self.texts(request.category, request.kind)
        agent = rng.choice(agents)
        try:
            if rng.random() < 0.005:
                return due  # forgotten in the queue
            self.handle(story, request, texts, agent, agents)
            if request.email and rng.random() < 0.15 and texts["questions"]:
                due = self.ask(story, request, texts, agent, due)
            fate = rng.random()
            if fate < 0.015:
                return due  # stalled, still open
            # The outcome, log-normal around the commitment (calendar days are 7/5 of business days).
            pace = rng.uniform(2.5, 4) if rng.random() < 0.08 else 1.0
            days = rng.lognormvariate(math.log(0.55 * request.category.sla_days * 1.4 * pace), 0.75)
            target = story.created + datetime.timedelta(days=days)
            story.office(max((target - story.t).total_seconds() / 3600, 0.5))
            if fate < 0.075 and request.kind != Kind.COMPLIMENT and texts["rejections"]:
                reason = rng.choice(texts["rejections"])
                story.respond()
                story.awaiting_since = None
                story.rejection_reason = reason
                story.step("reject", agent, data={"reason": reason})
                return due
            self.resolve(story, texts, agent)
            self.invite(story, request)
            self.after_resolution(story, request, texts, agent)
        except Paused:
            pass
        return due

    def handle(self, story: Story, request: Request, texts: dict, agent: int, agents: list[int]) -> None:
        """Taken by an agent, or assigned by a colleague, a few hours later; maybe a note and a reply."""
        rng, M = self.rng, Message.Kind
        story.office(rng.lognormvariate(math.log(3), 1.0))
        story.assignee = agent
        by = agent if rng.random() < 0.6 else rng.choice(agents)
        assignment = {"assignee": agent, "assignee_name": self.directory.names[agent]}
        story.step("take" if by == agent else "assign", by, data=assignment)
        if rng.random() < 0.35 and texts["notes"]:
            story.office(rng.lognormvariate(math.log(6), 1.0))
            message = story.message(M.INTERNAL_NOTE, agent, rng.choice(texts["notes"]))
            story.step("note", agent, is_public=False, message=message)
        if rng.random() < INTERIM_REPLY_SHARE.get(request.kind, 0.15) and texts["replies"]:
            story.office(rng.lognormvariate(math.log(20), 1.0))
            message = story.message(M.PUBLIC_REPLY, agent, rng.choice(texts["replies"]))
            story.respond()
            story.step("reply", agent, message=message, channel=Channel.WEB)

    def ask(self, story: Story, request: Request, texts: dict, agent: int, due: datetime.date) -> datetime.date:
        """A question to the citizen; most answer (the wait pushes the due date), others never do."""
        rng, M = self.rng, Message.Kind
        story.office(rng.lognormvariate(math.log(24), 0.8))
        message = story.message(M.PUBLIC_REPLY, agent, rng.choice(texts["questions"]))
        story.respond()
        story.awaiting_since = story.t
        story.step("ask", agent, message=message, channel=Channel.WEB)
        if rng.random() < 0.7:
            story.home(rng.lognormvariate(math.log(20), 1.0))
            body = rng.choice(texts["answers"]).replace("{where}", request.where)
            message = story.message(M.CITIZEN_MESSAGE, request.citizen_id, body)
            paused = business_days_between(story.awaiting_since.date(), story.t.date())
            due = add_business_days(due, paused) if paused else due
            story.awaiting_since = None
            story.step("answer", request.citizen_id, message=message, channel=Channel.WEB)
        else:
            story.office(24 * rng.uniform(10, 20))  # no answer: the agent decides without it
        return due

    def after_resolution(self, story: Story, request: Request, texts: dict, agent: int) -> None:
        """Sometimes reopened and resolved again; then confirmed by the citizen, or closed by the system."""
        rng = self.rng
        if rng.random() < 0.05 and texts["reopen"]:
            story.home(24 * rng.uniform(0.5, 5))
            message = story.message(Message.Kind.CITIZEN_MESSAGE, request.citizen_id, rng.choice(texts["reopen"]))
            story.resolved_at = None
            story.step("reopen", request.citizen_id, message=message)
            story.office(24 * rng.lognormvariate(math.log(3), 0.8))
            self.resolve(story, texts, agent)
        if request.citizen_id and rng.random() < 0.35:
            story.home(rng.lognormvariate(math.log(20), 1.0))
            story.closed_at = story.t
            story.step("confirm", request.citizen_id)
        else:
            story.at(story.resolved_at + datetime.timedelta(days=self.reopen_days, minutes=rng.uniform(0, 90)))
            story.closed_at = story.t
            story.step("close", None)

    def resolve(self, story: Story, texts: dict, agent: int) -> None:
        message = story.message(Message.Kind.PUBLIC_REPLY, agent, self.rng.choice(texts["resolutions"]))
        story.respond()
        story.awaiting_since = None
        story.resolved_at = story.t
        story.step("resolve", agent, message=message, channel=Channel.WEB)

    def invite(self, story: Story, request: Request) -> None:
        """The survey after the first resolution: about 60 % are invited, about 60 % of those answer."""
        rng = self.rng
        email, phone = request.email, request.phone
        if request.kind == Kind.COMPLIMENT or not (email or phone) or rng.random() >= 0.6:
            return
        invited = story.t
        expires = invited + datetime.timedelta(days=self.survey_days)
        answered = invited + datetime.timedelta(hours=rng.lognormvariate(math.log(18), 1.1))
        answer = (None, None, None, None, None, None, "", "{}")
        if rng.random() < 0.6 and answered <= self.until and answered < expires:
            satisfaction = rng.choices([1, 2, 3, 4, 5], [6, 8, 16, 38, 32])[0]
            near = min(5, max(1, satisfaction + rng.choice([-1, 0, 0, 1])))
            resolved = satisfaction >= 3 or rng.random() < 0.3
            # Some leave a word. Low scores with a comment raise a follow-up in the product, which
            # the generator does not play, so only the others comment.
            comment = ""
            if satisfaction > settings.SURVEY_LOW_SCORE and rng.random() < 0.15:
                comment = rng.choice(SURVEY_COMMENTS[satisfaction >= 4])
            answer = (to_utc(answered), to_utc(answered), satisfaction, near, resolved, near, comment, "{}")
        story.survey = (
            self.survey_ids.next(),
            story.ticket_id,
            request.citizen_id,
            email or phone,
            Survey.Via.EMAIL if email else Survey.Via.SMS,
            request.language,
            to_utc(invited),
            to_utc(expires),
            *answer,
        )
