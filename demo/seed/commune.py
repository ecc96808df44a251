"""The commune the demo's stories happen in: services, categories, staff, citizens, counters."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from accounts.phone_numbers import e164_or_blank
from appointments.models import Counter, Slot
from demo import data
from demo.fiction import ascii_slug, phone_number
from interop.models import ApiKey, Scope, hash_api_key, sync_key_user
from requests_app.models import Category, CategoryField, Service
from requests_app.sla import next_business_day

CITIZEN_EMAIL = next(email for role, email in data.DEMO_LOGINS if role == Role.CITIZEN)
SLOT_LENGTH = datetime.timedelta(minutes=30)
CITIZENS = 60


@dataclass
class Commune:
    services: dict[str, Service] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)  # by Open311 service_code
    agents: dict[str, list[User]] = field(default_factory=dict)  # by service slug, the demo agent weighted up
    supervisors: dict[str, list[User]] = field(default_factory=dict)
    citizens: list[User] = field(default_factory=list)
    demo_citizen: User | None = None


def create_commune(*, rng: random.Random, until: datetime.datetime) -> Commune:
    commune = Commune()
    for row in data.SERVICES:
        commune.services[row["slug"]], _ = Service.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "is_triage": row.get("is_triage", False),
                "email": f"{row['slug']}@{data.STAFF_DOMAIN}",
            },
        )
    for service_slug, code, name, kind, sla_days, _weight in data.CATEGORIES:
        commune.categories[code], _ = Category.objects.get_or_create(
            service_code=code,
            defaults={
                "service": commune.services[service_slug],
                "name": name,
                "kind": kind,
                "sla_days": sla_days,
                "is_public": code in data.PUBLIC_CATEGORIES,
            },
        )
    create_questions_and_key(commune)
    # One hash for everyone: hashing is deliberately slow, and they all share the password.
    password = make_password(data.DEMO_PASSWORD)
    create_staff(commune, password=password, joined=until - datetime.timedelta(days=400))
    create_citizens(commune, rng=rng, password=password, until=until)
    return commune


def create_questions_and_key(commune: Commune) -> None:
    """The extra questions of a few categories and the published Open311 key of the demo."""
    for code, questions in data.CATEGORY_QUESTIONS.items():
        for order, (field_code, label, help_text, datatype, required, values) in enumerate(questions, start=1):
            CategoryField.objects.get_or_create(
                category=commune.categories[code],
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
        defaults={
            "name": data.DEMO_OPEN311_KEY_NAME,
            "prefix": data.DEMO_OPEN311_KEY[:10],
            # Its secret is published: it files reports and reads nothing.
            "scopes": [Scope.OPEN311_FILE],
        },
    )
    if created:
        key.services.set([commune.services[slug] for slug in data.DEMO_OPEN311_SERVICES])
        sync_key_user(key)


def create_staff(commune: Commune, *, password: str, joined: datetime.datetime) -> None:
    staff = [(email, *row) for email, row in data.DEMO_STAFF.items()]
    staff += [
        (f"{ascii_slug(first)}.{ascii_slug(last)}@{data.STAFF_DOMAIN}", first, last, role, slugs)
        for first, last, role, slugs in data.STAFF
    ]
    for email, first, last, role, slugs in staff:
        user = create_user(email, first, last, role=role, password=password, joined=joined)
        user.services.set([commune.services[slug] for slug in slugs])
        for slug in slugs:
            pool = commune.supervisors if role == Role.SUPERVISOR else commune.agents
            # The demo agent gets a good share of their services' work.
            pool.setdefault(slug, []).extend([user] * (3 if email in data.DEMO_STAFF else 1))


def create_citizens(commune: Commune, *, rng: random.Random, password: str, until: datetime.datetime) -> None:
    commune.demo_citizen = create_user(
        CITIZEN_EMAIL,
        *data.DEMO_CITIZEN,
        role=Role.CITIZEN,
        password=password,
        joined=until - datetime.timedelta(days=400),
        phone="06 39 98 00 17",
    )
    names = set()
    while len(names) < CITIZENS:
        names.add((rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)))
    for first, last in sorted(names):
        email = f"{ascii_slug(first)}.{ascii_slug(last)}@{data.CITIZEN_DOMAIN}"
        since = until - datetime.timedelta(days=rng.randint(190, 900))
        phone = phone_number(rng) if rng.random() < 0.6 else ""
        commune.citizens.append(
            create_user(email, first, last, role=Role.CITIZEN, password=password, joined=since, phone=phone)
        )


def create_user(email, first, last, *, role, password, joined, phone="") -> User:
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "role": role,
            "password": password,
            # Stored as lookups compare numbers, and verified: the demo's people hold their numbers,
            # so requests entered for them by phone keep joining their accounts.
            "phone": e164_or_blank(phone),
            "phone_verified_at": joined if phone else None,
            "date_joined": joined,
            "email_verified_at": joined,
            "is_staff": role == Role.ADMINISTRATOR,
            "is_superuser": role == Role.ADMINISTRATOR,
        },
    )
    return user


def open_counters(*, today: datetime.date) -> int:
    """Counters with half-hour slots on the coming business days, so booking can be tried."""
    slots = []
    for service_slug, name, location, capacity in data.COUNTERS:
        counter = Counter.objects.create(service=Service.objects.get(slug=service_slug), name=name, location=location)
        day = today
        for _ in range(data.COUNTER_DAYS_AHEAD):
            day = next_business_day(day)
            for hour, minute in data.COUNTER_SLOT_STARTS:
                starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
                slots.append(Slot(counter=counter, starts_at=starts, ends_at=starts + SLOT_LENGTH, capacity=capacity))
    Slot.objects.bulk_create(slots)
    return len(slots)
