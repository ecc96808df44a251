"""Drill-down: every number links to the workbench list of the requests behind it."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse

from ..buckets import AGE_BOUNDS_DAYS


class Drill:
    """Links to the workbench list of the requests behind a figure, with the page's filters."""

    def __init__(self, cleaned_data: dict):
        self.base = {}
        if cleaned_data.get("service"):
            self.base["service"] = cleaned_data["service"].pk
        if cleaned_data.get("category"):
            self.base["category"] = cleaned_data["category"].pk
        for name in ("channel", "kind"):
            if cleaned_data.get(name):
                self.base[name] = cleaned_data[name]

    def url(self, **params) -> str:
        query = {"status": "any", **self.base, **params}
        for key, value in query.items():
            if isinstance(value, datetime.date):
                query[key] = value.isoformat()
        return reverse("requests_app:workbench") + "?" + urlencode(query)

    def created(self, start, end, **params):
        return self.url(created_from=start, created_to=end, **params)

    def resolved(self, start, end, **params):
        return self.url(resolved_from=start, resolved_to=end, **params)

    def answered(self, start, end, **params):
        return self.url(answered_from=start, answered_to=end, **params)

    def open_on(self, day, **params):
        return self.url(open_on=day, **params)


def age_range(end: datetime.date, bucket: int) -> dict:
    """The creation days of the requests of an age bucket, as workbench filters."""
    lows = [0, *[bound + 1 for bound in AGE_BOUNDS_DAYS]]
    params = {"created_to": end - datetime.timedelta(days=lows[bucket])}
    if bucket < len(AGE_BOUNDS_DAYS):
        params["created_from"] = end - datetime.timedelta(days=AGE_BOUNDS_DAYS[bucket])
    return params
