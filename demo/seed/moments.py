"""When things happen in the replayed past: working hours, local moments, and each ticket's clock.

The seed never touches the wall clock: every call into the product is given the moment of its
step (`now=story.t`), so references, due dates, events, messages and outbox rows carry it.
"""

import datetime

from django.utils import timezone

from requests_app.sla import is_business_day, next_business_day

OPENS_AT, CLOSES_AT = 8.5, 17.75  # agents' working hours (local time)
HOME_FROM, HOME_UNTIL = 7.0, 22.5  # when citizens write


class StoryPaused(Exception):
    """The next step would happen after now: the ticket stays where it is."""


def local_moment(day: datetime.date, hours: float) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hours)
    return timezone.make_aware(naive)


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


class Story:
    """The moment a ticket has reached; each step moves it forward, never past `until`."""

    def __init__(self, start: datetime.datetime, *, until: datetime.datetime, rng):
        self.t = start
        self.until = until
        self.rng = rng

    def office(self, low_hours: float, high_hours: float) -> None:
        """An agent acts, some hours later, during working hours."""
        moment = self.t + datetime.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        local = timezone.localtime(moment)
        hour = local.hour + local.minute / 60
        day = local.date()
        if not (is_business_day(day) and OPENS_AT <= hour < CLOSES_AT):
            if hour >= CLOSES_AT or not is_business_day(day):
                day = next_business_day(day)
            moment = local_moment(day, OPENS_AT + self.rng.uniform(0, 1.5))
        self.at(moment)

    def home(self, low_hours: float, high_hours: float) -> None:
        """The citizen acts, some hours later, at a decent hour."""
        moment = self.t + datetime.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        local = timezone.localtime(moment)
        hour = local.hour + local.minute / 60
        if hour < HOME_FROM:
            moment = local_moment(local.date(), HOME_FROM + self.rng.uniform(0, 3))
        elif hour >= HOME_UNTIL:
            moment = local_moment(local.date() + datetime.timedelta(days=1), 7.5 + self.rng.uniform(0, 3))
        self.at(moment)

    def at(self, moment: datetime.datetime) -> None:
        # Events of one ticket keep a strict order, a minute apart at least.
        moment = max(moment, self.t + datetime.timedelta(minutes=1))
        if moment > self.until:
            raise StoryPaused
        self.t = moment
