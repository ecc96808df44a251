"""Business-day arithmetic for commitments: weekends and French public holidays are skipped."""

import datetime
from functools import cache

import holidays


@cache
def _french_holidays(year: int) -> frozenset[datetime.date]:
    # Metropolitan France; Alsace-Moselle and overseas départements would add their own days.
    return frozenset(holidays.France(years=year).keys())


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def next_business_day(day: datetime.date) -> datetime.date:
    """The first business day after `day`."""
    day += datetime.timedelta(days=1)
    while not is_business_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` business days after `start` (a request on Friday with 1 day is due Monday)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many business days lie after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_business_day(current):
            count += 1
    return count
