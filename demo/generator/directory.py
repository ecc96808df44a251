"""Who the generated requests involve: the demo's services and categories, a few agents in every
service, and the citizens (written in batches, sharing one password hash)."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from accounts.models import Role, User
from demo import data
from demo.fiction import ascii_slug, phone_number
from requests_app.models import Category, Service

from .timing import to_utc
from .writers import IdPool, write_rows

DEFAULT_CATEGORY_WEIGHT = 3
GENERATED_DOMAIN = "usagers.example.fr"  # reserved for fiction (RFC 2606)


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
            defaults={
                "service": services[service_slug],
                "name": name,
                "kind": kind,
                "sla_days": sla_days,
                "is_public": code in data.PUBLIC_CATEGORIES,
            },
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
