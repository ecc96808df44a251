"""Keep citizens' contact details and private links out of the logs.

`MaskPersonalData` is a logging filter installed on every handler (settings.LOGGING). It
rewrites the record itself, message, arguments, traceback and stack, so every handler after it
sees the masked text:

- e-mail addresses keep their domain only (`***@example.fr`), enough to follow a delivery
  problem with a provider;
- phone numbers keep their separators and last two digits (`+**********78`, `** ** ** ** 78`);
- the secret part of tracking links and of the other links that act without a login (survey,
  unsubscribe, calendar feed, e-mail verification, password reset) is replaced with `***`,
  as is an Open311 `api_key` in a query string.
"""

import logging
import re
import traceback

MASK = "***"

EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?P<domain>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+)"
)

# International numbers (+33 6 12 34 56 78, 0033612345678) and French national ones written in
# any usual way (06 12 34 56 78, 06.12.34.56.78, 0612345678). Not a date, a reference such as
# 2026-000123, an address IP or a port: those start with no + nor a 0 followed by a digit 1-9.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)[1-9]\d{0,2}(?:[\s.-]?\(0\))?(?:[\s.-]?\d){6,12}|0[1-9](?:[\s.-]?\d{2}){4})(?![\w])"
)

# The path segments that are capabilities: whoever has the link acts without logging in. A
# segment is masked when it looks like a token (8 characters or more with a digit, a capital, a
# colon or an underscore), so `/enquete/suivis/` or `/compte/verifier/envoye/` stay readable.
_CAPABILITY_SEGMENT = r"(?=[^/\s?#\"'<>]*[0-9A-Z_:])[^/\s?#\"'<>]{8,}"
PRIVATE_LINK = re.compile(
    r"(?P<prefix>/(?:suivi|enquete|desabonnement|calendrier|verifier|mot-de-passe)/(?:[^/\s?#\"'<>]{1,7}/)?)"
    + _CAPABILITY_SEGMENT
)
API_KEY = re.compile(r"(?P<prefix>[?&]api_key=)[^&\s\"'#]+")


def _phone(match: re.Match) -> str:
    number = match.group(0)
    digits = [index for index, char in enumerate(number) if char.isdigit()]
    kept = set(digits[-2:])
    return "".join("*" if char.isdigit() and index not in kept else char for index, char in enumerate(number))


def mask(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and private links masked."""
    text = EMAIL.sub(lambda match: f"{MASK}@{match.group('domain')}", text)
    text = PRIVATE_LINK.sub(lambda match: match.group("prefix") + MASK, text)
    text = API_KEY.sub(lambda match: match.group("prefix") + MASK, text)
    return PHONE.sub(_phone, text)


class MaskPersonalData(logging.Filter):
    """Masks the record in place; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the handler's to report, not ours
            return True
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
