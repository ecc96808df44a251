"""`manage.py seed_demo`: the commune of Bourg-sur-Loire with six months of requests.

Every ticket is opened by `intake.open_ticket` and moved by `workflow` functions, exactly as in
real use, and each call is given the moment of its step (`now=`): references, due dates,
timeline events, messages, surveys and outbox rows all carry that moment. A step that would
fall after now is not played, so recent tickets are naturally still open. See `demo.seed`.

Nobody is mailed: the outbox rows are written within `outbox.held_dispatch()`, which hands none
to the workers, and are marked as sent. The seeding is one transaction; once the demo
administrator exists, the command only prints the logins.
"""

import datetime
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from accounts.models import Role, User
from demo import data
from demo.seed.commune import create_commune, open_counters
from demo.seed.planning import Planner
from demo.seed.playing import Player
from notifications import outbox
from notifications.models import Notification
from requests_app.models import Ticket
from satisfaction import rollups
from satisfaction.models import BarometerQuestion

ADMIN_EMAIL = next(email for role, email in data.DEMO_LOGINS if role == Role.ADMINISTRATOR)
REPORT_EVERY = 50  # requests


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
        # Demo people must not be mailed, now or by the sweep later: nothing written here is
        # handed to the workers, and every row is marked sent at the end.
        with outbox.held_dispatch() as held, transaction.atomic():
            self.play(target=target, seed=seed, until=until)
            for start in range(0, len(held), 500):
                Notification.objects.filter(
                    pk__in=held[start : start + 500], status=Notification.Status.PENDING
                ).update(
                    status=Notification.Status.SENT, attempts=1, claimed_at=F("created_at"), sent_at=F("created_at")
                )
            slots = open_counters(today=timezone.localdate())
        self.stdout.write(f"Opened {len(data.COUNTERS)} counters with {slots} appointment slots.")
        by_status = Ticket.objects.values("status").annotate(n=Count("pk")).order_by("status")
        self.stdout.write("Requests by status: " + ", ".join(f"{row['status']} {row['n']}" for row in by_status))
        # Last, once every request and survey exists: the dashboards read the daily rollups.
        first = rollups.first_day()
        if first is not None:
            days = rollups.rebuild(first, timezone.localdate())
            self.stdout.write(f"Rolled up {days} days of figures for the dashboards.")

    def play(self, *, target: int, seed: int, until: datetime.datetime) -> None:
        started = time.monotonic()
        rng = random.Random(seed)
        commune = create_commune(rng=rng, until=until)
        BarometerQuestion.objects.filter(code__in=data.DEMO_BAROMETER).update(is_asked=True)
        self.stdout.write(
            f"Created {len(commune.services)} services, {len(commune.categories)} categories, "
            f"{User.objects.count()} users."
        )
        planner = Planner(commune, rng=rng, until=until)
        player = Player(commune, planner, rng=rng, survey_rng=random.Random(seed + 1), until=until)
        next_report = REPORT_EVERY
        for spec in planner.plan_requests(target):
            player.play(spec)
            if player.created >= min(next_report, target):
                self.stdout.write(f"  {player.created}/{target} requests ({time.monotonic() - started:.1f} s)")
                next_report += REPORT_EVERY

    def print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password: {data.DEMO_PASSWORD}):")
        for role, email in data.DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"Open311 demo key: {data.DEMO_OPEN311_KEY}")
