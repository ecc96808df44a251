"""Text messages: `send_sms(to, text)` through the backend named by `settings.SMS_BACKEND`.

- "console" logs the message (the default: nothing leaves the machine);
- "file" appends it to `settings.SMS_FILE_PATH`, for development;
- "brevo" posts it to Brevo's transactional SMS API (a French provider) with urllib.
"""

import json
import logging
import re
import urllib.error
import urllib.request

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

logger = logging.getLogger(__name__)

# Numbers written without an international prefix are read as French. Overseas France keeps
# the French way of writing them (a trunk 0, then the number) under country codes of its own,
# which phonenumbers knows by region: Réunion and Mayotte (+262), Guadeloupe, Saint-Martin and
# Saint-Barthélemy (+590), Guyane (+594), Martinique (+596), Saint-Pierre-et-Miquelon (+508).
# New Caledonia (+687), French Polynesia (+689) and Wallis-et-Futuna (+681) write theirs with
# no trunk 0, as short numbers that would be read as junk here: they need their prefix.
REGION = "FR"
OVERSEAS_REGIONS = ("RE", "YT", "GP", "MF", "BL", "GF", "MQ", "PM")
_JUNK = re.compile(r"[^\d\s.\-/()+]")
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class SmsError(Exception):
    """The message could not be sent now; trying again later may work."""


class SmsRejected(SmsError):
    """The provider refused the message itself (bad number, bad key): retrying will not help."""


def _parse(text: str, region: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def parse_phone(raw: str) -> PhoneNumber:
    """The number `raw` stands for, French unless it says otherwise; ValueError on junk.

    A number written nationally that is no number of metropolitan France but one of an overseas
    department (0692 12 34 56 in Réunion) is that department's. A number phonenumbers does not
    know as allocated is still taken when its length fits its country, as it always was here:
    its metadata trails the allocations of the numbering plans.
    """
    text = (raw or "").strip().replace("(0)", "")
    if not text or _JUNK.search(text):
        raise ValueError(f"not a phone number: {raw!r}")
    number = _parse(text, REGION)
    if number is None:
        raise ValueError(f"not a phone number: {raw!r}")
    if phonenumbers.is_valid_number(number):
        return number
    if not text.startswith(("+", "00")):
        for region in OVERSEAS_REGIONS:
            overseas = _parse(text, region)
            if overseas is not None and phonenumbers.is_valid_number(overseas):
                return overseas
    # A leading zero kept in the national number is a trunk 0 that could not be stripped.
    if phonenumbers.is_possible_number(number) and not number.italian_leading_zero:
        return number
    raise ValueError(f"not a phone number: {raw!r}")


def normalise_phone(raw: str) -> str:
    """`raw` in E.164 (`0612345678` → `+33612345678`, `0692123456` → `+262692123456`); ValueError on junk."""
    return phonenumbers.format_number(parse_phone(raw), PhoneNumberFormat.E164)


def _is_mobile(number: PhoneNumber) -> bool:
    if phonenumbers.number_type(number) in _MOBILE_TYPES:
        return True
    # The French plan gives the whole of 06 and 07 to mobiles, allocated or not yet.
    national = str(number.national_number)
    return number.country_code == 33 and len(national) == 9 and national[0] in "67"


def sms_number(raw: str) -> str:
    """The E.164 number to text, or "" when `raw` cannot receive a text (junk, a landline)."""
    try:
        number = parse_phone(raw)
    except ValueError:
        return ""
    if not _is_mobile(number):
        return ""
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


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
