"""Login lockout: how django-axes names an account, keeps its counters, and answers a locked-out person.

Axes counts failed logins (citizens, staff and /admin/ all go through `authenticate()`) and, past
LOGIN_FAILURE_LIMIT, refuses the account from that address for LOGIN_COOLOFF_MINUTES. Each new
failure during the lockout starts the cool-off again.
"""

import hashlib
import math

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_client_cache_keys, get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def username_of(request, credentials) -> str | None:
    """The account a login attempt targets, lower-cased: logins are case-insensitive."""
    credentials = credentials or {}
    raw = credentials.get("username") or credentials.get("email")
    if raw is None and request is not None:
        data = getattr(request, "data", None) or request.POST
        raw = data.get("username") or data.get("email")
    if not raw:
        return None
    return str(raw).strip().lower()


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out person sees: what happened, when to try again, what else to do."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime() + cool_off
    minutes = math.ceil(cool_off.total_seconds() / 60)
    response = render(
        request,
        "accounts/locked_out.html",
        {"retry_at": retry_at, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


REMEMBERED_ADDRESSES = 1000


class CacheHandler(AxesCacheHandler):
    """Axes' cache handler, which can also unlock an account whatever addresses it was tried from.

    With the (account, address) policy each counter's key hashes both, so unlocking an account
    needs its addresses: the handler remembers, for the cool-off time, those that failed for it.
    """

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        username = get_client_username(request, credentials) if request is not None else None
        if username and getattr(request, "axes_ip_address", None):
            key = self._addresses_key(username)
            addresses = [address for address in self.cache.get(key, ()) if address != request.axes_ip_address]
            # The latest addresses only: a spray from countless addresses cannot grow the entry forever.
            addresses = [*addresses, request.axes_ip_address][-REMEMBERED_ADDRESSES:]
            self.cache.set(key, addresses, timeout=int(get_cool_off(request).total_seconds()))
        return super().user_login_failed(sender, credentials, request=request, **kwargs)

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        if username is None or ip_address is not None:
            return super().reset_attempts(ip_address=ip_address, username=username, ip_or_username=ip_or_username)
        username = username.lower()
        keys = set(get_client_cache_keys(AccessAttempt(username=username, ip_address=None)))
        for address in self.cache.get(self._addresses_key(username), ()):
            keys.update(get_client_cache_keys(AccessAttempt(username=username, ip_address=address)))
        count = sum(1 for key in keys if self.cache.delete(key))
        self.cache.delete(self._addresses_key(username))
        return count

    @staticmethod
    def _addresses_key(username: str) -> str:
        return "axes-addresses-" + hashlib.sha256(username.encode()).hexdigest()


def unlock_login(email: str) -> int:
    """Forget the failed logins of an account, from every address (administrators' unlock)."""
    return reset(username=email.lower())
