"""Set-up of a benchmark run: signed-in sessions, API keys and the ids the scenarios pick from.

Run as `python -m bench.prepare OUTPUT.json` with the benchmark's environment; it writes what
the load scenarios need (cookies, keys, references) and prints nothing secret elsewhere.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_crm.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db.models import Count, Exists, OuterRef  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from interop.models import TECHNICAL_EMAIL_DOMAIN, ApiKey, Scope, sync_key_user  # noqa: E402
from interop.open311.georeport import published_tickets  # noqa: E402
from requests_app.models import Category, CategoryField, Kind, Service, Ticket  # noqa: E402

BENCH_KEY = "rc_bench_load_key_not_for_production"  # a key of the benchmark database only
SAMPLE = 500
# The demo's accounts when the data comes from seed_demo; any account of the role otherwise.
PREFERRED = {
    Role.AGENT: "agent@bourg-sur-loire.example",
    Role.CITIZEN: "usager@bourg-sur-loire.example",
    Role.MANAGER: "direction@bourg-sur-loire.example",
}


def person(role: str) -> User:
    people = User.objects.filter(role=role, is_active=True).exclude(email__endswith="@" + TECHNICAL_EMAIL_DOMAIN)
    preferred = people.filter(email=PREFERRED[role]).first()
    if preferred is not None:
        return preferred
    if role == Role.AGENT:
        # An agent of the busiest service, so that the queue is a full one.
        busiest = Ticket.objects.values("service").annotate(n=Count("pk")).order_by("-n").first()
        return people.filter(services=busiest["service"]).order_by("pk").first()
    if role == Role.CITIZEN:
        busiest = (
            Ticket.objects.filter(citizen__isnull=False)
            .values("citizen")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        return User.objects.get(pk=busiest["citizen"])
    # Generated data may have no manager: the benchmark brings its own.
    manager = people.order_by("pk").first()
    if manager is None:
        manager = User.objects.create_user("bench-manager@bench.invalid", role=role, first_name="Bench")
    return manager


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def bench_key() -> str:
    key = ApiKey.objects.filter(name="Benchmark").first() or ApiKey(name="Benchmark")
    key.set_key(BENCH_KEY)
    key.is_active = True
    # The benchmark files by Open311 and opens requests through the REST API with the same key.
    key.scopes = list(Scope.values)
    key.save()
    key.services.set(Service.objects.filter(is_active=True))
    sync_key_user(key)
    return BENCH_KEY


def machine() -> dict:
    import platform

    import redis
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    with redis.Redis.from_url(settings.REDIS_URL) as client:
        redis_version = client.info("server")["redis_version"]
    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    model = ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis_version,
    }


def main(output: str) -> None:
    agent, citizen, manager = person(Role.AGENT), person(Role.CITIZEN), person(Role.MANAGER)
    services = list(agent.services.values_list("pk", flat=True))
    # Categories a form can file in without answering questions.
    required = CategoryField.objects.filter(category=OuterRef("pk"), required=True)
    categories = list(
        Category.objects.filter(is_active=True, service__is_active=True)
        .exclude(Exists(required))
        .exclude(service_code="")
        .values("pk", "service_code", "kind")
    )
    agent_refs = list(
        Ticket.objects.filter(service__in=services).order_by("?").values_list("reference", flat=True)[:SAMPLE]
    )
    # Open311 publishes reports only.
    open311_refs = list(
        published_tickets().filter(service__in=services).order_by("?").values_list("reference", flat=True)[:SAMPLE]
    ) or list(published_tickets().values_list("reference", flat=True)[:SAMPLE])
    citizen_refs = list(Ticket.objects.filter(citizen=citizen).values_list("reference", flat=True)[:SAMPLE])
    words = set()
    for subject in Ticket.objects.filter(service__in=services).values_list("subject", flat=True)[:200]:
        words.update(word for word in subject.split() if len(word) >= 6 and word.isalpha())
    context = {
        "machine": machine(),
        "tickets": Ticket.objects.count(),
        "sessions": {
            "agent": session_cookie(agent),
            "citizen": session_cookie(citizen),
            "manager": session_cookie(manager),
        },
        "api_key": bench_key(),
        "agent_services": services,
        "categories": categories,
        "agent_refs": agent_refs,
        "open311_refs": open311_refs,
        "open311_codes": [category["service_code"] for category in categories if category["kind"] == Kind.REPORT],
        "citizen_refs": citizen_refs,
        "search_words": sorted(words)[:50] or ["voirie"],
    }
    with open(output, "w") as handle:
        json.dump(context, handle)
    print(
        f"bench: {context['tickets']} tickets; agent {agent.pk} ({len(agent_refs)} tickets sampled), "
        f"citizen {citizen.pk} ({len(citizen_refs)}), manager {manager.pk}, {len(categories)} categories"
    )


if __name__ == "__main__":
    main(sys.argv[1])
