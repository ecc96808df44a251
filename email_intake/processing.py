"""One incoming e-mail, whatever brought it (IMAP, a provider's webhook, the MTA pipe).

`process_message` parses, sets aside robots (so no acknowledgement ever answers an
out-of-office reply or a bounce), recognises a mail already seen, finds the request it
answers, then opens a ticket, adds a citizen message, or holds the mail for an agent —
in one transaction, leaving one `InboundEmail` row that says what happened.
"""

import logging
import re
from email.message import Message as EmailMessage
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.lookup import find_citizen
from requests_app import intake, workflow
from requests_app.attachments import CheckedUpload, check_uploads
from requests_app.models import Channel, Message, Ticket

from . import authentication, parsing, threads
from .models import InboundEmail
from .parsing import ParsedEmail, UnparseableEmail

logger = logging.getLogger(__name__)

Outcome = InboundEmail.Outcome
Reason = InboundEmail.Reason
FORWARD_SUBJECT = re.compile(r"^\s*(tr|fwd?|transf[ée]r[ée]?)\s*:", re.IGNORECASE)

__all__ = ["AlreadyHandled", "UnparseableEmail", "process_message"]


class AlreadyHandled(Exception):
    """An agent acted on a held mail that someone else has handled meanwhile."""


def process_message(raw: bytes | EmailMessage, *, source: str) -> InboundEmail:
    """Turn one RFC 822 message into a ticket, a citizen message, a held mail or nothing.

    Raises `UnparseableEmail` for input that is not a message; any other exception is
    transient (database down, no triage service): the caller leaves the mail to be retried.
    """
    message, data = parsing.load_message(raw)
    parsed = parsing.parse(message, data)
    seen = InboundEmail.objects.filter(message_id=parsed.message_id).first()
    if seen is not None:
        return seen
    try:
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            return _process(message, parsed, data, source)
    except IntegrityError:
        # The same mail, fetched twice at the same moment: the other copy won.
        seen = InboundEmail.objects.filter(message_id=parsed.message_id).first()
        if seen is None:
            raise
        return seen


def _own_addresses() -> set[str]:
    addresses = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    return {a for a in addresses if a}


def _process(message, parsed: ParsedEmail, data: bytes, source: str) -> InboundEmail:
    record = {"parsed": parsed, "data": data, "source": source}
    reason = parsing.robot_reason(message, parsed.from_address)
    if not reason and parsed.from_address in _own_addresses():
        reason = Reason.OWN_MAIL
    if not reason and "@" not in parsed.from_address:
        reason = Reason.NO_SENDER
    if reason:
        logger.info("Ignored incoming mail %s: %s", parsed.message_id, reason)
        return _record(**record, outcome=Outcome.IGNORED, reason=reason)

    uploads, refused = checked_attachments(parsed)
    record["refused"] = refused
    ticket = threads.find_ticket(recipients=parsed.recipients, references=parsed.references, subject=parsed.subject)
    if ticket is None:
        return _open_ticket(record, uploads, message=message)
    return _reply(record, ticket, uploads, message=message)


def checked_attachments(parsed: ParsedEmail) -> tuple[list[CheckedUpload], list[dict]]:
    """The files the web form would accept (same type, size and count rules), and the others."""
    accepted, refused = [], []
    for attachment in parsed.attachments:
        upload = SimpleUploadedFile(attachment.name, attachment.data, content_type=attachment.content_type)
        if len(accepted) >= settings.ATTACHMENT_MAX_FILES:
            refused.append(
                {
                    "name": attachment.name,
                    "error": _("You can attach at most %(count)d files.") % {"count": settings.ATTACHMENT_MAX_FILES},
                }
            )
            continue
        try:
            accepted.extend(check_uploads([upload]))
        except ValidationError as exc:
            refused.append({"name": attachment.name, "error": " ".join(exc.messages)})
    return accepted, refused


def _record(*, parsed, data, source, outcome, reason="", refused=(), ticket=None, ticket_message=None, uploads=None):
    names = [u.name for u in uploads] if uploads is not None else [a.name for a in parsed.attachments]
    return InboundEmail.objects.create(
        message_id=parsed.message_id,
        source=source,
        from_address=parsed.from_address[:254],
        from_name=parsed.from_name[:200],
        subject=parsed.subject,
        body=parsed.trimmed_body,
        attachment_names=names,
        refused_attachments=list(refused),
        raw=data,
        outcome=outcome,
        reason=reason,
        ticket=ticket,
        ticket_message=ticket_message,
    )


def no_text_body() -> str:
    return _("(No text: see the attached files.)")


def _open_ticket(record: dict, uploads: list[CheckedUpload], *, message: EmailMessage) -> InboundEmail:
    parsed = record["parsed"]
    ticket = open_ticket_from(parsed, message=message, uploads=uploads)
    if ticket is None:
        return _record(**record, outcome=Outcome.IGNORED, reason=Reason.EMPTY)
    return _record(**record, outcome=Outcome.TICKET_CREATED, ticket=ticket, uploads=uploads)


def open_ticket_from(
    parsed: ParsedEmail, *, message: EmailMessage, uploads, entered_by=None, about: Ticket | None = None
) -> Ticket | None:
    """A new request from a mail; None when the mail says nothing at all.

    `about` is the earlier request the mail answered, named in the new one's description. The
    request joins the account of the From: address only when the town's mail server vouched for
    that address (`Authentication-Results`): a forged From: must not put words in someone's space.
    """
    # A forwarded mail's quoted part is the matter itself: only replies are trimmed.
    text = parsed.body if FORWARD_SUBJECT.match(parsed.subject) else parsed.trimmed_body
    if not text and not uploads and not parsed.subject:
        return None
    subject = parsed.subject or _("E-mail without a subject")
    description = text or (no_text_body() if uploads else subject)
    if about is not None:
        description += "\n\n" + _("(Follows up request %(reference)s.)") % {"reference": about.reference}
    vouched = authentication.sender_is_authenticated(message, parsed.from_address)
    citizen = find_citizen(email=parsed.from_address) if vouched else None
    ticket, _token = intake.open_ticket(
        intake.Filing(
            channel=Channel.EMAIL,
            subject=subject,
            description=description,
            citizen=citizen,
            contact_name="" if citizen else parsed.from_name[:150],
            contact_email="" if citizen else parsed.from_address,
            attachments=uploads,
            entered_by=entered_by,
        )
    )
    return ticket


def _reply(record: dict, ticket: Ticket, uploads: list[CheckedUpload], *, message: EmailMessage) -> InboundEmail:
    parsed = record["parsed"]
    if not threads.sender_speaks_for(ticket, parsed.from_address):
        # Someone else writes about the request: an agent decides, nobody speaks for the citizen.
        return _record(**record, outcome=Outcome.HELD, reason=Reason.UNKNOWN_SENDER, ticket=ticket)
    if not authentication.sender_is_authenticated(message, parsed.from_address):
        # The From: line may be forged: the mail server did not vouch for it (DMARC, DKIM, SPF).
        return _record(**record, outcome=Outcome.HELD, reason=Reason.UNAUTHENTICATED, ticket=ticket)
    body = parsed.trimmed_body or (no_text_body() if uploads else "")
    if not body:
        return _record(**record, outcome=Outcome.IGNORED, reason=Reason.EMPTY, ticket=ticket)
    try:
        with transaction.atomic():
            message = post_citizen_message(ticket, parsed.from_address, body=body, uploads=uploads)
    except workflow.InvalidTransition:
        # Closed, rejected, merged or resolved: the workflow takes no message, an agent will
        # decide whether it reopens the request, starts a new one, or is just a thank-you.
        return _record(**record, outcome=Outcome.HELD, reason=Reason.TICKET_NOT_OPEN, ticket=ticket)
    return _record(**record, outcome=Outcome.APPENDED, ticket=ticket, ticket_message=message, uploads=uploads)


def post_citizen_message(ticket: Ticket, sender: str, *, body: str, uploads) -> Message:
    """The citizen's message through the workflow: as their account if it is theirs, else by token."""
    citizen = ticket.citizen if ticket.citizen_id else None
    if citizen is not None and citizen.email.lower() == sender.lower():
        by, via_token = citizen, False
    else:
        by, via_token = None, True
    return workflow.citizen_reply(
        ticket.pk, by=by, body=body, attachments=uploads, via_token=via_token, channel=Channel.EMAIL
    )


# --- held mail, handled by an agent --------------------------------------------------------


def _lock_held(inbound_id: int) -> tuple[InboundEmail, EmailMessage, ParsedEmail]:
    inbound = InboundEmail.objects.select_for_update().get(pk=inbound_id)
    if inbound.outcome != Outcome.HELD:
        raise AlreadyHandled(
            _("This e-mail has already been handled (%(outcome)s).") % {"outcome": inbound.get_outcome_display()}
        )
    message, data = parsing.load_message(bytes(inbound.raw))
    return inbound, message, parsing.parse(message, data)


def _handled(inbound: InboundEmail, *, by, outcome: str, **fields) -> InboundEmail:
    inbound.outcome = outcome
    inbound.handled_by = by
    inbound.handled_at = timezone.now()
    for name, value in fields.items():
        setattr(inbound, name, value)
    inbound.save()
    return inbound


@transaction.atomic
def attach_held_to_ticket(inbound_id: int, *, ticket: Ticket, by) -> InboundEmail:
    """An agent vouches for a held mail: it joins the request as a message from the citizen.

    The workflow decides whether the request still takes messages; the agent's internal note
    says who attached it and why it had been held.
    """
    inbound, _message, parsed = _lock_held(inbound_id)
    uploads, _refused = checked_attachments(parsed)
    body = inbound.body or (no_text_body() if uploads else parsed.subject)
    # Posted as the citizen, as if through their tracking link: the agent has checked the mail.
    citizen = ticket.citizen if ticket.citizen_id else None
    author = citizen if citizen is not None and citizen.email.lower() == inbound.from_address else None
    message = workflow.citizen_reply(
        ticket.pk, by=author, body=body, attachments=uploads, via_token=True, channel=Channel.EMAIL
    )
    workflow.add_internal_note(
        ticket.pk,
        by=by,
        body=_("E-mail from %(sender)s added to this request by an agent (it had been held: %(reason)s).")
        % {"sender": inbound.from_address, "reason": inbound.get_reason_display()},
    )
    return _handled(inbound, by=by, outcome=Outcome.APPENDED, ticket=ticket, ticket_message=message)


@transaction.atomic
def open_ticket_from_held(inbound_id: int, *, by) -> InboundEmail:
    inbound, message, parsed = _lock_held(inbound_id)
    uploads, _refused = checked_attachments(parsed)
    ticket = open_ticket_from(parsed, message=message, uploads=uploads, entered_by=by, about=inbound.ticket)
    if ticket is None:
        raise workflow.InvalidTransition(_("This e-mail is empty: there is nothing to open a request with."))
    return _handled(inbound, by=by, outcome=Outcome.TICKET_CREATED, ticket=ticket)


@transaction.atomic
def discard_held(inbound_id: int, *, by, reason: str) -> InboundEmail:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why this e-mail is discarded."), code="required")
    inbound, _message, _parsed = _lock_held(inbound_id)
    return _handled(inbound, by=by, outcome=Outcome.DISCARDED, discard_reason=reason)
