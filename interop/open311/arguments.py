"""What every Open311 call shares: its refusals, jurisdiction, API key, date-times and lists."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from interop.models import ApiKey

MAX_WINDOW = datetime.timedelta(days=90)


class Open311Error(Exception):
    """A request the server refuses; `status` is the HTTP status, `descriptions` the problems."""

    def __init__(self, status: int, *descriptions: str):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = [str(description) for description in descriptions]


def check_jurisdiction(params) -> None:
    """One jurisdiction is served: an absent or empty jurisdiction_id is fine, another one is not."""
    jurisdiction = (params.get("jurisdiction_id") or "").strip()
    if jurisdiction and jurisdiction.lower() != settings.OPEN311_JURISDICTION_ID.lower():
        raise Open311Error(
            404,
            gettext("jurisdiction_id “%(given)s” was not found; this server serves “%(ours)s”.")
            % {"given": jurisdiction, "ours": settings.OPEN311_JURISDICTION_ID},
        )


def check_no_null_characters(params, path_arguments: dict) -> None:
    """A NUL cannot be stored nor searched for (PostgreSQL refuses it): refuse it up front."""
    values = [*path_arguments.values(), *(value for name in params for value in [name, *params.getlist(name)])]
    if any("\x00" in str(value) for value in values):
        raise Open311Error(400, gettext("Null characters are not allowed."))


def authenticate(params, *, required: bool) -> ApiKey | None:
    key = (params.get("api_key") or "").strip()
    if not key:
        if required:
            raise Open311Error(400, gettext("api_key was not provided."))
        return None
    api_key = ApiKey.authenticate(key)
    if api_key is None:
        raise Open311Error(403, gettext("api_key is not valid."))
    api_key.touch()
    return api_key


def w3c_datetime(value: datetime.datetime | datetime.date | None) -> str | None:
    """W3C date-time in the site's time zone with its offset, e.g. 2026-11-23T17:04:05+01:00."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = timezone.make_aware(datetime.datetime.combine(value, datetime.time(23, 59, 59)))
    return timezone.localtime(value).isoformat(timespec="seconds")


def parse_w3c_datetime(name: str, raw: str) -> datetime.datetime:
    try:
        value = parse_datetime(raw.strip()) if "T" in raw else None
    except ValueError:
        value = None
    if value is None or timezone.is_naive(value):
        raise Open311Error(
            400,
            gettext("%(name)s must be a W3C date-time with a time zone, like 2026-01-01T00:00:00Z (got “%(raw)s”).")
            % {"name": name, "raw": raw},
        )
    return value


def date_window(params, *, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """start_date..end_date; by default the last 90 days, and never wider than 90 days."""
    raw_start = (params.get("start_date") or "").strip()
    raw_end = (params.get("end_date") or "").strip()
    start = parse_w3c_datetime("start_date", raw_start) if raw_start else None
    end = parse_w3c_datetime("end_date", raw_end) if raw_end else None
    if start is None and end is None:
        end = now
    if start is None:
        start = end - MAX_WINDOW
    if end is None:
        end = start + MAX_WINDOW
    if start > end:
        raise Open311Error(400, gettext("start_date must be before end_date."))
    if end - start > MAX_WINDOW:
        raise Open311Error(400, gettext("start_date and end_date may not be more than 90 days apart."))
    return start, end


def comma_list(params, name: str) -> list[str]:
    return [item.strip() for item in (params.get(name) or "").split(",") if item.strip()]
