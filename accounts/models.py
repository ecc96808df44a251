from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    AGENT = "agent", _("Agent")
    SUPERVISOR = "supervisor", _("Supervisor")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work tickets in the workbench; they belong to one or more services.
SERVICE_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR})
STAFF_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.MANAGER, Role.ADMINISTRATOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Logins are case-insensitive: "Marie@Example.fr" is marie@example.fr.
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    # Set when the owner typed the code texted to `phone`; cleared whenever the number changes.
    # Only a verified number links requests and appointments to the account.
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, default="fr", choices=[("fr", "Français"), ("en", "English")]
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(models.functions.Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_citizen(self) -> bool:
        return self.role == Role.CITIZEN

    @property
    def works_tickets(self) -> bool:
        return self.role in SERVICE_ROLES

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES


class ExternalIdentity(models.Model):
    """A person's identity at an OpenID Connect provider, tied to one account.

    The provider's subject (`sub`) is the only stable key: e-mail addresses change at the
    provider, so they are used once, to find the account to link, and never again.
    """

    class Provider(models.TextChoices):
        FRANCECONNECT = "franceconnect", "FranceConnect"
        PROCONNECT = "proconnect", "ProConnect"

    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices)
    subject = models.CharField(_("subject at the provider (sub)"), max_length=255)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities", verbose_name=_("user"))
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_provider_subject_unique"),
            # An account is one person: one identity per provider.
            models.UniqueConstraint(fields=["user", "provider"], name="external_identity_user_provider_unique"),
        ]

    def __str__(self):
        return f"{self.get_provider_display()} {self.subject}"


class PhoneChallenge(models.Model):
    """The code texted to a person to prove they hold a phone number; one at a time per account.

    The code itself is never stored, only its keyed hash. The row also counts the wrong tries
    (past the limit a new code is needed) and the texts sent today (a cool-down between two,
    a daily cap), so neither guessing nor texting someone over and over is cheap.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="phone_challenge")
    phone = models.CharField(_("phone"), max_length=20)
    code_hash = models.CharField(max_length=64)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    # Texts sent since `day_started_at`; a day after it the count starts again.
    sends = models.PositiveSmallIntegerField(default=0)
    day_started_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phone verification code")
        verbose_name_plural = _("phone verification codes")
        constraints = [
            models.CheckConstraint(name="phone_challenge_expires_after_sent", condition=Q(expires_at__gt=F("sent_at"))),
        ]

    def __str__(self):
        return f"{self.user} ({self.phone})"
