"""A replaced wall clock for tests that build a past through code without a `now=` parameter
(factories, several workflow calls in a row): `clock.moment = ...`, `None` for real time.

Patching `django.utils.timezone.now` would not do: model fields keep the original function
as their default (`default=timezone.now`), so events, messages and outbox rows would still
be dated today. Every way of asking Django the time ends in the `datetime.now()` call inside
`django.utils.timezone`, so that one name is replaced instead.
"""

import datetime
from unittest import mock

from django.utils import timezone


class ReplayedClock:
    def __init__(self):
        self.moment = None
        clock = self

        class ReplayedDatetime(datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                if clock.moment is None:
                    return datetime.datetime.now(tz)
                if tz is None:
                    return timezone.make_naive(clock.moment)
                return clock.moment.astimezone(tz)

        self._patch = mock.patch("django.utils.timezone.datetime", ReplayedDatetime)

    def __enter__(self):
        self._patch.start()
        return self

    def __exit__(self, *exc_info):
        self.moment = None
        self._patch.stop()
