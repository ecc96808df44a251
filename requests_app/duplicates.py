"""Likely duplicates of a request, suggested to the agent who may merge it.

Candidates are the other open requests of the same category (of the same service when the
request has none yet) received within `DUPLICATE_WINDOW_DAYS`, read in one bounded query and
scored in Python: the distance between geolocated requests, the street named in the address
or the text, the words the two texts share once normalised for French, and whether the same
person wrote both. Where the place is known for both, it decides: two identical "lamp post
out" reports in two streets are two problems.
"""

import datetime
import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OPEN_STATUSES, Ticket

CANDIDATES_READ = 200
EARTH_RADIUS_M = 6_371_000
STREET_TYPES = frozenset(
    {
        "allee",
        "av",
        "avenue",
        "bd",
        "boulevard",
        "chemin",
        "cours",
        "esplanade",
        "faubourg",
        "impasse",
        "passage",
        "place",
        "promenade",
        "quai",
        "route",
        "rue",
        "ruelle",
        "square",
    }
)
STOPWORDS = frozenset(
    {
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "chez",
        "d",
        "dans",
        "de",
        "depuis",
        "des",
        "devant",
        "du",
        "elle",
        "en",
        "entre",
        "est",
        "et",
        "il",
        "ils",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "plus",
        "pour",
        "pres",
        "qu",
        "que",
        "qui",
        "sa",
        "sans",
        "se",
        "ses",
        "son",
        "sont",
        "sous",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tres",
        "tu",
        "un",
        "une",
        "vers",
        "vos",
        "votre",
        "vous",
        "y",
        # Courtesy that every message shares.
        "bonjour",
        "cordialement",
        "madame",
        "merci",
        "monsieur",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
# A street name runs from its type to the next punctuation or number ("12 rue Victor-Hugo, 45000 …").
_STREET = re.compile(r"\b(?:" + "|".join(sorted(STREET_TYPES)) + r")\b([^,.;:!?()\d\n]*)")
# In free text, "la route est abîmée" or "en cours" name no street: a capital must follow.
_NAMED_STREET = re.compile(
    r"\b(?i:" + "|".join(sorted(STREET_TYPES)).replace("allee", "all[ée]e") + r")\s+"
    r"(?:(?i:de|du|des|la|le|l['\u2019]|d['\u2019])\s*)*[A-ZÀ-ÖØ-Þ]"
)
STREET_WORDS = 4


@dataclass(frozen=True)
class Suggestion:
    ticket: Ticket
    reasons: list[str] = field(default_factory=list)
    distance_m: float | None = None
    similarity: float = 0.0
    score: float = 0.0


def fold(text: str) -> str:
    """Lowercase, without accents; hyphens and apostrophes become spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    # Plurals: "trous" and "trou", "lampadaires" and "lampadaire", "poteaux" and "poteau".
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def words(text: str) -> frozenset[str]:
    """The significant words of a French text: no accents, stopwords, street types, nor plurals."""
    return frozenset(
        _stem(word)
        for word in _WORD.findall(fold(text))
        if word not in STOPWORDS and word not in STREET_TYPES and (len(word) > 1 or word.isdigit())
    )


def street(text: str) -> tuple[str, ...]:
    """The first street named in `text`, as its first significant words ("victor", "hugo")."""
    match = _STREET.search(fold(text))
    if match is None:
        return ()
    named = [_stem(word) for word in _WORD.findall(match.group(1)) if word not in STOPWORDS]
    return tuple(named[:STREET_WORDS])


def same_street(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    # "rue Victor Hugo" and "rue Victor-Hugo depuis hier" name the same street.
    shorter, longer = sorted((first, second), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Cosine of two word sets: 1 for the same words, 0 for none in common."""
    if not first or not second:
        return 0.0
    return len(first & second) / math.sqrt(len(first) * len(second))


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _text(ticket: Ticket) -> str:
    return f"{ticket.subject} {ticket.description} {ticket.address}"


def named_street(text: str) -> tuple[str, ...]:
    """The first street named in free text, where a capitalised name follows its type."""
    match = _NAMED_STREET.search(text)
    return street(text[match.start() :]) if match else ()


def _street_of(ticket: Ticket) -> tuple[str, ...]:
    return street(ticket.address) or named_street(f"{ticket.subject}\n{ticket.description}")


def _geolocated(ticket: Ticket) -> bool:
    return ticket.latitude is not None and ticket.longitude is not None


def _emails(ticket: Ticket) -> set[str]:
    emails = {ticket.contact_email.lower()} if ticket.contact_email else set()
    if ticket.citizen_id and ticket.citizen.email:
        emails.add(ticket.citizen.email.lower())
    return emails


def candidates(ticket: Ticket, among: QuerySet | None = None) -> QuerySet:
    """Open requests received within the window, of the same category (or service when uncategorised)."""
    since = timezone.now() - datetime.timedelta(days=settings.DUPLICATE_WINDOW_DAYS)
    queryset = (among if among is not None else Ticket.objects.all()).filter(
        status__in=OPEN_STATUSES, created_at__gte=since
    )
    if ticket.category_id is not None:
        queryset = queryset.filter(category_id=ticket.category_id)
    else:
        queryset = queryset.filter(service_id=ticket.service_id, category__isnull=True)
    return (
        queryset.exclude(pk=ticket.pk)
        .select_related("citizen")
        .only(
            "reference",
            "subject",
            "description",
            "address",
            "latitude",
            "longitude",
            "status",
            "created_at",
            "contact_email",
            "citizen__email",
        )
        .order_by("-created_at", "-pk")
    )


def suggest_duplicates(ticket: Ticket, *, limit: int = 5, among: QuerySet | None = None) -> list[Suggestion]:
    """The likeliest duplicates of `ticket`, best first; `among` limits where to look (the agent's services)."""
    own_words = words(_text(ticket))
    own_street = _street_of(ticket)
    own_emails = _emails(ticket)
    radius = settings.DUPLICATE_DISTANCE_METERS
    threshold = settings.DUPLICATE_TEXT_SIMILARITY / 100
    suggestions = []
    for other in candidates(ticket, among)[:CANDIDATES_READ]:
        reasons, score = [], 0.0
        distance = None
        if _geolocated(ticket) and _geolocated(other):
            distance = distance_m(ticket.latitude, ticket.longitude, other.latitude, other.longitude)
            if distance > radius:
                continue  # both places are known, and they are not the same
            reasons.append(_("%(distance)d m away") % {"distance": round(distance)})
            score += 0.5 * (1 - distance / radius) + 0.2
        other_street = _street_of(other)
        if own_street and other_street:
            if not same_street(own_street, other_street):
                if distance is None:
                    continue  # two different streets named, and no map to say otherwise
            else:
                reasons.append(_("same street"))
                score += 0.3
        shared = similarity(own_words, words(_text(other)))
        if shared >= threshold:
            reasons.append(_("similar wording"))
        score += 0.5 * shared
        if not reasons:
            continue
        if own_emails & _emails(other):
            reasons.append(_("same person"))
            score += 0.2
        suggestions.append(
            Suggestion(ticket=other, reasons=reasons, distance_m=distance, similarity=round(shared, 3), score=score)
        )
    suggestions.sort(key=lambda suggestion: suggestion.score, reverse=True)
    return suggestions[:limit]
