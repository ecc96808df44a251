"""Sign-in through FranceConnect (citizens) and ProConnect (staff), with OpenID Connect.

The protocol is Authlib's: discovery from the provider's metadata, the authorization redirect
with a fresh `state` and `nonce` kept in the session, the code exchange, and the id_token's
checks (RS256 signature against the provider's JWKS, issuer, audience, expiry, nonce). This
module only decides what an identity the provider vouched for may do here:

- an identity seen before signs in to the account it is tied to;
- a new identity whose e-mail address already has an account is tied to it only once the
  person proves they hold that account (its password, or a link mailed to the address);
- otherwise FranceConnect opens a citizen account, while ProConnect never creates anything:
  it only reaches an existing, active staff account.

`open_session` is the one place where a session starts for an identity from a provider.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import login
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from citizen_crm.emails import build_email

from . import verification
from .models import ExternalIdentity, Role, User

logger = logging.getLogger(__name__)

Provider = ExternalIdentity.Provider
SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"  # noqa: S105 (the name of a session key, not a secret)
SESSION_NEXT = "oidc_next"
SESSION_PENDING = "oidc_pending_link"
_LINK_SALT = "accounts.oidc.link"
# Sessions opened through a provider are signed in with the ordinary backend: the identity is
# already proven, and the backend only loads the user on later requests.
BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInFailed(Exception):
    """The provider's answer cannot be trusted or used; `reason` names which page to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderSettings:
    provider: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    acr_values: str


@dataclass(frozen=True)
class Identity:
    """What the provider vouched for, once its id_token passed every check."""

    provider: str
    subject: str
    email: str
    given_name: str
    family_name: str
    id_token: str


def provider_settings(provider: str) -> ProviderSettings | None:
    """The provider's configuration, or None when it is not enabled here."""
    if provider not in Provider.values:
        return None
    prefix = provider.upper()
    discovery_url = getattr(settings, f"{prefix}_DISCOVERY_URL", "")
    client_id = getattr(settings, f"{prefix}_CLIENT_ID", "")
    if not discovery_url or not client_id:
        return None
    return ProviderSettings(
        provider=provider,
        discovery_url=discovery_url,
        client_id=client_id,
        client_secret=getattr(settings, f"{prefix}_CLIENT_SECRET", ""),
        scopes=getattr(settings, f"{prefix}_SCOPES", "openid email"),
        acr_values=getattr(settings, f"{prefix}_ACR_VALUES", ""),
    )


def enabled_providers() -> list[str]:
    return [provider for provider in Provider.values if provider_settings(provider) is not None]


def _client(config: ProviderSettings):
    # A registry per call: settings may change (tests, reconfiguration) and the metadata is
    # fetched fresh for each sign-in, so a provider's key rotation is seen at once.
    oauth = OAuth()
    return oauth.register(
        name=config.provider,
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.discovery_url,
        client_kwargs={
            "scope": config.scopes,
            "token_endpoint_auth_method": "client_secret_post",
            "default_timeout": settings.OIDC_TIMEOUT,
        },
    )


def _absolute(path: str) -> str:
    # Addresses given to the provider come from SITE_URL, never from the Host header.
    return f"{settings.SITE_URL}{path}"


def callback_url(provider: str) -> str:
    return _absolute(reverse("accounts:oidc_callback", args=[provider]))


def start_sign_in(request, config: ProviderSettings, *, next_url: str = ""):
    """The redirect to the provider's authorization endpoint; `state` and `nonce` go in the session."""
    extra = {"acr_values": config.acr_values} if config.acr_values else {}
    try:
        response = _client(config).authorize_redirect(
            request,
            callback_url(config.provider),
            # Longer than Authlib's defaults: FranceConnect asks for at least 32 characters.
            state=generate_token(48),
            nonce=generate_token(48),
            **extra,
        )
    except (requests.RequestException, ValueError, RuntimeError) as error:
        logger.warning("%s discovery failed: %s", config.provider, error)
        raise SignInFailed("unreachable") from error
    request.session[SESSION_NEXT] = next_url
    return response


def finish_sign_in(request, config: ProviderSettings) -> Identity:
    """Check the provider's answer on the callback and return the identity it vouches for.

    Authlib checks that `state` is the one this browser's session sent, exchanges the code,
    and validates the id_token (signature from the JWKS, `iss`, `aud`, `exp`, `nonce`); any
    failure raises SignInFailed and nothing is created or linked.
    """
    client = _client(config)
    try:
        token = client.authorize_access_token(request)
    except MismatchingStateError as error:
        raise SignInFailed("state") from error
    except OAuthError as error:
        # The provider sent an error back (the person cancelled, or it refused the request).
        logger.info("%s answered with an error: %s", config.provider, error)
        raise SignInFailed("refused") from error
    except requests.RequestException as error:
        logger.warning("%s could not be reached on the callback: %s", config.provider, error)
        raise SignInFailed("unreachable") from error
    except (JoseError, ValueError) as error:
        logger.warning("%s id_token refused: %r", config.provider, error)
        raise SignInFailed("invalid_token") from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInFailed("invalid_token")
    details = dict(claims)
    try:
        userinfo = _userinfo(client, token)
    except requests.RequestException as error:
        logger.warning("%s userinfo failed: %s", config.provider, error)
        raise SignInFailed("unreachable") from error
    except (JoseError, ValueError) as error:
        logger.warning("%s userinfo refused: %r", config.provider, error)
        raise SignInFailed("invalid_token") from error
    if userinfo.get("sub") != claims["sub"]:
        # OpenID Connect Core 5.3.2: a userinfo answer about someone else must not be used.
        raise SignInFailed("invalid_token")
    details.update(userinfo)
    return Identity(
        provider=config.provider,
        subject=str(claims["sub"]),
        email=str(details.get("email") or "").strip().lower(),
        given_name=str(details.get("given_name") or "").strip(),
        family_name=str(details.get("family_name") or details.get("usual_name") or "").strip(),
        id_token=token.get("id_token", ""),
    )


def _userinfo(client, token) -> dict:
    """The userinfo endpoint's claims, plain JSON or signed (FranceConnect v2 and ProConnect
    answer `application/jwt`, signed with the keys of the provider's JWKS).

    A signed answer is checked by joserfc, as Authlib checks the id_token: signature with an
    algorithm the provider announces, issuer and audience.
    """
    metadata = client.load_server_metadata()
    response = client.get(metadata["userinfo_endpoint"], token=token)
    response.raise_for_status()
    if not response.headers.get("Content-Type", "").startswith("application/jwt"):
        return response.json()
    algorithms = metadata.get("userinfo_signing_alg_values_supported") or ["RS256", "ES256"]
    signed = jwt.decode(response.text, KeySet.import_key_set(client.fetch_jwk_set()), algorithms=algorithms)
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": metadata.get("issuer")},
        aud={"essential": True, "value": client.client_id},
    ).validate(signed.claims)
    return signed.claims


@dataclass(frozen=True)
class Resolution:
    """Where an identity leads: a user to sign in, an account to confirm, or a refusal."""

    user: User | None = None
    to_confirm: User | None = None
    refused: str = ""


def resolve_identity(identity: Identity) -> Resolution:
    """Find, link or create the account for an identity, following the rules at the top."""
    known = (
        ExternalIdentity.objects.select_related("user")
        .filter(provider=identity.provider, subject=identity.subject)
        .first()
    )
    if known is not None:
        if not _may_use(identity.provider, known.user):
            return Resolution(refused="account_unavailable")
        return Resolution(user=known.user)
    if not identity.email:
        return Resolution(refused="no_email")
    existing = User.objects.filter(email__iexact=identity.email).first()
    if identity.provider == Provider.PROCONNECT:
        if existing is None or not _may_use(identity.provider, existing):
            return Resolution(refused="no_staff_account")
        return Resolution(to_confirm=existing)
    if existing is not None:
        if not _may_use(identity.provider, existing):
            return Resolution(refused="account_unavailable")
        return Resolution(to_confirm=existing)
    return _create_citizen(identity)


def _may_use(provider: str, user: User) -> bool:
    """FranceConnect reaches citizen accounts, ProConnect staff accounts; both active only."""
    if not user.is_active:
        return False
    if provider == Provider.PROCONNECT:
        return user.is_staff_member
    return user.is_citizen


def _create_citizen(identity: Identity) -> Resolution:
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=identity.email,
                password=None,  # an unusable password: this account signs in with FranceConnect
                first_name=identity.given_name[:150],
                last_name=identity.family_name[:150],
                role=Role.CITIZEN,
            )
            ExternalIdentity.objects.create(provider=identity.provider, subject=identity.subject, user=user)
    except IntegrityError:
        # A simultaneous sign-in won the race for this identity or address: start again.
        return resolve_identity(identity)
    # The address comes from FranceConnect's identity provider, which has verified it: earlier
    # requests made with it join the account, as after a confirmation link.
    verification.confirm_email(user)
    return Resolution(user=user)


def link_identity(identity_fields: dict, user: User) -> ExternalIdentity:
    """Tie a confirmed identity to `user`; a second confirmation of the same link is harmless."""
    provider, subject = identity_fields["provider"], identity_fields["subject"]
    if ExternalIdentity.objects.filter(provider=provider, user=user).exclude(subject=subject).exists():
        raise SignInFailed("account_has_identity")
    try:
        with transaction.atomic():
            link, _ = ExternalIdentity.objects.get_or_create(
                provider=provider, subject=subject, defaults={"user": user}
            )
    except IntegrityError as error:
        # Another identity of this provider was linked to the account meanwhile.
        raise SignInFailed("account_has_identity") from error
    if link.user_id != user.pk:
        raise SignInFailed("already_linked")
    if user.is_citizen and user.email_verified_at is None:
        # Reaching the account through the provider with this very address verifies it.
        verification.confirm_email(user)
    return link


def open_session(request, user: User, *, provider: str, id_token: str) -> None:
    """Sign `user` in for an identity from `provider`: the one place such a session starts.

    The id_token is kept for the logout through the provider's end-session endpoint.
    """
    login(request, user, backend=BACKEND)
    request.session[SESSION_PROVIDER] = provider
    request.session[SESSION_ID_TOKEN] = id_token
    ExternalIdentity.objects.filter(provider=provider, user=user).update(last_login_at=timezone.now())


# Pending links: the identity waits in the session while the person proves they hold the account.


def remember_pending_link(request, identity: Identity, user: User) -> None:
    request.session[SESSION_PENDING] = {
        "provider": identity.provider,
        "subject": identity.subject,
        "user": user.pk,
        "email": user.email,
        "name": f"{identity.given_name} {identity.family_name}".strip(),
        "id_token": identity.id_token,
        "key": generate_token(24),
        "at": timezone.now().isoformat(),
    }


def pending_link(request, provider: str) -> dict | None:
    """The identity waiting for confirmation in this session, if still recent enough."""
    pending = request.session.get(SESSION_PENDING)
    if not pending or pending.get("provider") != provider:
        return None
    started = datetime.fromisoformat(pending["at"])
    if timezone.now() - started > timedelta(seconds=settings.OIDC_LINK_MAX_AGE):
        request.session.pop(SESSION_PENDING, None)
        return None
    return pending


def pending_user(pending: dict) -> User | None:
    user = User.objects.filter(pk=pending["user"]).first()
    if user is None or not _may_use(pending["provider"], user):
        return None
    return user


def link_token(pending: dict) -> str:
    return signing.dumps(
        {"p": pending["provider"], "s": pending["subject"], "u": pending["user"], "k": pending["key"]},
        salt=_LINK_SALT,
    )


def check_link_token(token: str, pending: dict | None) -> bool:
    """Whether the mailed link is signed, recent, and for the identity waiting in this session.

    The link only completes the sign-in started in the same browser: mailed to someone who did
    not start it, it links nothing.
    """
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=settings.OIDC_LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    if pending is None:
        return False
    expected = {"p": pending["provider"], "s": pending["subject"], "u": pending["user"], "k": pending["key"]}
    return data == expected


def send_link_email(pending: dict, user: User) -> None:
    url = _absolute(reverse("accounts:oidc_link_from_email", args=[pending["provider"], link_token(pending)]))
    message = build_email(
        "oidc_link",
        {
            "user": user,
            "link_url": url,
            "provider_label": Provider(pending["provider"]).label,
            "identity_name": pending["name"],
            "minutes": settings.OIDC_LINK_MAX_AGE // 60,
        },
        to=user.email,
        language=user.preferred_language,
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the identity link e-mail to user %s", user.pk)


# Logout through the provider.


def end_session_redirect(request, *, provider: str, id_token: str):
    """After the local logout, the redirect to the provider's end-session endpoint, or None."""
    config = provider_settings(provider)
    if config is None:
        return None
    try:
        return _client(config).logout_redirect(
            request,
            post_logout_redirect_uri=_absolute(reverse("accounts:oidc_logout_done", args=[provider])),
            id_token_hint=id_token or None,
            state=generate_token(48),
        )
    except (requests.RequestException, ValueError, RuntimeError) as error:
        logger.warning("%s end-session endpoint unavailable: %s", provider, error)
        return None


def check_logout_return(request, provider: str) -> bool:
    config = provider_settings(provider)
    if config is None:
        return False
    try:
        _client(config).validate_logout_response(request)
    except OAuthError:
        return False
    return True
