"""`manage.py generate_data --tickets N`: a large, realistic data set for load tests.

See `demo.generator` for what is generated and how. The command checks its arguments,
refuses to add to a database that already holds requests unless `--append` is given, prints
progress, then rebuilds the dashboards' daily rollups over the generated range.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import generator
from requests_app.models import Ticket
from satisfaction import rollups
from satisfaction.models import AgentDailyFact, DailyFact


class Command(BaseCommand):
    help = "Generate a large, realistic data set (citizens, years of requests, timelines, surveys). DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, required=True, help="How many requests to generate.")
        parser.add_argument(
            "--citizens", type=int, default=None, help="How many citizen accounts (default: a fifth of --tickets)."
        )
        parser.add_argument("--years", type=int, default=4, help="Over how many years, up to today (default 4).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--batch", type=int, default=10_000, help="Requests written per batch (default 10000).")
        parser.add_argument("--no-rollups", action="store_true", help="Skip rebuilding the daily rollups.")
        parser.add_argument("--append", action="store_true", help="Add to a database that already holds requests.")
        parser.add_argument(
            "--check-keys",
            action="store_true",
            help="Keep PostgreSQL's foreign-key checks during the load (slower; skipped for superusers otherwise).",
        )
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, tickets, citizens, years, seed, batch, no_rollups, append, check_keys, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_data fills the database with fictional people and requests; it only runs "
                "with DEBUG on. Use --force to generate anyway."
            )
        if tickets < 1:
            raise CommandError("--tickets must be at least 1.")
        if citizens is not None and citizens < 0:
            raise CommandError("--citizens cannot be negative.")
        if not 1 <= years <= 20:
            raise CommandError("--years must be between 1 and 20.")
        if batch < 100:
            raise CommandError("--batch must be at least 100.")
        existing = Ticket.objects.count()
        if existing and not append:
            raise CommandError(
                f"The database already holds {existing} requests. Use --append to add the generated ones "
                "(references go on after the existing ones)."
            )
        started = time.monotonic()
        write = self.stdout.write
        result = generator.generate(
            tickets=tickets,
            citizens=citizens,
            years=years,
            seed=seed,
            batch=batch,
            on_citizens=generator.Progress(write, "citizens"),
            on_tickets=generator.Progress(write, "requests"),
            trust_keys=not check_keys,
        )
        write(
            f"Generated {result.citizens:,} citizens, {result.tickets:,} requests, {result.events:,} events, "
            f"{result.messages:,} messages, {result.surveys:,} surveys from {result.first_day} to {result.last_day} "
            f"in {generator.format_seconds(time.monotonic() - started)}."
        )
        if not no_rollups:
            first = rollups.first_day() or result.first_day
            rollup_started = time.monotonic()
            days = rollups.rebuild(first, result.last_day, progress=generator.Progress(write, "rollup days"))
            # The dashboards' plans need the facts' statistics as much as the load needed the tickets'.
            generator.analyze((DailyFact, AgentDailyFact))
            write(f"Rolled up {days:,} days in {generator.format_seconds(time.monotonic() - rollup_started)}.")
        write(self.style.SUCCESS(f"Done in {generator.format_seconds(time.monotonic() - started)}."))
