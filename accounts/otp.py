"""Two-factor authentication for staff: a TOTP application and single-use recovery codes (django-otp).

Staff whose role is in STAFF_2FA_ROLES (administrators always), and everyone who may open /admin/,
give a one-time code after their password. Until they do, the middleware below lets them reach
only the code pages and the logout. Without a confirmed application they enrol first: the key
waits in their session until a first code proves the application has it, so no half-made
device is ever stored.
"""

import secrets
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
PENDING_KEY = "otp_pending_key"
FRESH_CODES_KEY = "otp_fresh_recovery_codes"
# The pages a staff member may reach before giving a code.
OPEN_URL_NAMES = frozenset(
    {"accounts:otp_verify", "accounts:otp_enrol", "accounts:logout", "accounts:login", "set_language"}
)


def requires_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.role in settings.STAFF_2FA_ROLES or user.is_staff or user.is_superuser


def totp_device_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device_of(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_secret_key() -> str:
    """20 random bytes, hex-encoded as django-otp stores them."""
    return secrets.token_hex(20)


def unsaved_device(user, key: str) -> TOTPDevice:
    return TOTPDevice(user=user, key=key, name="Application", confirmed=False)


def readable_secret(device: TOTPDevice) -> str:
    """The key as the applications expect it typed: base32, in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice, *, label: str) -> str:
    """The otpauth:// address as an inline SVG image whose accessible name is `label`."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, svgclass="otp-qr-code")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def matching_step(key: str, token: str) -> int | None:
    """The time step at which `token` is right for `key` (one step of tolerance), or None."""
    if not (token.isdigit() and len(token) == 6):
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6, drift=0)
    if totp.verify(int(token), tolerance=1):
        return totp.t()
    return None


@transaction.atomic
def confirm_enrolment(user, *, key: str, step: int) -> tuple[TOTPDevice, list[str]]:
    """Store the application's key for `user` and give them new recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, key=key, name="Application", confirmed=True, last_t=step)
    return device, regenerate_recovery_codes(user)


@transaction.atomic
def regenerate_recovery_codes(user) -> list[str]:
    """Replace every recovery code of `user` with RECOVERY_CODE_COUNT new ones, returned once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return codes


@transaction.atomic
def remove_two_factor(user) -> None:
    """An administrator's answer to a lost phone: the account enrols again after its password."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalised_code(raw: str) -> str:
    return "".join(raw.split()).replace("-", "").lower()


def verify_code(user, raw: str):
    """The device that accepts the code (TOTP, or a recovery code it then forgets), or None.

    Returns (device, wait_seconds): wait_seconds is set when django-otp's throttling refuses
    to check any code for now after repeated wrong ones.
    """
    code = normalised_code(raw)
    is_totp = code.isdigit() and len(code) == 6
    device = totp_device_of(user) if is_totp else recovery_device_of(user)
    if device is None:
        return None, 0
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            wait = int((locked_until - timezone.now()).total_seconds()) + 1 if locked_until else 1
            return None, max(wait, 1)
        if device.verify_token(code):
            return device, 0
    return None, 0


def mark_verified(request, device) -> None:
    otp_login(request, device)
    # A new session key once the second factor is given, as for the password.
    request.session.cycle_key()


def safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class StaffTwoFactorMiddleware:
    """A staff member who owes a one-time code reaches nothing but the code pages and the logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if requires_two_factor(user) and not user.is_verified() and not self._is_open(request):
            target = "accounts:otp_verify" if totp_device_of(user) else "accounts:otp_enrol"
            url = reverse(target)
            if request.method in ("GET", "HEAD"):
                url = f"{url}?{urlencode({'next': request.get_full_path()})}"
            return redirect(url)
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_URL_NAMES
