"""`manage.py seed_demo`: the commune of Bourg-sur-Loire with six months of requests.

Every ticket is opened by `intake.open_ticket` and moved by `workflow` functions, exactly as in
real use, while a replacement clock makes the past happen: each step runs at its own moment, so
references, due dates, timeline events, messages and outbox rows all carry that moment. A step
that would fall after now is not played, so recent tickets are naturally still open.

Nobody is mailed: dispatching is switched off while seeding, and the outbox rows written on the
way are marked as sent. The seeding is one transaction; once the demo administrator exists, the
command only prints the logins.
"""

import contextlib
import datetime
import random
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from accounts.models import Role, User
from interop.models import ApiKey, hash_api_key, sync_key_user
from notifications.models import Counter, Notification, Slot
from requests_app import demo_data as data
from requests_app import intake, workflow
from requests_app.models import Category, CategoryField, Channel, Kind, Priority, Service, Ticket
from requests_app.sla import is_business_day, next_business_day
from satisfaction import rollups, surveys
from satisfaction.models import BarometerQuestion, Survey

ADMIN_EMAIL = next(email for role, email in data.DEMO_LOGINS if role == Role.ADMINISTRATOR)
CITIZEN_EMAIL = next(email for role, email in data.DEMO_LOGINS if role == Role.CITIZEN)
SIX_MONTHS = 182  # days
SLOT_LENGTH = datetime.timedelta(minutes=30)

CHANNEL_WEIGHTS = {
    Channel.WEB: 44,
    Channel.EMAIL: 20,
    Channel.PHONE: 15,
    Channel.COUNTER: 10,
    Channel.POSTAL_MAIL: 5,
    Channel.SOCIAL: 6,
}
# Channels on which the town hall is only reachable during opening hours.
OFFICE_CHANNELS = {Channel.PHONE, Channel.COUNTER, Channel.POSTAL_MAIL}
# How often a request on that channel comes from someone signed in to their account.
ACCOUNT_SHARE = {Channel.WEB: 0.55, Channel.EMAIL: 0.3}
OPENS_AT, CLOSES_AT = 8.5, 17.75  # agents' working hours (local time)
HOME_FROM, HOME_UNTIL = 7.0, 22.5  # when citizens write


class DemoClock:
    """Stands in for the wall clock while the past is replayed; `moment = None` is real time.

    Patching `django.utils.timezone.now` would not do: model fields keep the original function
    as their default (`default=timezone.now`), so events, messages and outbox rows would still
    be dated today. Every way of asking Django the time ends in the `datetime.now()` call inside
    `django.utils.timezone`, so that one name is replaced instead.
    """

    def __init__(self):
        self.moment = None
        clock = self

        class ReplayedDatetime(datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                if clock.moment is None:
                    return datetime.datetime.now(tz)
                if tz is None:
                    return timezone.make_naive(clock.moment)
                return clock.moment.astimezone(tz)

        self._patch = mock.patch("django.utils.timezone.datetime", ReplayedDatetime)

    def __enter__(self):
        self._patch.start()
        return self

    def __exit__(self, *exc_info):
        self.moment = None
        self._patch.stop()


class StoryPaused(Exception):
    """The next step would happen after now: the ticket stays where it is."""


@dataclass
class Plan:
    """What happens to one ticket, decided up front; the clock may stop it midway."""

    triage: bool = False  # filed without a category: the triage service reroutes it first
    handling: str | None = "take"  # "take", "assign", or None: left in the queue
    note: bool = False
    interim: bool = False  # a reply before the outcome
    ask: str | None = None  # "answered" or "silent" request for information
    duplicate: bool = False  # someone else reports the same thing; merged here
    outcome: str | None = "resolve"  # "resolve", "reject", or None: stalled
    after: str = "close"  # after resolving: "confirm", "reopen", or "close" by the system
    pace: float = 1.0  # > 1 for a slow service


@dataclass
class Spec:
    """One request to file, and what will happen to it."""

    created_at: datetime.datetime
    category: Category
    channel: str
    kind: str
    subject: str
    description: str
    values: dict
    plan: Plan
    citizen: User | None = None
    contact: dict = field(default_factory=dict)
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    priority: str = Priority.NORMAL

    @property
    def reachable_online(self) -> bool:
        return self.citizen is not None or bool(self.contact.get("contact_email"))


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower().replace(" ", "-") if c.isalnum() or c in "-.")


class Story:
    """The moment a ticket has reached; each step moves it forward, never past `until`."""

    def __init__(self, seeder, start: datetime.datetime):
        self.seeder = seeder
        self.rng = seeder.rng
        self.t = start
        seeder.clock.moment = start

    def office(self, low_hours: float, high_hours: float) -> None:
        """An agent acts, some hours later, during working hours."""
        moment = self.t + datetime.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        local = timezone.localtime(moment)
        hour = local.hour + local.minute / 60
        day = local.date()
        if not (is_business_day(day) and OPENS_AT <= hour < CLOSES_AT):
            if hour >= CLOSES_AT or not is_business_day(day):
                day = next_business_day(day)
            moment = local_moment(day, OPENS_AT + self.rng.uniform(0, 1.5))
        self.at(moment)

    def home(self, low_hours: float, high_hours: float) -> None:
        """The citizen acts, some hours later, at a decent hour."""
        moment = self.t + datetime.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        local = timezone.localtime(moment)
        hour = local.hour + local.minute / 60
        if hour < HOME_FROM:
            moment = local_moment(local.date(), HOME_FROM + self.rng.uniform(0, 3))
        elif hour >= HOME_UNTIL:
            moment = local_moment(local.date() + datetime.timedelta(days=1), 7.5 + self.rng.uniform(0, 3))
        self.at(moment)

    def at(self, moment: datetime.datetime) -> None:
        # Events of one ticket keep a strict order, a minute apart at least.
        moment = max(moment, self.t + datetime.timedelta(minutes=1))
        if moment > self.seeder.until:
            raise StoryPaused
        self.t = moment
        self.seeder.clock.moment = moment


def local_moment(day: datetime.date, hours: float) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hours)
    return timezone.make_aware(naive)


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


class DemoSeeder:
    def __init__(self, *, seed: int, until: datetime.datetime, clock: DemoClock, target: int):
        self.rng = random.Random(seed)
        # Surveys draw from their own generator, so they leave the requests' stories unchanged.
        self.survey_rng = random.Random(seed + 1)
        self.until = until
        self.clock = clock
        self.target = target
        self.created = 0
        self.services: dict[str, Service] = {}
        self.categories: dict[str, Category] = {}
        self.agents: dict[str, list[User]] = {}  # by service slug, the demo agent weighted up
        self.supervisors: dict[str, list[User]] = {}
        self.citizens: list[User] = []
        self.demo_citizen: User | None = None
        self.contacts = 0

    # --- the commune --------------------------------------------------------------------------

    def create_directory(self) -> None:
        for row in data.SERVICES:
            self.services[row["slug"]], _ = Service.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "description": row["description"],
                    "is_triage": row.get("is_triage", False),
                    "email": f"{row['slug']}@{data.STAFF_DOMAIN}",
                },
            )
        for service_slug, code, name, kind, sla_days, _weight in data.CATEGORIES:
            self.categories[code], _ = Category.objects.get_or_create(
                service_code=code,
                defaults={"service": self.services[service_slug], "name": name, "kind": kind, "sla_days": sla_days},
            )
        self.create_questions_and_key()
        # One hash for everyone: hashing is deliberately slow, and they all share the password.
        password = make_password(data.DEMO_PASSWORD)
        joined = self.until - datetime.timedelta(days=400)
        staff = [(email, *row) for email, row in data.DEMO_STAFF.items()]
        staff += [
            (f"{ascii_slug(first)}.{ascii_slug(last)}@{data.STAFF_DOMAIN}", first, last, role, slugs)
            for first, last, role, slugs in data.STAFF
        ]
        for email, first, last, role, slugs in staff:
            user = self.user(email, first, last, role=role, password=password, joined=joined)
            user.services.set([self.services[slug] for slug in slugs])
            for slug in slugs:
                pool = self.supervisors if role == Role.SUPERVISOR else self.agents
                # The demo agent gets a good share of their services' work.
                pool.setdefault(slug, []).extend([user] * (3 if email in data.DEMO_STAFF else 1))
        self.demo_citizen = self.user(
            CITIZEN_EMAIL,
            *data.DEMO_CITIZEN,
            role=Role.CITIZEN,
            password=password,
            joined=joined,
            phone="06 39 98 00 17",
        )
        names = set()
        while len(names) < 60:
            names.add((self.rng.choice(data.FIRST_NAMES), self.rng.choice(data.LAST_NAMES)))
        for first, last in sorted(names):
            email = f"{ascii_slug(first)}.{ascii_slug(last)}@{data.CITIZEN_DOMAIN}"
            since = self.until - datetime.timedelta(days=self.rng.randint(190, 900))
            self.citizens.append(
                self.user(
                    email,
                    first,
                    last,
                    role=Role.CITIZEN,
                    password=password,
                    joined=since,
                    phone=self.phone() if self.rng.random() < 0.6 else "",
                )
            )

    def create_questions_and_key(self) -> None:
        """The extra questions of a few categories and the published Open311 key of the demo."""
        for code, questions in data.CATEGORY_QUESTIONS.items():
            for order, (field_code, label, help_text, datatype, required, values) in enumerate(questions, start=1):
                CategoryField.objects.get_or_create(
                    category=self.categories[code],
                    code=field_code,
                    defaults={
                        "label": label,
                        "help_text": help_text,
                        "datatype": datatype,
                        "required": required,
                        "order": order,
                        "values": [{"key": key, "name": name} for key, name in values],
                    },
                )
        key, created = ApiKey.objects.get_or_create(
            key_hash=hash_api_key(data.DEMO_OPEN311_KEY),
            defaults={"name": data.DEMO_OPEN311_KEY_NAME, "prefix": data.DEMO_OPEN311_KEY[:10]},
        )
        if created:
            key.services.set([self.services[slug] for slug in data.DEMO_OPEN311_SERVICES])
            sync_key_user(key)

    def user(self, email, first, last, *, role, password, joined, phone="") -> User:
        user, _ = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "password": password,
                "phone": phone,
                "date_joined": joined,
                "email_verified_at": joined,
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        return user

    def phone(self) -> str:
        # Numbers the ARCEP reserves for fiction.
        prefix = self.rng.choice(["06 39 98", "02 61 91"])
        return f"{prefix} {self.rng.randint(0, 99):02d} {self.rng.randint(0, 99):02d}"

    # --- what will happen ---------------------------------------------------------------------

    def plan_requests(self) -> list[Spec]:
        specs = self.demo_citizen_requests()[: self.target]
        weights = [row[5] for row in data.CATEGORIES]
        codes = [row[1] for row in data.CATEGORIES]
        twins = 0  # duplicates filed along the way count in the total
        while len(specs) + twins < self.target:
            category = self.categories[self.rng.choices(codes, weights)[0]]
            channel, created_at = self.arrival()
            spec = self.request(category, channel, created_at)
            spec.plan.duplicate = spec.plan.duplicate and len(specs) + twins + 2 <= self.target
            twins += spec.plan.duplicate
            specs.append(spec)
        specs.sort(key=lambda spec: spec.created_at)
        return specs

    def arrival(self) -> tuple[str, datetime.datetime]:
        """When and how a request arrives: a little busier lately, offices closed at weekends."""
        today = timezone.localtime(self.until).date()
        day = today - datetime.timedelta(days=int(SIX_MONTHS * self.rng.random() ** 1.15))
        channel = self.rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
        if channel in OFFICE_CHANNELS and not is_business_day(day):
            channel = self.rng.choice([Channel.WEB, Channel.EMAIL])
        if channel == Channel.POSTAL_MAIL:
            hours = 9 + self.rng.uniform(0, 2.5)  # the mail is opened in the morning
        elif channel in OFFICE_CHANNELS:
            hours = OPENS_AT + self.rng.uniform(0, CLOSES_AT - OPENS_AT - 0.25)
        else:
            hours = self.rng.choices([7, 9, 12, 14, 18, 21], [1, 3, 2, 3, 3, 1.5])[0] + self.rng.uniform(0, 2)
        moment = local_moment(day, hours)
        if moment > self.until:
            moment = self.until - datetime.timedelta(hours=self.rng.uniform(0.2, 6))
        return channel, moment

    def request(self, category: Category, channel: str, created_at, *, citizen=None, plan=None) -> Spec:
        rng = self.rng
        kind = category.kind
        values = {
            "street": rng.choice(data.STREETS),
            "num": rng.randint(1, 120),
            "place": (place := rng.choice(data.PLACES)),
            "of_place": data.after_de(place),
            "school": rng.choice(data.SCHOOLS),
            "child": rng.choice(data.CHILDREN),
        }
        templates = data.TEXTS[category.service_code]["requests"]
        if kind == Kind.REPORT and plan is None and rng.random() < 0.08:
            kind, templates = Kind.COMPLAINT, data.COMPLAINT_FOLLOWUPS
        subject, description = rng.choice(templates)
        about_a_street = "{street}" in subject + description
        values["where"] = (
            f"devant le {values['num']} {values['street']}" if about_a_street else f"près {values['of_place']}"
        )
        spec = Spec(
            created_at=created_at,
            category=category,
            channel=channel,
            kind=kind,
            subject=subject.format_map(values),
            description=description.format_map(values),
            values=values,
            plan=Plan(),
        )
        if category.kind == Kind.REPORT:
            where = f"{values['num']} {values['street']}" if about_a_street else f"Près {values['of_place']}"
            spec.address = f"{where}, Bourg-sur-Loire"
            if channel in (Channel.WEB, Channel.SOCIAL) and rng.random() < 0.7:
                lat, lon = data.TOWN_CENTRE
                spec.latitude = Decimal(f"{lat + rng.uniform(-0.012, 0.012):.6f}")
                spec.longitude = Decimal(f"{lon + rng.uniform(-0.018, 0.018):.6f}")
        if citizen is None and rng.random() < ACCOUNT_SHARE.get(channel, 0.05):
            citizen = rng.choice(self.citizens)
        if citizen is not None:
            spec.citizen = citizen
        else:
            spec.contact = self.contact(channel)
        spec.priority = self.priority(category, kind)
        spec.plan = plan or self.draw_plan(spec)
        return spec

    def contact(self, channel: str) -> dict:
        """Someone without an account: what they gave depends on how they reached us."""
        rng = self.rng
        self.contacts += 1
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        email = f"{ascii_slug(first)[0]}{ascii_slug(last)}{self.contacts}@{data.CITIZEN_DOMAIN}"
        share_email = {
            Channel.WEB: 1,
            Channel.EMAIL: 1,
            Channel.PHONE: 0.4,
            Channel.COUNTER: 0.5,
            Channel.POSTAL_MAIL: 0,
            Channel.SOCIAL: 0.3,
        }[channel]
        share_phone = {
            Channel.WEB: 0.3,
            Channel.EMAIL: 0.1,
            Channel.PHONE: 1,
            Channel.COUNTER: 0.6,
            Channel.POSTAL_MAIL: 0.2,
            Channel.SOCIAL: 0,
        }[channel]
        name = f"{first} {last[0]}." if channel == Channel.SOCIAL else f"{first} {last}"
        return {
            "contact_name": name,
            "contact_email": email if rng.random() < share_email else "",
            "contact_phone": self.phone() if rng.random() < share_phone else "",
        }

    def priority(self, category: Category, kind: str) -> str:
        roll = self.rng.random()
        if category.service_code == "arbre-dangereux":
            return Priority.URGENT if roll < 0.3 else Priority.HIGH
        if kind in (Kind.SUGGESTION, Kind.COMPLIMENT):
            return Priority.LOW
        if category.service_code in ("nid-de-poule", "eclairage-public", "stationnement-genant") and roll < 0.2:
            return Priority.HIGH
        if kind == Kind.COMPLAINT and roll < 0.3:
            return Priority.HIGH
        return Priority.LOW if roll > 0.95 else Priority.NORMAL

    def draw_plan(self, spec: Spec) -> Plan:
        roll = self.rng.random
        plan = Plan()
        in_triage_already = spec.category.service.is_triage
        plan.triage = not in_triage_already and roll() < (0.25 if spec.channel in OFFICE_CHANNELS else 0.05)
        plan.handling = "assign" if roll() < 0.45 else "take"
        plan.note = roll() < 0.35
        plan.interim = roll() < {Kind.REPORT: 0.45, Kind.COMPLAINT: 0.7, Kind.SUGGESTION: 0.6}.get(spec.kind, 0.15)
        if spec.reachable_online and roll() < (0.05 if spec.kind == Kind.COMPLIMENT else 0.2):
            plan.ask = "answered" if roll() < 0.7 else "silent"
        fate = roll()
        if fate < 0.01:
            plan.handling, plan.outcome = None, None  # forgotten in the queue
        elif fate < 0.03:
            plan.outcome = None  # stuck in progress
        elif fate < 0.08 and spec.kind != Kind.COMPLIMENT:
            plan.outcome = "reject"
        # Only older reports get a twin, so that it surely arrives before now.
        old_enough = spec.created_at < self.until - datetime.timedelta(days=30)
        plan.duplicate = old_enough and plan.handling is not None and spec.kind == Kind.REPORT and roll() < 0.05
        after = roll()
        if after < 0.05 and spec.kind != Kind.COMPLIMENT:
            plan.after = "reopen"
        elif after < 0.4 and spec.reachable_online:
            plan.after = "confirm"
        plan.pace = self.rng.uniform(2.5, 5) if roll() < 0.1 else 1.0
        return plan

    def demo_citizen_requests(self) -> list[Spec]:
        """The demo citizen's requests, one in each state worth showing."""
        today = timezone.localtime(self.until).date()

        def weekday_at(business_days: int, hours: float):
            return local_moment(business_days_before(today, business_days), hours)

        scripted = [
            # Long done, and they confirmed it.
            ("nid-de-poule", weekday_at(80, 18.3), Plan(interim=True, after="confirm", pace=0.3)),
            # Answered a question, reopened after the first answer, closed since.
            (
                "facturation-cantine",
                weekday_at(40, 20.5),
                Plan(handling="assign", ask="answered", after="reopen", pace=0.3),
            ),
            # Resolved a few days ago: theirs to confirm or reopen.
            ("eclairage-public", weekday_at(6, 19.1), Plan(note=True, pace=0.2)),
            # Waiting for their answer.
            ("inscription-scolaire", weekday_at(3, 9.7), Plan(ask="silent", pace=0.2)),
            # Being worked on.
            ("depot-sauvage", weekday_at(2, 10.25), Plan(interim=True, outcome=None, pace=0.2)),
            # Just filed.
            ("passeport-cni", self.until - datetime.timedelta(hours=4), Plan(handling=None, outcome=None)),
        ]
        return [
            self.request(self.categories[code], Channel.WEB, moment, citizen=self.demo_citizen, plan=plan)
            for code, moment, plan in scripted
        ]

    # --- making it happen ---------------------------------------------------------------------

    def play(self, spec: Spec) -> None:
        story = Story(self, spec.created_at)
        ticket = self.open(spec)
        with contextlib.suppress(StoryPaused):  # the rest of its story is still in the future
            self.work(story, ticket, spec)

    def open(self, spec: Spec) -> Ticket:
        self.clock.moment = spec.created_at
        entered_by = None
        if spec.channel not in (Channel.WEB, Channel.EMAIL):
            entered_by = self.rng.choice(self.agents["accueil"])
        ticket, _token = intake.open_ticket(
            intake.Filing(
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
        )
        self.created += 1
        return ticket

    def work(self, story: Story, ticket: Ticket, spec: Spec) -> None:
        plan, rng = spec.plan, self.rng
        slug = spec.category.service.slug
        if plan.triage:
            story.office(1, 30 * plan.pace)
            workflow.reroute_ticket(
                ticket.pk,
                by=rng.choice(self.agents["accueil"]),
                category=spec.category,
                note=rng.choice(data.TRIAGE_NOTES),
            )
        if plan.handling is None:
            return
        agent = rng.choice(self.agents[slug])
        story.office(0.5, 36 * plan.pace)
        if plan.handling == "assign":
            workflow.assign_ticket(ticket.pk, by=rng.choice(self.supervisors[slug]), assignee=agent)
        else:
            workflow.take_ticket(ticket.pk, by=agent)
        if plan.duplicate:
            self.merge_a_duplicate(story, ticket, spec, agent)
        if plan.note:
            story.office(1, 72 * plan.pace)
            workflow.add_internal_note(ticket.pk, by=agent, body=self.text(spec, "notes"))
        if plan.interim:
            story.office(1, 48 * plan.pace)
            workflow.reply_to_ticket(ticket.pk, by=agent, body=self.signed(spec, agent, self.text(spec, "replies")))
        if plan.ask:
            story.office(1, 48 * plan.pace)
            workflow.request_information(
                ticket.pk, by=agent, body=self.signed(spec, agent, self.text(spec, "questions"))
            )
            if plan.ask == "silent":
                story.office(15 * 24, 30 * 24)
                body = rng.choice(data.SILENT_RESOLUTIONS)
                workflow.resolve_ticket(ticket.pk, by=agent, body=self.signed(spec, agent, body))
                self.close_later(story, ticket)
                return
            story.home(2, 120)
            side = self.citizen_side(spec)
            workflow.citizen_reply(
                ticket.pk,
                by=side["by"],
                via_token=side["via_token"],
                channel=side["channel"],
                body=self.text(spec, "answers"),
            )
        if plan.outcome is None:
            return
        if plan.outcome == "reject":
            story.office(1, 72 * plan.pace)
            workflow.reject_ticket(ticket.pk, by=agent, reason=self.text(spec, "rejections"))
            return
        sla_hours = spec.category.sla_days * 24
        story.office(1, max(2.0, rng.uniform(0.1, 1.1) * sla_hours * plan.pace))
        workflow.resolve_ticket(ticket.pk, by=agent, body=self.signed(spec, agent, self.text(spec, "resolutions")))
        self.answer_survey(story, ticket)
        self.after_resolution(story, ticket, spec, agent)

    def after_resolution(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> None:
        rng = self.rng
        if spec.plan.after == "confirm":
            story.home(2, 150)
            side = self.citizen_side(spec)
            workflow.confirm_resolution(ticket.pk, by=side["by"], via_token=side["via_token"])
            return
        if spec.plan.after == "reopen":
            if spec.reachable_online:
                story.home(6, 200)  # well within the reopening delay
                side = self.citizen_side(spec)
                workflow.reopen_ticket(
                    ticket.pk, by=side["by"], via_token=side["via_token"], reason=self.text(spec, "reopen")
                )
            else:
                story.office(6, 200)
                workflow.reopen_ticket(ticket.pk, by=agent, reason=rng.choice(data.CALLBACK_REOPEN_NOTES))
            story.office(1, 24)
            workflow.reply_to_ticket(
                ticket.pk, by=agent, body=self.signed(spec, agent, rng.choice(data.SECOND_REPLIES))
            )
            story.office(12, 96 * spec.plan.pace)
            workflow.resolve_ticket(
                ticket.pk, by=agent, body=self.signed(spec, agent, rng.choice(data.SECOND_RESOLUTIONS))
            )
        self.close_later(story, ticket)

    def answer_survey(self, story: Story, ticket: Ticket) -> None:
        """Some invited citizens answer, hours or days later; low scores get a supervisor's call."""
        rng = self.survey_rng
        survey = Survey.objects.filter(ticket_id=ticket.pk).select_related("ticket__service").first()
        if survey is None or rng.random() > data.SURVEY_RESPONSE_RATE:
            return
        moment = story.t + datetime.timedelta(hours=rng.uniform(1, 96))
        if moment > self.until:
            return
        satisfaction = rng.choices([1, 2, 3, 4, 5], data.SURVEY_SCORE_WEIGHTS)[0]

        def near(score: int) -> int:
            return min(5, max(1, score + rng.choice([-1, 0, 0, 1])))

        band = "low" if satisfaction <= 2 else "mid" if satisfaction == 3 else "high"
        comment = rng.choice(data.SURVEY_COMMENTS[band]) if rng.random() < data.SURVEY_COMMENT_SHARE[band] else ""
        # The answer happens at its own moment; the ticket's story goes on from where it was.
        self.clock.moment = moment
        try:
            if rng.random() < data.SURVEY_ONE_CLICK_ONLY:
                surveys.record_rating(survey.pk, satisfaction)
                return
            survey = surveys.record_answer(
                survey.pk,
                satisfaction=satisfaction,
                effort=near(satisfaction),
                resolved=satisfaction >= 3 or rng.random() < 0.3,
                trust=near(satisfaction),
                comment=comment,
                criteria={code: near(satisfaction) for code in data.DEMO_BAROMETER if rng.random() < 0.85},
            )
            follow_up = getattr(survey, "follow_up", None)
            done_at = moment + datetime.timedelta(hours=rng.uniform(4, 72))
            supervisors = self.supervisors.get(survey.ticket.service.slug)
            if follow_up is not None and supervisors and done_at <= self.until and rng.random() < 0.7:
                self.clock.moment = done_at
                surveys.mark_follow_up_done(
                    follow_up.pk, by=rng.choice(supervisors), note=rng.choice(data.FOLLOW_UP_NOTES)
                )
        finally:
            self.clock.moment = story.t

    def close_later(self, story: Story, ticket: Ticket) -> None:
        """The hourly task closes what nobody reopened within the delay."""
        story.at(story.t + datetime.timedelta(days=settings.REOPEN_DELAY_DAYS, hours=self.rng.uniform(0, 1)))
        workflow.close_ticket(ticket.pk, by=None)

    def merge_a_duplicate(self, story: Story, ticket: Ticket, spec: Spec, agent: User) -> None:
        story.home(2, 48)
        channel = self.rng.choice([Channel.WEB, Channel.WEB, Channel.PHONE, Channel.SOCIAL])
        twin = self.request(spec.category, channel, story.t, plan=Plan(handling=None, outcome=None))
        twin.values, twin.address = spec.values, spec.address
        twin.subject, twin.description = spec.subject, spec.description
        twin.kind, twin.priority = spec.kind, spec.priority
        duplicate = self.open(twin)
        story.office(1, 24)
        workflow.merge_tickets(duplicate.pk, into_id=ticket.pk, by=agent)

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


class Command(BaseCommand):
    help = "Seed a demo commune (services, staff, citizens, six months of requests). DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=500, help="How many requests (default 500).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, tickets, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo fills the database with fictional people and requests; it only runs "
                "with DEBUG on. Use --force to seed anyway."
            )
        if tickets < 1:
            raise CommandError("--tickets must be at least 1.")
        if User.objects.filter(email__iexact=ADMIN_EMAIL).exists():
            self.stdout.write("The demo is already seeded; nothing to do.")
            self.print_logins()
            return
        started = time.monotonic()
        self.seed(target=tickets, seed=seed)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo seeded in {elapsed:.1f} s."))
        self.print_logins()

    def seed(self, *, target: int, seed: int) -> None:
        until = timezone.now() - datetime.timedelta(minutes=1)
        last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        started = time.monotonic()
        # Nothing is dispatched: demo people must not be mailed, now or by the sweep later.
        with DemoClock() as clock, mock.patch("notifications.outbox.dispatch"), transaction.atomic():
            seeder = DemoSeeder(seed=seed, until=until, clock=clock, target=target)
            seeder.create_directory()
            BarometerQuestion.objects.filter(code__in=data.DEMO_BAROMETER).update(is_asked=True)
            self.stdout.write(
                f"Created {len(seeder.services)} services, {len(seeder.categories)} categories, "
                f"{User.objects.count()} users."
            )
            next_report = 50
            for spec in seeder.plan_requests():
                seeder.play(spec)
                if seeder.created >= min(next_report, target):
                    self.stdout.write(f"  {seeder.created}/{target} requests ({time.monotonic() - started:.1f} s)")
                    next_report += 50
            clock.moment = None
            Notification.objects.filter(pk__gt=last_notification, status=Notification.Status.PENDING).update(
                status=Notification.Status.SENT, attempts=1, claimed_at=F("created_at"), sent_at=F("created_at")
            )
            slots = self.open_counters(today=timezone.localdate())
        self.stdout.write(f"Opened {len(data.COUNTERS)} counters with {slots} appointment slots.")
        by_status = Ticket.objects.values("status").annotate(n=Count("pk")).order_by("status")
        self.stdout.write("Requests by status: " + ", ".join(f"{row['status']} {row['n']}" for row in by_status))
        # Last, once every request and survey exists: the dashboards read the daily rollups.
        first = rollups.first_day()
        if first is not None:
            days = rollups.rebuild(first, timezone.localdate())
            self.stdout.write(f"Rolled up {days} days of figures for the dashboards.")

    def open_counters(self, *, today: datetime.date) -> int:
        """Counters with half-hour slots on the coming business days, so booking can be tried."""
        slots = []
        for service_slug, name, location, capacity in data.COUNTERS:
            counter = Counter.objects.create(
                service=Service.objects.get(slug=service_slug), name=name, location=location
            )
            day = today
            for _ in range(data.COUNTER_DAYS_AHEAD):
                day = next_business_day(day)
                for hour, minute in data.COUNTER_SLOT_STARTS:
                    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
                    slots.append(
                        Slot(counter=counter, starts_at=starts, ends_at=starts + SLOT_LENGTH, capacity=capacity)
                    )
        Slot.objects.bulk_create(slots)
        return len(slots)

    def print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password: {data.DEMO_PASSWORD}):")
        for role, email in data.DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"Open311 demo key: {data.DEMO_OPEN311_KEY}")
