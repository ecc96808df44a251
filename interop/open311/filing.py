"""POST requests: check a filing, open the ticket at once (type "realtime"), answer with its reference."""

import decimal
from dataclasses import dataclass

from django.utils.translation import gettext

from interop.models import ApiKey, Scope
from requests_app import intake
from requests_app.models import Category, Channel, Ticket

from .arguments import Open311Error
from .catalogue import get_category, service_notice
from .serializers import FilingSerializer


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


def check_may_file(api_key: ApiKey) -> None:
    """A key without the `open311:file` scope (a REST integration's) files nothing (403)."""
    if not api_key.has_scope(Scope.OPEN311_FILE):
        raise Open311Error(
            403,
            gettext("This api_key may not file requests: it lacks the scope “%(scope)s”.")
            % {"scope": Scope.OPEN311_FILE.value},
        )


def filing_category(params, api_key: ApiKey) -> Category:
    """The category filed in: a missing (400), unknown (404) or forbidden (403) one is answered alone."""
    service_code = (params.get("service_code") or "").strip()
    if not service_code:
        raise Open311Error(400, gettext("service_code was not provided."))
    category = get_category(service_code, api_key=api_key)
    if not category.key_may_file:
        raise Open311Error(
            403, gettext("This api_key may not file requests in service_code “%(code)s”.") % {"code": service_code}
        )
    return category


def parse_filing(params, api_key: ApiKey) -> Filing:
    """Check a POST requests call; every problem is reported at once (400), or 404/403 first."""
    category = filing_category(params, api_key)
    serializer = FilingSerializer(data=params, context={"category": category, "api_key": api_key})
    if not serializer.is_valid():
        raise Open311Error(400, *serializer.problems)
    return Filing(category=category, **serializer.validated_data)


def file_request(params, api_key: ApiKey, *, language: str) -> dict:
    """POST requests: open the ticket at once (type "realtime") and answer with its reference."""
    check_may_file(api_key)
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
