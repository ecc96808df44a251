"""Phone numbers as identity knows them: parsed as French unless they say otherwise, kept in E.164.

An account's number is compared with the numbers people give on other channels only in this
form, so "06 12 34 56 78", "+33 6 12 34 56 78" and "0033612345678" are one number.
"""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

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


def is_mobile(number: PhoneNumber) -> bool:
    if phonenumbers.number_type(number) in _MOBILE_TYPES:
        return True
    # The French plan gives the whole of 06 and 07 to mobiles, allocated or not yet.
    national = str(number.national_number)
    return number.country_code == 33 and len(national) == 9 and national[0] in "67"


def e164_or_blank(raw: str) -> str:
    """`raw` in E.164, or "" when it is empty or no phone number."""
    try:
        return normalise_phone(raw) if raw and raw.strip() else ""
    except ValueError:
        return ""
