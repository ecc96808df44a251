"""The bridge from django-anymail's inbound webhooks to the one processing function."""

import logging

from anymail.signals import inbound

from .models import InboundEmail
from .processing import UnparseableEmail, process_message

logger = logging.getLogger(__name__)


def handle_inbound(sender, event, esp_name, **kwargs):
    try:
        process_message(event.message, source=InboundEmail.Source.WEBHOOK)
    except UnparseableEmail:
        # The provider would post it again and again: say so in the logs and accept it.
        logger.error("Unreadable inbound e-mail from %s (event %s)", esp_name, event.event_id)


def connect():
    inbound.connect(handle_inbound, dispatch_uid="email_intake.handle_inbound")
