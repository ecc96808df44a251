"""When requests arrive and when their steps happen, in naive local time (Europe/Paris).

Every generated moment falls between 7:00 and 23:00, away from daylight-saving changes, so each
day's UTC offset converts it exactly (`to_utc`).
"""

import datetime
import random
from collections.abc import Iterator
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings

from requests_app.models import Channel
from requests_app.sla import add_business_days, is_business_day

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
# More requests in spring and summer (works, parks, noise), fewer at Christmas.
MONTH_FACTOR = {1: 0.85, 2: 0.9, 3: 1.0, 4: 1.1, 5: 1.15, 6: 1.2, 7: 1.1, 8: 0.9, 9: 1.1, 10: 1.0, 11: 0.9, 12: 0.75}
SATURDAY_FACTOR, SUNDAY_FACTOR = 0.45, 0.3  # weekends and public holidays: online channels only
YEARLY_GROWTH = 0.08  # the online channels draw a little more each year
OPENS_AT, CLOSES_AT = 8.5, 17.75  # agents' working hours
HOME_FROM, HOME_UNTIL = 7.0, 22.5  # when citizens write


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
