"""What will happen: the requests of the demo and each one's story, decided before any is played."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from demo import data
from demo.fiction import ascii_slug, phone_number
from requests_app.models import Category, Channel, Kind, Priority
from requests_app.sla import is_business_day

from .commune import Commune
from .moments import CLOSES_AT, OPENS_AT, business_days_before, local_moment

SIX_MONTHS = 182  # days
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
# What people without an account leave, by channel: the share giving an e-mail, a phone number.
SHARE_EMAIL = {
    Channel.WEB: 1,
    Channel.EMAIL: 1,
    Channel.PHONE: 0.4,
    Channel.COUNTER: 0.5,
    Channel.POSTAL_MAIL: 0,
    Channel.SOCIAL: 0.3,
}
SHARE_PHONE = {
    Channel.WEB: 0.3,
    Channel.EMAIL: 0.1,
    Channel.PHONE: 1,
    Channel.COUNTER: 0.6,
    Channel.POSTAL_MAIL: 0.2,
    Channel.SOCIAL: 0,
}


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


class Planner:
    def __init__(self, commune: Commune, *, rng: random.Random, until: datetime.datetime):
        self.commune = commune
        self.rng = rng
        self.until = until
        self.contacts = 0

    def plan_requests(self, target: int) -> list[Spec]:
        specs = self.demo_citizen_requests()[:target]
        weights = [row[5] for row in data.CATEGORIES]
        codes = [row[1] for row in data.CATEGORIES]
        twins = 0  # duplicates filed along the way count in the total
        while len(specs) + twins < target:
            category = self.commune.categories[self.rng.choices(codes, weights)[0]]
            channel, created_at = self.arrival()
            spec = self.request(category, channel, created_at)
            spec.plan.duplicate = spec.plan.duplicate and len(specs) + twins + 2 <= target
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
            self.locate(spec, about_a_street)
        if citizen is None and rng.random() < ACCOUNT_SHARE.get(channel, 0.05):
            citizen = rng.choice(self.commune.citizens)
        if citizen is not None:
            spec.citizen = citizen
        else:
            spec.contact = self.contact(channel)
        spec.priority = self.priority(category, kind)
        spec.plan = plan or self.draw_plan(spec)
        return spec

    def locate(self, spec: Spec, about_a_street: bool) -> None:
        """A report's address, and a point on the map when it came from a phone's browser."""
        values = spec.values
        where = f"{values['num']} {values['street']}" if about_a_street else f"Près {values['of_place']}"
        spec.address = f"{where}, Bourg-sur-Loire"
        if spec.channel in (Channel.WEB, Channel.SOCIAL) and self.rng.random() < 0.7:
            lat, lon = data.TOWN_CENTRE
            spec.latitude = Decimal(f"{lat + self.rng.uniform(-0.012, 0.012):.6f}")
            spec.longitude = Decimal(f"{lon + self.rng.uniform(-0.018, 0.018):.6f}")

    def contact(self, channel: str) -> dict:
        """Someone without an account: what they gave depends on how they reached us."""
        rng = self.rng
        self.contacts += 1
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        email = f"{ascii_slug(first)[0]}{ascii_slug(last)}{self.contacts}@{data.CITIZEN_DOMAIN}"
        name = f"{first} {last[0]}." if channel == Channel.SOCIAL else f"{first} {last}"
        return {
            "contact_name": name,
            "contact_email": email if rng.random() < SHARE_EMAIL[channel] else "",
            "contact_phone": phone_number(rng) if rng.random() < SHARE_PHONE[channel] else "",
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
            self.request(
                self.commune.categories[code], Channel.WEB, moment, citizen=self.commune.demo_citizen, plan=plan
            )
            for code, moment, plan in scripted
        ]
