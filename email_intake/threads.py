"""Which request an incoming e-mail answers.

Three clues, strongest first: the per-ticket reply address (`prefix+token@domain`, the token an
HMAC of the ticket that nobody can guess), our own Message-IDs named in In-Reply-To/References,
and the reference written in the subject. The sender is checked afterwards, by the caller: a
clue says which request is meant, not who may speak on it.
"""

import hmac
import re

from django.conf import settings

from notifications.models import Notification
from requests_app.models import Ticket

REFERENCE_IN_SUBJECT = re.compile(r"(?<![\d-])(\d{4}-\d{6})(?![\d-])")
TOKEN_LENGTH = 24


def reply_token(ticket: Ticket) -> str:
    """`<reference>.<mac>`: readable by an agent, unforgeable without the secret key."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(), f"email-reply:{ticket.reference}:{ticket.tracking_salt}".encode(), "sha256"
    ).hexdigest()[:TOKEN_LENGTH]
    return f"{ticket.reference}.{mac}"


def reply_address(ticket: Ticket) -> str:
    """The address a citizen's reply should go to, or '' when no reply address is configured."""
    base = settings.INBOUND_REPLY_ADDRESS
    if not base or "@" not in base:
        return ""
    local, domain = base.rsplit("@", 1)
    return f"{local}+{reply_token(ticket)}@{domain}"


def reply_to_header(notification) -> dict:
    """The outbox's header enricher: the citizen's mails about a request name its reply address.

    The reply then finds its request even with a rewritten subject; agents' mails keep the
    default Reply-To.
    """
    ticket = notification.ticket
    if ticket is None:
        return {}
    reply_to = reply_address(ticket)
    if reply_to and notification.recipient_email.lower() == ticket.notify_email.lower():
        return {"Reply-To": reply_to}
    return {}


def _ticket_from_reply_address(recipients: list[str]) -> Ticket | None:
    base = settings.INBOUND_REPLY_ADDRESS
    if not base or "@" not in base:
        return None
    local, domain = base.lower().rsplit("@", 1)
    pattern = re.compile(rf"^{re.escape(local)}\+(\d{{4}}-\d{{6}})\.([0-9a-f]{{{TOKEN_LENGTH}}})@{re.escape(domain)}$")
    for address in recipients:
        match = pattern.match(address.lower())
        if not match:
            continue
        ticket = Ticket.objects.filter(reference=match.group(1)).first()
        if ticket is not None and hmac.compare_digest(reply_token(ticket), f"{match.group(1)}.{match.group(2)}"):
            return ticket
    return None


def _ticket_from_message_ids(references: list[str]) -> Ticket | None:
    if not references:
        return None
    from .models import InboundEmail

    ticket_id = (
        Notification.objects.filter(message_id__in=references, ticket__isnull=False)
        .order_by("-created_at")
        .values_list("ticket_id", flat=True)
        .first()
    )
    if ticket_id is None:
        # A citizen answering their own earlier mail names its Message-ID, not ours.
        ticket_id = (
            InboundEmail.objects.filter(message_id__in=references, ticket__isnull=False)
            .values_list("ticket_id", flat=True)
            .first()
        )
    return Ticket.objects.filter(pk=ticket_id).first() if ticket_id else None


def _ticket_from_subject(subject: str) -> Ticket | None:
    for reference in REFERENCE_IN_SUBJECT.findall(subject or ""):
        ticket = Ticket.objects.filter(reference=reference).first()
        if ticket is not None:
            return ticket
    return None


def find_ticket(*, recipients: list[str], references: list[str], subject: str) -> Ticket | None:
    return (
        _ticket_from_reply_address(recipients) or _ticket_from_message_ids(references) or _ticket_from_subject(subject)
    )


def sender_speaks_for(ticket: Ticket, address: str) -> bool:
    """Whether mail from `address` may be posted as the ticket's citizen."""
    address = (address or "").lower()
    if not address:
        return False
    known = {ticket.contact_email.lower()} if ticket.contact_email else set()
    if ticket.citizen_id and ticket.citizen.email:
        known.add(ticket.citizen.email.lower())
    return address in known
