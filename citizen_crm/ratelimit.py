"""Rate limits on the forms and calls that cost us (or someone else) something: filing, sign-up,
password reset, tracking-link lookup, verification resend, Open311 filing.

Each limit has a name and two rates in `settings.RATE_LIMITS`: one per client address, one per
identity (the account, the e-mail address typed in, or the API key). A form view asks
`check_form(request, name, form, identity=...)`, which counts the address as soon as the form
arrives and the identity once the form has told who this is, and shows the form again with
`refuse_form` when a limit is reached; other callers use `limit_address` and `limit_identity`,
which raise `RateLimited` (it knows how long to wait).

Counters are fixed windows in the default cache: `cache.add` creates the window's counter
with its expiry, `cache.incr` counts atomically (INCRBY on Redis, a lock on the local-memory
cache). With `REDIS_URL` every web node shares them; without it each process counts alone.
The cache keys carry a hash of the address or identity, never the value itself.
"""

import datetime
import hashlib
import ipaddress
import math
import re
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
RATE_PATTERN = re.compile(r"([1-9]\d*)/(second|minute|hour|day)")
KEY_PREFIX = "ratelimit"
GENERATION_KEY = f"{KEY_PREFIX}:generation"


def parse_rate(rate: str) -> tuple[int, int] | None:
    """ "20/hour" → (20, 3600); an empty rate is no limit (None); anything else is refused."""
    if not rate:
        return None
    match = RATE_PATTERN.fullmatch(rate)
    if match is None:
        raise ImproperlyConfigured(f"{rate!r} is not a rate such as 20/hour")
    return int(match.group(1)), PERIODS[match.group(2)]


@dataclass
class RateLimited(Exception):
    """A limit is reached; `retry_after` is the number of seconds until its window ends."""

    name: str
    retry_after: int

    def retry_at(self):
        return timezone.now() + datetime.timedelta(seconds=self.retry_after)

    def message(self, *, form: bool = True) -> str:
        """When to try again, in words a person reads: in how long, and at what time."""
        if self.retry_after < 60:
            when = gettext("Please wait a minute before trying again.")
        else:
            minutes = math.ceil(self.retry_after / 60)
            when = ngettext(
                "Please try again in %(minutes)d minute, at %(time)s.",
                "Please try again in %(minutes)d minutes, at %(time)s.",
                minutes,
            ) % {"minutes": minutes, "time": formats.time_format(timezone.localtime(self.retry_at()), "TIME_FORMAT")}
        sentences = [gettext("Too many attempts in a short time."), when]
        if form:
            sentences.append(gettext("What you entered is kept below: send the form again then."))
        return " ".join(sentences)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or, behind `TRUSTED_PROXY_COUNT` proxies, the address
    the outermost of them saw (counted from the right of X-Forwarded-For, so a client cannot
    choose it by sending the header itself). An IPv6 client is its /64: one household's share."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def limit_address(request, name: str) -> None:
    """Count one attempt at `name` from this client's address; raise `RateLimited` past the rate."""
    _count(name, "address", client_address(request))


def limit_identity(name: str, identity: str) -> None:
    """Count one attempt at `name` for this account, e-mail address or key; raise past the rate."""
    if identity:
        _count(name, "identity", identity.strip().lower())


def check_form(request, name: str, form, *, identity) -> RateLimited | None:
    """A posted form's two counts: its address as soon as it arrives, and, once the form is valid,
    `identity(form.cleaned_data)`. The limit reached, if any (the view then calls `refuse_form`)."""
    try:
        limit_address(request, name)
        if form.is_valid():
            limit_identity(name, identity(form.cleaned_data))
    except RateLimited as limited:
        return limited
    return None


def reset_counters() -> None:
    """Lift every current limit at once (a new generation of counters; the old ones expire)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _count(name: str, scope: str, value: str) -> None:
    rate = parse_rate(settings.RATE_LIMITS[name][scope])
    if rate is None:
        return
    allowed, period = rate
    now = time.time()
    window = int(now // period)
    generation = cache.get(GENERATION_KEY, "0")
    digest = hashlib.sha256(f"{name}:{scope}:{value}".encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{generation}:{name}:{scope}:{digest}:{period}:{window}"
    # The counter lives a little longer than its window, so it cannot vanish inside it.
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: this attempt opens a new counter
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count == 1:
        # Redis's INCR recreates, without expiry, a key that expired just before it: set it again.
        cache.touch(key, period + 1)
    if count > allowed:
        raise RateLimited(name, max(1, math.ceil((window + 1) * period - now)))


def refuse_form(request, limited: RateLimited, *, form, template: str, context: dict | None = None) -> HttpResponse:
    """The form page again, with what was typed and when to try again, as a 429."""
    form.add_error(None, limited.message())
    response = render(request, template, {**(context or {}), "form": form}, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def refuse(request, limited: RateLimited) -> HttpResponse:
    """The plain 429 page, for a limited action that has no form to show again."""
    response = render(request, "429.html", {"message": limited.message(form=False)}, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response
