"""Keys of the software that talks to the town hall: Open311 apps and REST integrations.

A key is shown once, when it is created; the database keeps its SHA-256 and a short prefix
to recognise it in lists.

Every key acts through its own technical user account (`ApiKey.user`): an agent of the key's
services, with an unusable password and an address under the reserved `api.invalid` domain,
so the workflow checks the key's rights exactly as an agent's, and the timeline shows the
integration's name as the actor. `sync_key_user` keeps that account in step with the key.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# `last_used_at` is written at most this often per key: one UPDATE a minute, not one a call.
TOUCH_EVERY = datetime.timedelta(minutes=1)


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Scope(models.TextChoices):
    """What a key may do. `api:write` implies `api:read`: every write answers with what it changed."""

    OPEN311_FILE = "open311:file", _("Open311: file reports in the key's services and categories")
    API_READ = "api:read", _("REST API: read the requests, messages and appointments of the key's services")
    API_WRITE = "api:write", _("REST API: open requests, reply, add notes, act on requests and appointments")


# A scope granted by another one as well as by itself.
IMPLIED_SCOPES = {Scope.API_WRITE: {Scope.API_READ}}


def validate_scopes(value) -> None:
    """A list of known scopes, each once (the admin's checkboxes write exactly that)."""
    if not isinstance(value, list) or any(not isinstance(item, str) for item in value):
        raise ValidationError(_("Scopes are a list of names."), code="invalid")
    unknown = sorted(set(value) - set(Scope.values))
    if unknown:
        raise ValidationError(_("Unknown scope(s): %(scopes)s."), code="invalid", params={"scopes": ", ".join(unknown)})
    if len(set(value)) != len(value):
        raise ValidationError(_("A scope is listed twice."), code="invalid")


class ApiKey(models.Model):
    Scope = Scope

    name = models.CharField(_("name"), max_length=120, help_text=_("Who uses this key, e.g. “Application DansMaRue”."))
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    services = models.ManyToManyField(
        "requests_app.Service",
        blank=True,
        related_name="api_keys",
        verbose_name=_("services"),
        help_text=_(
            "The REST API sees and acts on the requests of these services; Open311 may file in their categories."
        ),
    )
    categories = models.ManyToManyField(
        "requests_app.Category",
        blank=True,
        related_name="api_keys",
        verbose_name=_("categories"),
        help_text=_("Open311 may also file requests in these categories."),
    )
    scopes = models.JSONField(
        _("scopes"),
        default=list,
        blank=True,
        validators=[validate_scopes],
        help_text=_("What the key may do; a key without a scope can do nothing. Writing implies reading."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="api_key",
        verbose_name=_("technical account"),
        help_text=_("The account the key acts as: the timeline shows it as the author of the key's actions."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        granted = set(self.scopes or ())
        for scope_granted in list(granted):
            granted |= IMPLIED_SCOPES.get(scope_granted, set())
        return scope in granted

    @staticmethod
    def generate() -> str:
        return "rc_" + secrets.token_urlsafe(32)

    def set_key(self, key: str | None = None) -> str:
        """Give the key a new secret and return it (the only time it is readable)."""
        key = key or self.generate()
        self.prefix = key[:10]
        self.key_hash = hash_api_key(key)
        return key

    @classmethod
    def authenticate(cls, key: str) -> "ApiKey | None":
        if not key:
            return None
        return cls.objects.filter(key_hash=hash_api_key(key), is_active=True).first()

    def touch(self) -> None:
        """Record that the key was used, at most once a `TOUCH_EVERY` (REST API and Open311 alike)."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= TOUCH_EVERY:
            ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    def may_file_in_expression(self) -> ExpressionWrapper:
        """For a `Category` queryset: whether this key may file there by Open311.

        It may when the category is one of the key's categories or belongs to one of its services.
        """
        in_categories = ApiKey.categories.through.objects.filter(apikey_id=self.pk, category_id=OuterRef("pk"))
        in_services = ApiKey.services.through.objects.filter(apikey_id=self.pk, service_id=OuterRef("service_id"))
        return ExpressionWrapper(Q(Exists(in_categories)) | Q(Exists(in_services)), output_field=models.BooleanField())


TECHNICAL_EMAIL_DOMAIN = "api.invalid"


@transaction.atomic
def sync_key_user(key: ApiKey):
    """Create or update the technical account of `key`: an agent of exactly the key's services.

    The account is active while the key is (the workflow refuses inactive users) and can never
    log in: its password is unusable and its address is under a reserved domain (RFC 2606).
    """
    from accounts.models import Role, User

    user = key.user
    if user is None:
        user = User(email=f"api-key-{key.pk}@{TECHNICAL_EMAIL_DOMAIN}", role=Role.AGENT)
        user.set_unusable_password()
    user.first_name = key.name[:150]
    user.last_name = ""
    user.role = Role.AGENT
    user.is_active = key.is_active
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.services.set(key.services.all())
    if key.user_id != user.pk:
        key.user = user
        key.save(update_fields=["user"])
    return user


from .models_webhooks import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
