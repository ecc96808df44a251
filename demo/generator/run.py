"""The whole run: citizens, then requests day by day, written in batches; the progress shown."""

import datetime
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection

from demo import data
from requests_app.models import Channel, ReferenceCounter

from .directory import create_citizens, ensure_directory
from .story import Generator
from .timing import CHANNEL_WEIGHTS, OFFICE_CHANNELS, arrival_hours, at_hours, business_day, daily_counts
from .writers import Batch, BatchWriter, Result, analyze, reset_sequences, skips_key_checks

CITIZENS_PER_TICKET = 0.2
CHANNELS, CHANNEL_WEIGHT_VALUES = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())


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
    rng = random.Random(seed)
    citizens = round(tickets * CITIZENS_PER_TICKET) if citizens is None else citizens
    until_local = naive_local(until or datetime.datetime.now(datetime.UTC)) - datetime.timedelta(minutes=1)
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
        for moment, channel in arrivals(day, count, rng=rng, until=until_local):
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


def naive_local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)


def arrivals(day: datetime.date, count: int, *, rng: random.Random, until: datetime.datetime) -> list[tuple]:
    """The day's `count` requests as (moment, channel), in order; offices are closed on holidays."""
    open_office = business_day(day)
    moments = []
    for _ in range(count):
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHT_VALUES)[0]
        if channel in OFFICE_CHANNELS and not open_office:
            channel = Channel.WEB if rng.random() < 0.65 else Channel.EMAIL
        moment = at_hours(day, arrival_hours(channel, rng))
        if moment > until:  # today, later than now: earlier today instead
            moment = max(until - datetime.timedelta(minutes=rng.uniform(5, 300)), at_hours(day, 0))
        moments.append((moment, channel))
    moments.sort()
    return moments


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
