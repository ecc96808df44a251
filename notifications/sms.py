"""Text messages: `send_sms(to, text)` through the backend named by `settings.SMS_BACKEND`.

- "console" logs the message (the default: nothing leaves the machine);
- "file" appends it to `settings.SMS_FILE_PATH`, for development;
- "brevo" posts it to Brevo's transactional SMS API (a French provider) with urllib.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from phonenumbers import PhoneNumberFormat, format_number

from accounts.phone_numbers import is_mobile, normalise_phone, parse_phone

logger = logging.getLogger(__name__)

# Numbers are parsed and normalised by identity (`accounts.phone_numbers`), which compares an
# account's number with those given on other channels; texting adds only the mobile check.


class SmsError(Exception):
    """The message could not be sent now; trying again later may work."""


class SmsRejected(SmsError):
    """The provider refused the message itself (bad number, bad key): retrying will not help."""


def sms_number(raw: str) -> str:
    """The E.164 number to text, or "" when `raw` cannot receive a text (junk, a landline)."""
    try:
        number = parse_phone(raw)
    except ValueError:
        return ""
    if not is_mobile(number):
        return ""
    return format_number(number, PhoneNumberFormat.E164)


def send_sms(to: str, text: str) -> str:
    """Send one text; returns the provider's message id ("" when it gives none)."""
    backend = BACKENDS.get(settings.SMS_BACKEND)
    if backend is None:
        raise ImproperlyConfigured(f"SMS_BACKEND={settings.SMS_BACKEND!r} is not one of {', '.join(BACKENDS)}")
    return backend(normalise_phone(to), text)


def _console(to: str, text: str) -> str:
    logger.info("SMS to %s: %s", to, text)
    return ""


def _file(to: str, text: str) -> str:
    path = settings.SMS_FILE_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(f"{timezone.now().isoformat()}\t{to}\t{text}\n")
    return ""


def _brevo(to: str, text: str) -> str:
    """POST /v3/transactionalSMS/send with the account's `api-key` header."""
    if not settings.SMS_API_KEY:
        raise ImproperlyConfigured("SMS_BACKEND=brevo needs SMS_API_KEY")
    body = {
        "sender": settings.SMS_SENDER,
        "recipient": to.lstrip("+"),  # Brevo wants the country code without "+"
        "content": text,
        "type": "transactional",
    }
    # The URL comes from settings, which accept http(s) only.
    request = urllib.request.Request(  # noqa: S310
        settings.SMS_API_URL,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"api-key": settings.SMS_API_KEY, "content-type": "application/json", "accept": "application/json"},
    )
    try:
        # Bandit B310 (urlopen) is silenced: the address is SMS_API_URL, which settings accept as http(s) only.
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310  # nosec B310
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode(errors="replace")
        # 429 (rate limit) and 5xx pass; any other 4xx is about this message or this account.
        error = SmsError if exc.code == 429 or exc.code >= 500 else SmsRejected
        raise error(f"HTTP {exc.code} from the SMS provider: {detail}") from None
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise SmsError(f"SMS provider unreachable or unreadable: {exc}") from None
    return str(answer.get("messageId", ""))


BACKENDS = {"console": _console, "file": _file, "brevo": _brevo}
