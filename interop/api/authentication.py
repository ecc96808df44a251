"""`Authorization: Bearer <key>` (or `Token <key>`): the request acts as the key's technical account."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from interop.models import ApiKey, hash_api_key, sync_key_user

KEYWORDS = (b"bearer", b"token")
MAX_KEY_LENGTH = 200


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # not ours: session authentication may still apply
        if len(parts) != 2 or len(parts[1]) > MAX_KEY_LENGTH:
            raise exceptions.AuthenticationFailed(_("Send the key as “Authorization: Bearer <key>”."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid API key.")) from None
        key = ApiKey.objects.select_related("user").filter(key_hash=hash_api_key(secret), is_active=True).first()
        if key is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked API key."))
        if key.user is None or not key.user.is_active:
            sync_key_user(key)
        key.touch()
        return key.user, key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with this challenge) rather than 403 to unauthenticated calls.
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API key created by an administrator; it sees and acts on its services' requests, as far as "
                "its scopes allow: `api:read` for GET, `api:write` (which implies `api:read`) for every other "
                "method. A key without the scope a call needs is answered 403, with the scope in `missing_scope`; "
                "a reporting application's key (`open311:file` alone) gets no REST access."
            ),
        }
