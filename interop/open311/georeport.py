"""What the Open311 GeoReport v2 server publishes and accepts, in plain functions.

Published ("services"): the active categories of kind *report* (problems in public space) of
active services; Open311 is a protocol for such reports, not for questions or complaints.

Published ("requests"): tickets of kind *report* that have a category. Each request shows its
category, public status, service, dates, place and, for requests filed through Open311 itself,
the reporter's description and media link. Nothing about the person is ever published: no name,
e-mail, phone, account; the descriptions written on the other channels are left out too, because
the people who wrote them were not told that their words would be public.

Updates (mySociety's `servicerequestupdates` extension): the public timeline events of the
published requests, each described by a fixed sentence, never by a message's text.
"""

import datetime
import decimal
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interop.models import ApiKey
from requests_app import intake
from requests_app.category_fields import validate_attributes
from requests_app.models import OPEN_STATUSES, Category, Channel, Kind, Ticket, TicketEvent

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this server's Open311 interface last changed (the discovery document's changeset).
CHANGESET = "2026-11-23T00:00:00+01:00"
MAX_RESULTS = 1000
MAX_WINDOW = datetime.timedelta(days=90)
DESCRIPTION_MAX_LENGTH = 4000
ATTRIBUTE_PARAMETER = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
# A French postal code inside an address: "12 rue Pasteur, 45000 Bourg-sur-Loire".
POSTCODE = re.compile(r"\b(\d{5})\b")

S = Ticket.Status
E = TicketEvent.Kind

# What each internal status means to the public; `status` itself is only open or closed.
STATUS_NOTES = {
    S.RECEIVED: _("Received, not yet examined."),
    S.QUALIFIED: _("Examined and sent to the service in charge."),
    S.IN_PROGRESS: _("The service in charge is working on it."),
    S.AWAITING_CITIZEN: _("The service is waiting for details from the person who reported it."),
    S.RESOLVED: _("Resolved by the service in charge."),
    S.CLOSED: _("Closed."),
    S.REJECTED: _("Rejected: the town hall cannot act on it."),
    S.MERGED: _("Duplicate: merged into another report of the same problem."),
}
# The public timeline events published as updates, each with its fixed description.
UPDATE_DESCRIPTIONS = {
    E.STATUS_CHANGED: _("Status changed."),
    E.ASSIGNED: _("Taken in charge by the service."),
    E.REROUTED: _("Sent to another service."),
    E.PUBLIC_REPLY: _("The service answered the person who reported it."),
    E.INFO_REQUESTED: _("The service asked the person who reported it for details."),
    E.RESOLVED: _("Resolved by the service in charge."),
    E.REJECTED: _("Rejected: the town hall cannot act on it."),
    E.MERGED: _("Duplicate: merged into another report of the same problem."),
    E.REOPENED: _("Reopened."),
    E.CONFIRMED: _("Resolution confirmed."),
    E.CLOSED: _("Closed."),
}


class Open311Error(Exception):
    """A request the server refuses; `status` is the HTTP status, `descriptions` the problems."""

    def __init__(self, status: int, *descriptions: str):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = [str(description) for description in descriptions]


# --- common arguments ------------------------------------------------------------------------


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


# --- services --------------------------------------------------------------------------------


def open311_categories():
    return Category.objects.filter(is_active=True, service__is_active=True, kind=Kind.REPORT)


def list_services() -> list[dict]:
    categories = (
        open311_categories().select_related("service").prefetch_related("fields").order_by("service__name", "name")
    )
    return [
        {
            "service_code": category.service_code,
            "service_name": category.name,
            "description": category.description,
            "metadata": bool(category.fields.all()),
            "type": "realtime",
            "keywords": ", ".join([category.service.name, category.get_kind_display()]),
            "group": category.service.name,
        }
        for category in categories
    ]


def get_category(service_code: str, *, api_key: ApiKey | None = None) -> Category:
    """The Open311 category of `service_code` (404 otherwise).

    With `api_key`, the category says in `key_may_file` whether the key may file there, from the
    same query.
    """
    categories = open311_categories().select_related("service").filter(service_code=service_code)
    if api_key is not None:
        categories = categories.annotate(key_may_file=api_key.may_file_in_expression())
    category = categories.first()
    if category is None:
        raise Open311Error(404, gettext("service_code “%(code)s” was not found.") % {"code": service_code})
    return category


def service_definition(service_code: str) -> dict:
    category = get_category(service_code)
    attributes = []
    for position, field in enumerate(category.fields.order_by("order", "pk"), start=1):
        attributes.append(
            {
                "variable": True,
                "code": field.code,
                "datatype": field.datatype,
                "required": field.required,
                "datatype_description": field.help_text or field.get_datatype_display(),
                "order": position,
                "description": field.label,
                "values": [{"key": value["key"], "name": value["name"]} for value in field.values or []],
            }
        )
    return {"service_code": category.service_code, "attributes": attributes}


def discovery(base_url: str) -> dict:
    return {
        "changeset": CHANGESET,
        "contact": gettext("%(name)s — %(email)s — %(phone)s")
        % {
            "name": settings.MUNICIPALITY_NAME,
            "email": settings.MUNICIPALITY_EMAIL,
            "phone": settings.MUNICIPALITY_PHONE,
        },
        "key_service": gettext("Ask the town hall for an API key: %(email)s") % {"email": settings.MUNICIPALITY_EMAIL},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


# --- requests --------------------------------------------------------------------------------


def published_tickets():
    return Ticket.objects.filter(kind=Kind.REPORT, category__isnull=False)


def public_status(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def _coordinate(value) -> float | None:
    return None if value is None else float(value)


def service_notice(category: Category) -> str:
    return gettext("Handled by %(service)s; answer expected within %(days)d business days.") % {
        "service": category.service.name,
        "days": category.sla_days,
    }


def request_row(ticket: Ticket) -> dict:
    """One published request. Never the person: no name, e-mail, phone or account."""
    filed_here = ticket.channel == Channel.API
    postcode = POSTCODE.search(ticket.address)
    return {
        "service_request_id": ticket.reference,
        "status": public_status(ticket.status),
        "status_notes": str(STATUS_NOTES[ticket.status]),
        "service_name": ticket.category.name,
        "service_code": ticket.category.service_code,
        "description": ticket.description if filed_here else None,
        "agency_responsible": ticket.service.name,
        "service_notice": service_notice(ticket.category),
        "requested_datetime": w3c_datetime(ticket.created_at),
        "updated_datetime": w3c_datetime(ticket.updated_at),
        "expected_datetime": w3c_datetime(ticket.due_date) if ticket.is_open else None,
        "address": ticket.address,
        "address_id": None,
        "zipcode": postcode.group(1) if postcode else None,
        "lat": _coordinate(ticket.latitude),
        "long": _coordinate(ticket.longitude),
        "media_url": ticket.media_url if filed_here and ticket.media_url else None,
    }


def _rows(queryset) -> list[dict]:
    tickets = queryset.select_related("category__service", "service").order_by("-created_at", "-pk")[:MAX_RESULTS]
    return [request_row(ticket) for ticket in tickets]


def search_requests(params, *, now: datetime.datetime) -> list[dict]:
    references = comma_list(params, "service_request_id")
    if references:
        # The specification: service_request_id overrides every other argument.
        return _rows(published_tickets().filter(reference__in=references[:MAX_RESULTS]))
    start, end = date_window(params, now=now)
    tickets = published_tickets().filter(created_at__gte=start, created_at__lte=end)
    codes = comma_list(params, "service_code")
    if codes:
        tickets = tickets.filter(category__service_code__in=codes)
    statuses = {status.lower() for status in comma_list(params, "status")}
    unknown = statuses - {"open", "closed"}
    if unknown:
        raise Open311Error(
            400, gettext("status must be open, closed or both (got “%(status)s”).") % {"status": ", ".join(unknown)}
        )
    if statuses == {"open"}:
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        tickets = tickets.exclude(status__in=OPEN_STATUSES)
    return _rows(tickets)


def get_request(reference: str) -> list[dict]:
    rows = _rows(published_tickets().filter(reference=reference))
    if not rows:
        raise Open311Error(404, gettext("service_request_id “%(id)s” was not found.") % {"id": reference})
    return rows


def search_updates(params, *, now: datetime.datetime) -> list[dict]:
    start, end = date_window(params, now=now)
    events = (
        TicketEvent.objects.filter(
            is_public=True,
            kind__in=list(UPDATE_DESCRIPTIONS),
            created_at__gte=start,
            created_at__lte=end,
            ticket__in=published_tickets(),
        )
        .select_related("ticket")
        .order_by("created_at", "pk")[:MAX_RESULTS]
    )
    return [
        {
            "update_id": str(event.pk),
            "service_request_id": event.ticket.reference,
            "status": public_status(event.to_status or event.ticket.status),
            "updated_datetime": w3c_datetime(event.created_at),
            "description": str(UPDATE_DESCRIPTIONS[event.kind]),
            "media_url": None,
        }
        for event in events
    ]


# --- filing a request ------------------------------------------------------------------------


@dataclass
class Filing:
    category: Category
    attributes: dict
    description: str
    address: str
    latitude: decimal.Decimal | None
    longitude: decimal.Decimal | None
    contact_name: str
    contact_email: str
    contact_phone: str
    media_url: str


def _coordinate_argument(name: str, raw: str, limit: int, problems: list[str]) -> decimal.Decimal | None:
    try:
        value = decimal.Decimal(raw.strip())
    except decimal.InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit:
        problems.append(
            gettext("%(name)s must be a number between -%(limit)d and %(limit)d (WGS84).")
            % {"name": name, "limit": limit}
        )
        return None
    return value.quantize(decimal.Decimal("0.000001"), rounding=decimal.ROUND_HALF_EVEN)


def attribute_arguments(params) -> dict[str, list[str]]:
    """attribute[code]=value and attribute[code][]=value (multivaluelist) → {code: [values]}."""
    answers: dict[str, list[str]] = {}
    for name in params:
        match = ATTRIBUTE_PARAMETER.match(name)
        if match:
            values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
            answers.setdefault(match.group(1), []).extend(values)
    return answers


def parse_filing(params, api_key: ApiKey) -> Filing:
    """Check a POST requests call; every problem is reported at once (400), or 404/403 first."""
    service_code = (params.get("service_code") or "").strip()
    if not service_code:
        raise Open311Error(400, gettext("service_code was not provided."))
    category = get_category(service_code, api_key=api_key)
    if not category.key_may_file:
        raise Open311Error(
            403, gettext("This api_key may not file requests in service_code “%(code)s”.") % {"code": service_code}
        )

    problems: list[str] = []
    text = {
        name: (params.get(name) or "").strip()
        for name in ("lat", "long", "address_string", "address_id", "email", "first_name", "last_name", "phone")
    }
    latitude = longitude = None
    if text["lat"] or text["long"]:
        if not (text["lat"] and text["long"]):
            problems.append(gettext("lat and long must be sent together."))
        else:
            latitude = _coordinate_argument("lat", text["lat"], 90, problems)
            longitude = _coordinate_argument("long", text["long"], 180, problems)
    elif not text["address_string"] and not text["address_id"]:
        problems.append(gettext("A location is required: lat and long, address_string or address_id."))
    # There is no address repository here: an address_id stands for the address when it is all we have.
    address = text["address_string"] or text["address_id"]
    if len(address) > Ticket._meta.get_field("address").max_length:
        problems.append(gettext("address_string is too long."))

    description = (params.get("description") or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        problems.append(
            gettext("description may not be longer than %(limit)d characters (it has %(count)d).")
            % {"limit": DESCRIPTION_MAX_LENGTH, "count": len(description)}
        )

    email = text["email"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(gettext("email is not a valid e-mail address."))
    if len(text["phone"]) > Ticket._meta.get_field("contact_phone").max_length:
        problems.append(gettext("phone is too long."))
    contact_name = " ".join(part for part in (text["first_name"], text["last_name"]) if part)
    if len(contact_name) > Ticket._meta.get_field("contact_name").max_length:
        problems.append(gettext("first_name and last_name are too long."))
    if not (contact_name or email or text["phone"]):
        # Anonymous reports are welcome: the application that sent it stands as the contact.
        contact_name = gettext("%(application)s (Open311)") % {"application": api_key.name}
        contact_name = contact_name[: Ticket._meta.get_field("contact_name").max_length]

    media_url = (params.get("media_url") or "").strip()
    if media_url:
        try:
            if len(media_url) > Ticket._meta.get_field("media_url").max_length:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            problems.append(gettext("media_url must be an http or https address of at most 500 characters."))

    attributes = {}
    try:
        attributes = validate_attributes(category, attribute_arguments(params))
    except ValidationError as error:
        for code, messages in error.message_dict.items():
            problems.extend(f"attribute[{code}]: {message}" for message in messages)

    if problems:
        raise Open311Error(400, *problems)
    return Filing(
        category=category,
        attributes=attributes,
        description=description,
        address=address,
        latitude=latitude,
        longitude=longitude,
        contact_name=contact_name,
        contact_email=email,
        contact_phone=text["phone"],
        media_url=media_url,
    )


def file_request(params, api_key: ApiKey, *, language: str) -> dict:
    """POST requests: open the ticket at once (type "realtime") and answer with its reference."""
    filing = parse_filing(params, api_key)
    category = filing.category
    subject = category.name
    if filing.address:
        subject = f"{category.name} — {filing.address}"
    ticket, _token = intake.open_ticket(
        intake.Filing(
            channel=Channel.API,
            kind=category.kind,
            category=category,
            subject=subject[: Ticket._meta.get_field("subject").max_length],
            description=filing.description,
            address=filing.address,
            latitude=filing.latitude,
            longitude=filing.longitude,
            contact_name=filing.contact_name,
            contact_email=filing.contact_email,
            contact_phone=filing.contact_phone,
            attributes=filing.attributes,
            media_url=filing.media_url,
            language=language,
        )
    )
    return {"service_request_id": ticket.reference, "service_notice": service_notice(category), "account_id": None}
