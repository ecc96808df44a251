"""A large, realistic data set for load tests: citizens, years of requests, their timelines and surveys.

Unlike `seed_demo`, which replays every step through `intake` and `workflow` (a few hundred
requests a minute), this writes rows directly, in batches: at a million requests the workflow
path would take days. Each request's story is decided in Python, in the order the workflow
would play it, so the rows obey the same rules the workflow and the check constraints keep:
the status is the `to_status` of the last event, timestamps follow the status, references are
sequential per year in creation order, and the reference counters end at the last number used.

Memory stays bounded: requests are generated day by day and written every `batch` requests;
only the directory (services, categories, agents) and the citizens' ids and contacts stay in
memory. On PostgreSQL rows go in with COPY and ids come from the tables' own sequences (so a
concurrent insert never collides); on SQLite they go in with `executemany`.

Times are worked out in naive local time (Europe/Paris): every generated moment falls between
7:00 and 23:00, away from daylight-saving changes, so each day's UTC offset converts it exactly.
"""

import datetime
import hashlib
import hmac
import json
import math
import queue
import random
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.models import Max

from accounts.models import Role, User
from satisfaction.models import Survey

from demo import data
from requests_app.models import Category, Channel, Kind, Message, Priority, ReferenceCounter, Service, Ticket, TicketEvent
from requests_app.sla import add_business_days, business_days_between, is_business_day, next_business_day

CHANNEL_WEIGHTS = {
    Channel.WEB: 45,
    Channel.EMAIL: 25,
    Channel.PHONE: 15,
    Channel.COUNTER: 8,
    Channel.POSTAL_MAIL: 3,
    Channel.API: 4,
}
# Reachable only when the town hall is open.
OFFICE_CHANNELS = frozenset({Channel.PHONE, Channel.COUNTER, Channel.POSTAL_MAIL})
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
# More requests in spring and summer (works, parks, noise), fewer at Christmas.
MONTH_FACTOR = {1: 0.85, 2: 0.9, 3: 1.0, 4: 1.1, 5: 1.15, 6: 1.2, 7: 1.1, 8: 0.9, 9: 1.1, 10: 1.0, 11: 0.9, 12: 0.75}
SATURDAY_FACTOR, SUNDAY_FACTOR = 0.45, 0.3  # weekends and public holidays: online channels only
YEARLY_GROWTH = 0.08  # the online channels draw a little more each year
OPENS_AT, CLOSES_AT = 8.5, 17.75  # agents' working hours
HOME_FROM, HOME_UNTIL = 7.0, 22.5  # when citizens write
INTERIM_REPLY_SHARE = {Kind.REPORT: 0.45, Kind.COMPLAINT: 0.7, Kind.SUGGESTION: 0.6}
CITIZENS_PER_TICKET = 0.2
TEXT_KINDS = ("notes", "replies", "questions", "answers", "resolutions", "rejections", "reopen")
DEFAULT_CATEGORY_WEIGHT = 3
GENERATED_DOMAIN = "usagers.example.fr"  # reserved for fiction (RFC 2606)


# Small helpers -----------------------------------------------------------------------------------


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower().replace(" ", "-") if c.isalnum() or c in "-.")


@cache
def business_day(day: datetime.date) -> bool:
    return is_business_day(day)


@cache
def due_date(day: datetime.date, sla_days: int) -> datetime.date:
    return add_business_days(day, sla_days)


@cache
def day_zone(day: datetime.date) -> datetime.timezone:
    # Noon's offset: every generated moment lies between 7:00 and 23:00, away from the switch at 2-3 am.
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return datetime.timezone(noon.utcoffset())


def to_utc(local: datetime.datetime) -> datetime.datetime:
    """The aware moment of a naive local time (with that day's fixed offset: same instant as UTC)."""
    return local.replace(tzinfo=day_zone(local.date()))


def at_hours(day: datetime.date, hours: float) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hours)


def tracking_fields() -> tuple[str, str]:
    """A salt and the hash of the token derived from it, as `Ticket.set_tracking_token` does."""
    salt = secrets.token_hex(16)
    token = hmac.new(settings.SECRET_KEY.encode(), f"tracking:{salt}".encode(), "sha256").hexdigest()
    return salt, hashlib.sha256(token.encode()).hexdigest()


# Writing rows ------------------------------------------------------------------------------------


class IdPool:
    """Primary keys handed out ahead of the insert, so rows can point at each other in one batch.

    PostgreSQL: taken from the table's sequence (`nextval`), so a concurrent insert never collides.
    SQLite: one writer at a time, so counting on from the largest id is enough.
    """

    def __init__(self, model, chunk: int):
        self.model = model
        self.chunk = chunk
        self.ids: list[int] = []
        self.position = 0
        self.last = None

    def next(self) -> int:
        if self.position >= len(self.ids):
            self.ids = self._take(self.chunk)
            self.position = 0
        value = self.ids[self.position]
        self.position += 1
        return value

    def _take(self, count: int) -> list[int]:
        table = connection.ops.quote_name(self.model._meta.db_table)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",  # noqa: S608 — model metadata
                    [count],
                )
                return [row[0] for row in cursor.fetchall()]
        if self.last is None:
            self.last = self.model._base_manager.aggregate(last=Max("pk"))["last"] or 0
        first = self.last + 1
        self.last += count
        return list(range(first, first + count))


def _sqlite_converter(field_obj) -> Callable | None:
    ops = connection.ops
    internal = field_obj.get_internal_type()
    if internal == "DateTimeField":
        return ops.adapt_datetimefield_value
    if internal == "DateField":
        return ops.adapt_datefield_value
    if internal == "DecimalField":
        return lambda value: ops.adapt_decimalfield_value(value, field_obj.max_digits, field_obj.decimal_places)
    return None


def write_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in `columns` order; JSON already serialised) into the model's table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    by_column = {f.column: f for f in model._meta.concrete_fields}
    converters = [(index, _sqlite_converter(by_column[column])) for index, column in enumerate(columns)]
    converters = [(index, convert) for index, convert in converters if convert is not None]
    if converters:
        converted = []
        for row in rows:
            row = list(row)
            for index, convert in converters:
                if row[index] is not None:
                    row[index] = convert(row[index])
            converted.append(row)
        rows = converted
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        # Table and column names come from the models' metadata, quoted; values are parameters.
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


TABLES = (User, Ticket, Message, TicketEvent, Survey)


def reset_sequences() -> None:
    """Put each table's id sequence after its largest id, so ordinary inserts go on from there."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(TABLES))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# The directory -----------------------------------------------------------------------------------


@dataclass
class CategoryInfo:
    id: int
    service_id: int
    code: str
    name: str
    kind: str
    sla_days: int


@dataclass
class Directory:
    categories: list[CategoryInfo]
    weights: list[float]
    agents: dict[int, list[int]]  # service id → agent ids
    names: dict[int, str]  # agent id → full name


def ensure_directory(password: str) -> Directory:
    """The demo's services and categories (created when missing) and a few agents in every service."""
    services = {}
    for row in data.SERVICES:
        services[row["slug"]], _ = Service.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "is_triage": row.get("is_triage", False),
                "email": f"{row['slug']}@{data.STAFF_DOMAIN}",
            },
        )
    demo_weights = {}
    for service_slug, code, name, kind, sla_days, weight in data.CATEGORIES:
        demo_weights[code] = weight
        Category.objects.get_or_create(
            service_code=code,
            defaults={"service": services[service_slug], "name": name, "kind": kind, "sla_days": sla_days},
        )
    categories = [
        CategoryInfo(c.pk, c.service_id, c.service_code, c.name, c.kind, c.sla_days)
        for c in Category.objects.filter(is_active=True, service__is_active=True).order_by("pk")
    ]
    agents: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for service in Service.objects.filter(pk__in={c.service_id for c in categories}).order_by("pk"):
        staff = list(
            service.agents.filter(role__in=[Role.AGENT, Role.SUPERVISOR], is_active=True, api_key__isnull=True)
        )
        if not staff:
            for number in range(1, 4):
                user, _ = User.objects.get_or_create(
                    email=f"agent{number}.{service.slug}@{data.STAFF_DOMAIN}",
                    defaults={
                        "first_name": data.FIRST_NAMES[(service.pk * 7 + number) % len(data.FIRST_NAMES)],
                        "last_name": data.LAST_NAMES[(service.pk * 5 + number) % len(data.LAST_NAMES)],
                        "role": Role.AGENT,
                        "password": password,
                    },
                )
                user.services.add(service)
                staff.append(user)
        agents[service.pk] = [user.pk for user in staff]
        names.update({user.pk: str(user) for user in staff})
    weights = [demo_weights.get(c.code, DEFAULT_CATEGORY_WEIGHT) for c in categories]
    return Directory(categories, weights, agents, names)


# Citizens ----------------------------------------------------------------------------------------

USER_COLUMNS = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "first_name",
    "last_name",
    "is_staff",
    "is_active",
    "date_joined",
    "email",
    "phone",
    "role",
    "email_verified_at",
    "preferred_language",
]


@dataclass(slots=True)
class CitizenInfo:
    id: int
    email: str
    phone: str
    language: str


def phone_number(rng: random.Random) -> str:
    # Numbers the ARCEP reserves for fiction.
    prefix = rng.choice(["06 39 98", "02 61 91"])
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def create_citizens(
    count: int, *, rng: random.Random, password: str, start: datetime.datetime, batch: int, report: Callable
) -> list[CitizenInfo]:
    """`count` citizen accounts, all sharing one password hash (hashing is slow on purpose)."""
    pool = IdPool(User, batch)
    # Numbered after the largest id, so a second run never reuses an address.
    offset = User.objects.aggregate(last=Max("pk"))["last"] or 0
    citizens: list[CitizenInfo] = []
    rows = []
    for index in range(count):
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        email = f"{ascii_slug(first)}.{ascii_slug(last)}.{offset + index + 1}@{GENERATED_DOMAIN}"
        joined = to_utc(start - datetime.timedelta(days=rng.uniform(1, 900)))
        phone = phone_number(rng) if rng.random() < 0.6 else ""
        language = "en" if rng.random() < 0.03 else "fr"
        user_id = pool.next()
        rows.append(
            (
                user_id,
                password,
                None,
                False,
                first,
                last,
                False,
                True,
                joined,
                email,
                phone,
                Role.CITIZEN,
                joined,
                language,
            )
        )
        citizens.append(CitizenInfo(user_id, email, phone, language))
        if len(rows) >= batch or index == count - 1:
            with transaction.atomic():
                write_rows(User, USER_COLUMNS, rows)
            rows = []
            report(index + 1)
    return citizens


# Arrivals ----------------------------------------------------------------------------------------


def day_weight(day: datetime.date, first: datetime.date) -> float:
    weekday = day.weekday()
    if business_day(day):
        factor = 1.0
    elif weekday == 5:
        factor = SATURDAY_FACTOR
    else:
        factor = SUNDAY_FACTOR
    return factor * MONTH_FACTOR[day.month] * (1 + YEARLY_GROWTH * (day - first).days / 365)


def daily_counts(total: int, first: datetime.date, last: datetime.date) -> Iterator[tuple[datetime.date, int]]:
    """How many requests arrive each day: `total` in all, shared by the days' weights (no rounding drift)."""
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    weights = [day_weight(day, first) for day in days]
    scale = total / sum(weights)
    cumulative, given = 0.0, 0
    for day, weight in zip(days, weights, strict=True):
        cumulative += weight * scale
        count = min(round(cumulative), total) - given
        given += count
        yield day, count
    assert given == total


def arrival_hours(channel: str, rng: random.Random) -> float:
    if channel == Channel.POSTAL_MAIL:
        return 9 + rng.uniform(0, 2.5)  # the mail is opened in the morning
    if channel in OFFICE_CHANNELS:
        return OPENS_AT + rng.uniform(0, CLOSES_AT - OPENS_AT - 0.25)
    return rng.choices([7, 9, 12, 14, 18, 21], [1, 3, 2, 3, 3, 1.5])[0] + rng.uniform(0, 1.5)


# One request's story -----------------------------------------------------------------------------

TICKET_COLUMNS = [f.column for f in Ticket._meta.concrete_fields]
EVENT_COLUMNS = [f.column for f in TicketEvent._meta.concrete_fields]
MESSAGE_COLUMNS = [f.column for f in Message._meta.concrete_fields]
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
SURVEY_COLUMNS = [f.column for f in Survey._meta.concrete_fields]


class Paused(Exception):
    """The next step would happen after now: the request stays where it is."""


@dataclass
class Batch:
    tickets: list = field(default_factory=list)
    events: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    surveys: list = field(default_factory=list)
    last_numbers: dict = field(default_factory=dict)  # year → last reference number


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
        self.where = ""

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
        self.channels = list(CHANNEL_WEIGHTS)
        self.channel_weights = list(CHANNEL_WEIGHTS.values())
        self.cumulative_category_weights = []
        total = 0
        for weight in directory.weights:
            total += weight
            self.cumulative_category_weights.append(total)
        self.contacts = 0
        self.text_cache: dict = {}

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

    def ticket(self, created: datetime.datetime, channel: str, number: int, out: Batch) -> None:
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
        subject, description, where = self.request_text(category, values)
        address, latitude, longitude = "", None, None
        if category.kind == Kind.REPORT:
            address = f"{where}, Bourg-sur-Loire" if where else ""
            if channel in (Channel.WEB, Channel.API) and rng.random() < 0.7:
                lat, lon = data.TOWN_CENTRE
                latitude = Decimal(f"{lat + rng.uniform(-0.012, 0.012):.6f}")
                longitude = Decimal(f"{lon + rng.uniform(-0.018, 0.018):.6f}")
        citizen = None
        contact_name = contact_email = contact_phone = ""
        if self.citizens and rng.random() < ACCOUNT_SHARE.get(channel, 0.05):
            citizen = rng.choice(self.citizens)
        else:
            self.contacts += 1
            first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
            contact_name = f"{first} {last}"
            share_email, share_phone = CONTACT_SHARES[channel]
            if rng.random() < share_email:
                contact_email = f"{ascii_slug(first)[0]}.{ascii_slug(last)}{self.contacts}@{data.CITIZEN_DOMAIN}"
            if rng.random() < share_phone:
                contact_phone = phone_number(rng)
        email = citizen.email if citizen else contact_email
        phone = (citizen.phone if citizen else "") or contact_phone
        language = citizen.language if citizen else "fr"
        priority = self.priority(category, kind)
        due = due_date(created.date(), category.sla_days)

        story = Story(self, created)
        story.where = values["where"] or "à l'adresse indiquée"
        entered_by_agent = channel in OFFICE_CHANNELS
        agents = self.directory.agents[category.service_id]
        clerk = rng.choice(agents) if entered_by_agent else None
        story.event(
            TicketEvent.Kind.CREATED,
            clerk or (citizen.id if citizen else None),
            Ticket.Status.RECEIVED,
            channel=channel,
            data={"entered_by_agent": entered_by_agent},
        )
        due = self.play(story, category, kind, agents, citizen, email, phone, language, due)

        salt, token_hash = tracking_fields()
        year = created.year
        out.last_numbers[year] = number
        out.tickets.append(
            (
                story.ticket_id,
                f"{year}-{number:06d}",
                salt,
                token_hash,
                kind,
                channel,
                category.id,
                category.service_id,
                citizen.id if citizen else None,
                contact_name,
                contact_email,
                contact_phone,
                language,
                subject,
                description,
                address,
                latitude,
                longitude,
                "{}",
                "",
                priority,
                story.assignee,
                story.state,
                None,
                story.rejection_reason,
                to_utc(created),
                to_utc(story.t),
                due,
                to_utc(story.awaiting_since) if story.awaiting_since else None,
                to_utc(story.first_response) if story.first_response else None,
                to_utc(story.resolved_at) if story.resolved_at else None,
                to_utc(story.closed_at) if story.closed_at else None,
            )
        )
        out.messages.extend(story.messages)
        out.events.extend(story.events)
        if story.survey:
            out.surveys.append(story.survey)

    def priority(self, category: CategoryInfo, kind: str) -> str:
        roll = self.rng.random()
        if category.code == "arbre-dangereux":
            return Priority.URGENT if roll < 0.3 else Priority.HIGH
        if kind in (Kind.SUGGESTION, Kind.COMPLIMENT):
            return Priority.LOW
        if kind == Kind.COMPLAINT and roll < 0.3:
            return Priority.HIGH
        return Priority.LOW if roll > 0.95 else Priority.NORMAL

    def play(self, story: Story, category, kind, agents, citizen, email, phone, language, due) -> datetime.date:
        """Play the request's steps until now; returns its due date (a wait for the citizen pushes it)."""
        rng = self.rng
        S, E, M = Ticket.Status, TicketEvent.Kind, Message.Kind
        texts = self.texts(category, kind)
        citizen_id = citizen.id if citizen else None
        agent = rng.choice(agents)
        try:
            if rng.random() < 0.005:
                return due  # forgotten in the queue
            # Taken by an agent, or assigned by a colleague; a few hours later, in working hours.
            story.office(rng.lognormvariate(math.log(3), 1.0))
            story.assignee = agent
            by = agent if rng.random() < 0.6 else rng.choice(agents)
            to_status = S.IN_PROGRESS if by == agent else S.QUALIFIED
            story.event(
                E.ASSIGNED,
                by,
                to_status,
                data={"assignee": agent, "assignee_name": self.directory.names[agent]},
            )
            if rng.random() < 0.35 and texts["notes"]:
                story.office(rng.lognormvariate(math.log(6), 1.0))
                message = story.message(M.INTERNAL_NOTE, agent, rng.choice(texts["notes"]))
                story.event(E.INTERNAL_NOTE, agent, story.state, is_public=False, message=message)
            if rng.random() < INTERIM_REPLY_SHARE.get(kind, 0.15) and texts["replies"]:
                story.office(rng.lognormvariate(math.log(20), 1.0))
                message = story.message(M.PUBLIC_REPLY, agent, rng.choice(texts["replies"]))
                story.respond()
                story.event(E.PUBLIC_REPLY, agent, S.IN_PROGRESS, message=message, channel=Channel.WEB)
            if email and rng.random() < 0.15 and texts["questions"]:
                story.office(rng.lognormvariate(math.log(24), 0.8))
                message = story.message(M.PUBLIC_REPLY, agent, rng.choice(texts["questions"]))
                story.respond()
                story.awaiting_since = story.t
                story.event(E.INFO_REQUESTED, agent, S.AWAITING_CITIZEN, message=message, channel=Channel.WEB)
                if rng.random() < 0.7:
                    story.home(rng.lognormvariate(math.log(20), 1.0))
                    body = rng.choice(texts["answers"]).replace("{where}", story.where)
                    message = story.message(M.CITIZEN_MESSAGE, citizen_id, body)
                    paused = business_days_between(story.awaiting_since.date(), story.t.date())
                    due = add_business_days(due, paused) if paused else due
                    story.awaiting_since = None
                    story.event(E.CITIZEN_MESSAGE, citizen_id, S.IN_PROGRESS, message=message, channel=Channel.WEB)
                else:
                    story.office(24 * rng.uniform(10, 20))  # no answer: the agent decides without it
            fate = rng.random()
            if fate < 0.015:
                return due  # stalled, still open
            # The outcome, log-normal around the commitment (calendar days are 7/5 of business days).
            pace = rng.uniform(2.5, 4) if rng.random() < 0.08 else 1.0
            days = rng.lognormvariate(math.log(0.55 * category.sla_days * 1.4 * pace), 0.75)
            target = story.created + datetime.timedelta(days=days)
            story.office(max((target - story.t).total_seconds() / 3600, 0.5))
            if fate < 0.075 and kind != Kind.COMPLIMENT and texts["rejections"]:
                reason = rng.choice(texts["rejections"])
                story.respond()
                story.awaiting_since = None
                story.rejection_reason = reason
                story.event(E.REJECTED, agent, S.REJECTED, data={"reason": reason})
                return due
            self.resolve(story, texts, agent)
            self.invite(story, kind, citizen, email, phone, language)
            if rng.random() < 0.05 and texts["reopen"]:
                story.home(24 * rng.uniform(0.5, 5))
                message = story.message(M.CITIZEN_MESSAGE, citizen_id, rng.choice(texts["reopen"]))
                story.resolved_at = None
                story.event(E.REOPENED, citizen_id, S.IN_PROGRESS, message=message)
                story.office(24 * rng.lognormvariate(math.log(3), 0.8))
                self.resolve(story, texts, agent)
            if citizen_id and rng.random() < 0.35:
                story.home(rng.lognormvariate(math.log(20), 1.0))
                story.closed_at = story.t
                story.event(E.CONFIRMED, citizen_id, S.CLOSED)
            else:
                story.at(story.resolved_at + datetime.timedelta(days=self.reopen_days, minutes=rng.uniform(0, 90)))
                story.closed_at = story.t
                story.event(E.CLOSED, None, S.CLOSED)
        except Paused:
            pass
        return due

    def resolve(self, story: Story, texts: dict, agent: int) -> None:
        message = story.message(Message.Kind.PUBLIC_REPLY, agent, self.rng.choice(texts["resolutions"]))
        story.respond()
        story.awaiting_since = None
        story.resolved_at = story.t
        story.event(TicketEvent.Kind.RESOLVED, agent, Ticket.Status.RESOLVED, message=message, channel=Channel.WEB)

    def invite(self, story: Story, kind: str, citizen, email: str, phone: str, language: str) -> None:
        """The survey after the first resolution: about 60 % are invited, about 60 % of those answer."""
        rng = self.rng
        if kind == Kind.COMPLIMENT or not (email or phone) or rng.random() >= 0.6:
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
            citizen.id if citizen else None,
            email or phone,
            Survey.Via.EMAIL if email else Survey.Via.SMS,
            language,
            to_utc(invited),
            to_utc(expires),
            *answer,
        )


# The whole run -----------------------------------------------------------------------------------


@dataclass
class Result:
    citizens: int = 0
    tickets: int = 0
    events: int = 0
    messages: int = 0
    surveys: int = 0
    rollup_days: int = 0
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None


def skips_key_checks() -> bool:
    """Whether foreign-key checks can be switched off for the load (PostgreSQL superusers only)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


def write_batch(batch: Batch, *, skip_key_checks: bool = False) -> None:
    with transaction.atomic():
        if skip_key_checks:
            # Each row would queue one deferred check per foreign key, replayed at commit: most of
            # the load's cost. The rows point at rows of the same batch or already committed ones.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A batch lost in a crash would be generated again anyway: no need to wait for the disk.
                cursor.execute("SET LOCAL synchronous_commit = off")
        write_rows(Ticket, TICKET_COLUMNS, batch.tickets)
        write_rows(Message, MESSAGE_COLUMNS, batch.messages)
        write_rows(TicketEvent, EVENT_COLUMNS, batch.events)
        write_rows(Survey, SURVEY_COLUMNS, batch.surveys)
        for year, last in batch.last_numbers.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})


def generate(
    *,
    tickets: int,
    citizens: int | None = None,
    years: int = 4,
    seed: int = 2026,
    batch: int = 10_000,
    until: datetime.datetime | None = None,
    on_citizens: Callable[[int, int], None] | None = None,
    on_tickets: Callable[[int, int], None] | None = None,
    trust_keys: bool = False,
) -> Result:
    """Generate `tickets` requests over the last `years` years; see the module docstring.

    References go on after each year's counter, so a data set can be added to an existing one.
    `trust_keys` skips the foreign-key checks of the load when the database allows it.
    """
    rng = random.Random(seed)  # noqa: S311 — fiction, not secrets; tracking salts come from `secrets`
    citizens = round(tickets * CITIZENS_PER_TICKET) if citizens is None else citizens
    until_local = (until or datetime.datetime.now(datetime.UTC)).astimezone(ZoneInfo(settings.TIME_ZONE))
    until_local = until_local.replace(tzinfo=None) - datetime.timedelta(minutes=1)
    last_day = until_local.date()
    first_day = last_day - datetime.timedelta(days=round(365.25 * years) - 1)
    password = make_password(data.DEMO_PASSWORD)  # one hash for everyone: hashing is slow on purpose
    result = Result(first_day=first_day, last_day=last_day)

    directory = ensure_directory(password)
    people = create_citizens(
        citizens,
        rng=rng,
        password=password,
        start=at_hours(first_day, 12),
        batch=batch,
        report=lambda done: on_citizens and on_citizens(done, citizens),
    )
    result.citizens = len(people)

    gen = Generator(directory=directory, citizens=people, rng=rng, until=until_local, batch=batch)
    numbers = dict(ReferenceCounter.objects.values_list("year", "last"))
    writer = BatchWriter(
        result,
        background=connection.vendor == "postgresql" and not connection.in_atomic_block,
        skip_key_checks=trust_keys and skips_key_checks(),
    )
    current = Batch()
    done = 0
    for day, count in daily_counts(tickets, first_day, last_day):
        if not count:
            continue
        open_office = business_day(day)
        arrivals = []
        for _ in range(count):
            channel = rng.choices(gen.channels, gen.channel_weights)[0]
            if channel in OFFICE_CHANNELS and not open_office:
                channel = Channel.WEB if rng.random() < 0.65 else Channel.EMAIL
            moment = at_hours(day, arrival_hours(channel, rng))
            if moment > until_local:  # today, later than now: earlier today instead
                moment = max(until_local - datetime.timedelta(minutes=rng.uniform(5, 300)), at_hours(day, 0))
            arrivals.append((moment, channel))
        arrivals.sort()
        for moment, channel in arrivals:
            year = moment.year
            numbers[year] = numbers.get(year, 0) + 1
            gen.ticket(moment, channel, numbers[year], current)
            done += 1
            if len(current.tickets) >= batch:
                writer.put(current)
                current = Batch()
                if on_tickets and done < tickets:
                    on_tickets(done, tickets)
    if current.tickets:
        writer.put(current)
    writer.close()
    if on_tickets:
        on_tickets(done, tickets)
    reset_sequences()
    analyze()
    return result


def analyze(models=TABLES) -> None:
    """Refresh the planner's statistics: after a bulk load they describe empty tables, and the
    rollups' day-by-day queries would be planned as such."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


class BatchWriter:
    """Writes batches, in a second thread on PostgreSQL: Python builds the next batch while the
    server ingests the previous one (the copy waits on the socket without holding the GIL).

    At most one batch waits in the queue, so memory stays at about three batches. The thread
    has its own database connection, so it only sees committed rows: it is used outside any
    transaction only (the directory and the citizens are committed by then).
    """

    def __init__(self, result: Result, *, background: bool, skip_key_checks: bool):
        self.result = result
        self.skip_key_checks = skip_key_checks
        self.error: BaseException | None = None
        self.queue: queue.Queue | None = None
        if background:
            self.queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._run, name="generate-data-writer", daemon=True)
            self.thread.start()

    def put(self, batch: Batch) -> None:
        if self.queue is None:
            self._write(batch)
            return
        if self.error is not None:
            self.close()
        self.queue.put(batch)

    def close(self) -> None:
        if self.queue is not None:
            if self.thread.is_alive():
                self.queue.put(None)
                self.thread.join()
            if self.error is not None:
                raise self.error

    def _run(self) -> None:
        try:
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    self._write(batch)
        except BaseException as error:  # handed to the main thread, which raises it
            self.error = error
            while self.queue.get() is not None:  # let the producer finish putting
                pass
        finally:
            connections.close_all()

    def _write(self, batch: Batch) -> None:
        write_batch(batch, skip_key_checks=self.skip_key_checks)
        self.result.tickets += len(batch.tickets)
        self.result.events += len(batch.events)
        self.result.messages += len(batch.messages)
        self.result.surveys += len(batch.surveys)


class Progress:
    """Prints done/total, rate, elapsed time and an estimate of the time left, at most every `every` s."""

    def __init__(self, write: Callable[[str], None], label: str, *, every: float = 2.0):
        self.write = write
        self.label = label
        self.every = every
        self.started = time.monotonic()
        self.shown = 0.0

    def __call__(self, done: int, total: int, *_args) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < self.every:
            return
        self.shown = now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        self.write(
            f"  {self.label}: {done:,}/{total:,} ({100 * done / max(total, 1):.0f} %), {rate:,.0f}/s, "
            f"elapsed {format_seconds(elapsed)}, ETA {format_seconds(left)}"
        )


def format_seconds(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"
