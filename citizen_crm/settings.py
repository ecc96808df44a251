"""Settings for Relation Citoyen: one module, driven by environment variables.

Every variable is read through a small strict helper that fails loudly on junk, with its
default beside it; each one has a row in the README's configuration table.
"""

import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false, 1/0, yes/no)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below its minimum {minimum}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    # Development only: a key that is obviously not a secret, never used with DEBUG off.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "anymail",
    "accounts",
    "requests_app",
    "notifications",
    "satisfaction",
    "appointments",
    "email_intake",
    "interop",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "citizen_crm.urls"
WSGI_APPLICATION = "citizen_crm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citizen_crm.context_processors.site",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: no DATABASE_URL means a SQLite file that just works.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked".
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replica (scale-out): the dashboards' and public indicators' daily facts are read from it
# when set; everything else, and every write, goes to the primary. Tests use it as a mirror of
# the primary, so they see the same rows.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["citizen_crm.db_router.ReplicaRouter"]

# Planner settings given to each PostgreSQL connection; empty keeps the server's own.
# - random_page_cost: the default (4) assumes spinning disks; on SSD storage 1.1 is the usual
#   value. With 4, the workbench's search for a frequent word walks the due-date index past a
#   hundred thousand closed requests instead of using the search indexes.
# - work_mem: with the default 4MB, a year of dashboard facts is sorted on disk to be grouped
#   (the planner cannot tell how few groups there are); 16MB lets it group them in memory.
PG_RANDOM_PAGE_COST = env_str("PG_RANDOM_PAGE_COST", "1.1")
PG_WORK_MEM = env_str("PG_WORK_MEM", "16MB")
if PG_RANDOM_PAGE_COST:
    try:
        if float(PG_RANDOM_PAGE_COST) <= 0:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"PG_RANDOM_PAGE_COST={PG_RANDOM_PAGE_COST!r} is not a positive number") from None
if PG_WORK_MEM and not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", PG_WORK_MEM):
    raise ImproperlyConfigured(f"PG_WORK_MEM={PG_WORK_MEM!r} is not a size such as 16MB")
_PG_SETTINGS = {"random_page_cost": PG_RANDOM_PAGE_COST, "work_mem": PG_WORK_MEM}
for database in DATABASES.values():
    if database["ENGINE"].startswith("django.db.backends.postgresql"):
        options = database.setdefault("OPTIONS", {})
        given = " ".join(f"-c {name}={value}" for name, value in _PG_SETTINGS.items() if value)
        options["options"] = f"{options.get('options', '')} {given}".strip()

# The workload index includes the service for PostgreSQL's index-only scans; SQLite keeps only
# its key columns, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after_login"
LOGOUT_REDIRECT_URL = "requests_app:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=60)

# Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# Static and uploaded files.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    # Attachments are private: never served by URL, only through permission-checked views.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
ATTACHMENT_MAX_FILES = env_int("ATTACHMENT_MAX_FILES", 5, minimum=1)
# Django refuses larger bodies before our validation runs; leave room for all attachments.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

# Cache and Celery: no REDIS_URL means local memory and tasks run in-process.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery closes the database connection around every task unless told to reuse it; with this
# it closes it every 1000 tasks, and `citizen_crm.celery` drops a broken or old one as Django
# does between requests (CONN_MAX_AGE).
CELERY_DB_REUSE_MAX = 1000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# A broker outage must not turn a saved ticket into an error page: publishing gives up fast
# and the outbox sweep re-dispatches what is still pending.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "notifications.tasks.sweep_outbox", "schedule": 60.0},
    "sweep-webhooks": {"task": "interop.tasks.sweep_webhooks", "schedule": 60.0},
    "close-resolved-tickets": {"task": "requests_app.tasks.close_stale_resolved", "schedule": 3600.0},
    # Every morning; on weekends and public holidays the functions themselves do nothing.
    "remind-awaiting-citizens": {
        "task": "requests_app.remind_awaiting_citizens",
        "schedule": crontab(hour=8, minute=0),
    },
    "warn-due-tomorrow": {"task": "requests_app.warn_due_tomorrow", "schedule": crontab(hour=8, minute=0)},
    "warn-overdue": {"task": "requests_app.warn_overdue", "schedule": crontab(hour=8, minute=0)},
    # Appointment reminders go out the day before and a few hours before, whatever the hour.
    "remind-appointments": {"task": "appointments.remind_appointments", "schedule": crontab(minute="*/15")},
}

# E-mail (Django 6.1 mailers). EMAIL_BACKEND picks the backend: "smtp" (default), "console"
# (prints mails, the development default), or any dotted path such as an anymail backend.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}
EMAIL_BACKEND_NAME = env_str("EMAIL_BACKEND", "console" if DEBUG else "smtp")
_email_backend = _EMAIL_BACKENDS.get(EMAIL_BACKEND_NAME, EMAIL_BACKEND_NAME)
_email_options = {}
if _email_backend == _EMAIL_BACKENDS["smtp"]:
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Mairie de Bourg-sur-Loire <ne-pas-repondre@bourg-sur-loire.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The product.
MUNICIPALITY_NAME = env_str("MUNICIPALITY_NAME", "Mairie de Bourg-sur-Loire")
# Days during which a citizen may reopen a resolved request; afterwards it is closed.
REOPEN_DELAY_DAYS = env_int("REOPEN_DELAY_DAYS", 15, minimum=1)
# Business days a citizen may leave a request for information unanswered before one reminder.
INFO_REMINDER_DAYS = env_int("INFO_REMINDER_DAYS", 5, minimum=1)
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 8, minimum=1)
# A notification claimed longer ago than this belongs to a worker that died mid-delivery: the
# sweep puts it back to pending. Keep it well above the SMTP timeout.
NOTIFICATION_STALE_CLAIM_SECONDS = env_int("NOTIFICATION_STALE_CLAIM_SECONDS", 900, minimum=1)
WORKBENCH_PAGE_SIZE = env_int("WORKBENCH_PAGE_SIZE", 25, minimum=5)
# Hours before an appointment after which a citizen can no longer cancel or move it online
# (the counter still can, by phone or in person).
APPOINTMENT_CHANGE_LIMIT_HOURS = env_int("APPOINTMENT_CHANGE_LIMIT_HOURS", 24)
# Hours before an appointment when the second, "soon" reminder goes (the first goes a day before).
APPOINTMENT_REMINDER_HOURS = env_int("APPOINTMENT_REMINDER_HOURS", 3, minimum=1)

# Branding and contact details of the municipality, shown in pages and e-mails.
MUNICIPALITY_LOGO_URL = env_str("MUNICIPALITY_LOGO_URL", "")
MUNICIPALITY_PRIMARY_COLOR = env_str("MUNICIPALITY_PRIMARY_COLOR", "#0b3d91")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", MUNICIPALITY_PRIMARY_COLOR):
    raise ImproperlyConfigured(f"MUNICIPALITY_PRIMARY_COLOR={MUNICIPALITY_PRIMARY_COLOR!r} is not a #rrggbb colour")
MUNICIPALITY_SIGNATURE = env_str("MUNICIPALITY_SIGNATURE", "Le service Relation citoyen")
MUNICIPALITY_ADDRESS = env_str("MUNICIPALITY_ADDRESS", "1 place de la Mairie, 45000 Bourg-sur-Loire")
MUNICIPALITY_PHONE = env_str("MUNICIPALITY_PHONE", "02 38 00 00 00")
MUNICIPALITY_EMAIL = env_str("MUNICIPALITY_EMAIL", "contact@bourg-sur-loire.example")
MUNICIPALITY_OPENING_HOURS = env_str("MUNICIPALITY_OPENING_HOURS", "Du lundi au vendredi, 8 h 30 - 17 h")

# Text messages. SMS_BACKEND: "console" (logs them, the development default), "file" (appends
# them to SMS_FILE_PATH) or "brevo" (Brevo's transactional SMS API). With DEBUG off there is no
# default: the deployment chooses, and a system check refuses "console" (notifications/checks.py).
SMS_BACKEND = env_str("SMS_BACKEND", "console" if DEBUG else "")
if SMS_BACKEND not in {"", "console", "file", "brevo"}:
    raise ImproperlyConfigured(f"SMS_BACKEND={SMS_BACKEND!r} is not one of console, file, brevo")
SMS_FILE_PATH = Path(env_str("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.log")))
SMS_API_URL = env_str("SMS_API_URL", "https://api.brevo.com/v3/transactionalSMS/send")
if not SMS_API_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SMS_API_URL={SMS_API_URL!r} is not an http(s) address")
SMS_API_KEY = env_str("SMS_API_KEY", "")
# Brevo accepts up to 11 alphanumeric characters as the sender name.
SMS_SENDER = env_str("SMS_SENDER", "Mairie")
SMS_TIMEOUT = env_int("SMS_TIMEOUT", 10, minimum=1)

# Webhooks: signed POSTs of ticket events to the addresses administrators configure.
# Keep the timeout well below NOTIFICATION_STALE_CLAIM_SECONDS, which the webhook sweep shares.
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10, minimum=1)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)

# Duplicate suggestions on a request's page: open requests of the same category (or service)
# received within the window, close on the map or worded alike.
DUPLICATE_WINDOW_DAYS = env_int("DUPLICATE_WINDOW_DAYS", 30, minimum=1)
DUPLICATE_DISTANCE_METERS = env_int("DUPLICATE_DISTANCE_METERS", 150, minimum=1)
# Percentage of shared words (after normalisation) from which two texts count as similar.
DUPLICATE_TEXT_SIMILARITY = env_int("DUPLICATE_TEXT_SIMILARITY", 35, minimum=1)

# Public indicators (/indicateurs/ and its open data): no delay or commitment figure from fewer
# resolutions than this, no satisfaction figure from fewer survey answers.
PUBLIC_INDICATORS_MIN_ANSWERS = env_int("PUBLIC_INDICATORS_MIN_ANSWERS", 10, minimum=1)

# Satisfaction surveys: the invitation after resolution, its link's lifetime, the fatigue guard
# (nobody is asked twice within that many days) and the score at or below which an answer
# with a comment raises a follow-up for the service's supervisors.
SURVEY_LINK_DAYS = env_int("SURVEY_LINK_DAYS", 30, minimum=1)
SURVEY_FATIGUE_DAYS = env_int("SURVEY_FATIGUE_DAYS", 90)
SURVEY_LOW_SCORE = env_int("SURVEY_LOW_SCORE", 2, minimum=1)
if SURVEY_LOW_SCORE > 5:
    raise ImproperlyConfigured(f"SURVEY_LOW_SCORE={SURVEY_LOW_SCORE} is above the 1-5 scale")

# Daily rollups behind the dashboards: every 15 minutes beat recomputes today and the days
# before it (ROLLUP_REFRESH_DAYS in all); every night it recomputes a longer tail
# (ROLLUP_TAIL_DAYS), so late changes (reroutes, late survey answers) reach older days too.
ROLLUP_REFRESH_DAYS = env_int("ROLLUP_REFRESH_DAYS", 3, minimum=1)
ROLLUP_TAIL_DAYS = env_int("ROLLUP_TAIL_DAYS", 35, minimum=1)
CELERY_BEAT_SCHEDULE["refresh-rollups"] = {"task": "satisfaction.refresh_rollups", "schedule": crontab(minute="*/15")}
# Dashboard figures are cached until the rollups rewrite facts (0 turns the cache off); after
# each refresh the worker computes the usual views (7 to 365 days, the town and each
# supervisor's services) so that the first person to open them does not wait.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 86400)
CELERY_BEAT_SCHEDULE["rebuild-rollups-tail"] = {
    "task": "satisfaction.rebuild_rollups_tail",
    "schedule": crontab(hour=2, minute=30),
}

# Open311 GeoReport v2: the jurisdiction_id clients may send (any other is refused with a 404;
# sending none is fine, there is one jurisdiction). Defaults to the host name of SITE_URL.
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", re.sub(r"^https?://(www\.)?|[:/].*$", "", SITE_URL))

# REST API (/api/v1/): API keys or the browser session, cursor pagination, throttling per
# caller. A rate is "<number>/<second|minute|hour|day>"; an empty rate turns that limit off.
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "1200/hour")
API_THROTTLE_ANON_RATE = env_str("API_THROTTLE_ANON_RATE", "60/minute")
for _name, _rate in (("API_THROTTLE_RATE", API_THROTTLE_RATE), ("API_THROTTLE_ANON_RATE", API_THROTTLE_ANON_RATE)):
    if _rate and not re.fullmatch(r"[1-9]\d*/(second|minute|hour|day)", _rate):
        raise ImproperlyConfigured(f"{_name}={_rate!r} is not a rate such as 1200/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "interop.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["interop.api.permissions.IsStaffMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "interop.api.throttling.CallerRateThrottle",
        "interop.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Relation Citoyen API",
    "DESCRIPTION": "Requests, their messages, timeline and files, categories, services and appointments.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TicketStatusEnum": "requests_app.models.Ticket.Status",
        "AppointmentStatusEnum": "appointments.models.Appointment.Status",
        "KindEnum": "requests_app.models.Kind",
        "ChannelEnum": "requests_app.models.Channel",
        "EntryChannelEnum": "interop.api.serializers.API_CHANNEL_CHOICES",
        "MessageKindEnum": "requests_app.models.Message.Kind",
        "NewMessageKindEnum": "interop.api.serializers.NEW_MESSAGE_KIND_CHOICES",
        "EventKindEnum": "requests_app.models.TicketEvent.Kind",
    },
}

# E-mail intake: mail to the town hall becomes requests and citizen messages. Sources: an IMAP
# mailbox polled by Celery beat (only when INBOUND_IMAP_HOST is set), providers' inbound
# webhooks through django-anymail (under /courriel/anymail/, basic auth with the secret below),
# and `manage.py ingest_email` for an MTA pipe.
INBOUND_IMAP_HOST = env_str("INBOUND_IMAP_HOST", "")
INBOUND_IMAP_SECURITY = env_str("INBOUND_IMAP_SECURITY", "ssl")
if INBOUND_IMAP_SECURITY not in {"ssl", "starttls", "none"}:
    raise ImproperlyConfigured(f"INBOUND_IMAP_SECURITY={INBOUND_IMAP_SECURITY!r} is not one of ssl, starttls, none")
INBOUND_IMAP_PORT = env_int("INBOUND_IMAP_PORT", 993 if INBOUND_IMAP_SECURITY == "ssl" else 143, minimum=1)
INBOUND_IMAP_USER = env_str("INBOUND_IMAP_USER", "")
INBOUND_IMAP_PASSWORD = env_str("INBOUND_IMAP_PASSWORD", "")
INBOUND_IMAP_FOLDER = env_str("INBOUND_IMAP_FOLDER", "INBOX")
# Processed mail moves there; empty leaves it in place, flagged as read.
INBOUND_IMAP_PROCESSED_FOLDER = env_str("INBOUND_IMAP_PROCESSED_FOLDER", "Traites")
INBOUND_IMAP_TIMEOUT = env_int("INBOUND_IMAP_TIMEOUT", 30, minimum=1)
INBOUND_IMAP_POLL_SECONDS = env_int("INBOUND_IMAP_POLL_SECONDS", 60, minimum=10)
if INBOUND_IMAP_HOST:
    CELERY_BEAT_SCHEDULE["poll-inbound-mailbox"] = {
        "task": "email_intake.poll_mailbox",
        "schedule": float(INBOUND_IMAP_POLL_SECONDS),
    }
# "demandes@mairie.example" makes ticket mails carry Reply-To: demandes+<token>@mairie.example,
# the token an HMAC of the ticket: replies find their request even with a new subject. The
# mail server must deliver "+" addresses to the same mailbox. Empty: no per-ticket address.
INBOUND_REPLY_ADDRESS = env_str("INBOUND_REPLY_ADDRESS", "")
if INBOUND_REPLY_ADDRESS and not re.fullmatch(r"[^@\s+]+@[^@\s]+", INBOUND_REPLY_ADDRESS):
    raise ImproperlyConfigured(f"INBOUND_REPLY_ADDRESS={INBOUND_REPLY_ADDRESS!r} is not a plain address without +")
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET", "")}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None

# Benchmarks (`make bench`): BENCH_FLOORS adds the floor views (one INSERT, one read by primary
# key) under /bench/floors/ and an X-Query-Count header on every response. Never in production.
BENCH_FLOORS = env_bool("BENCH_FLOORS", False)
if BENCH_FLOORS:
    INSTALLED_APPS.append("bench.floors")
    MIDDLEWARE.insert(0, "bench.floors.middleware.QueryCountMiddleware")

# FranceConnect (citizens) and ProConnect (staff): OpenID Connect sign-in, each optional and
# enabled only when its discovery URL and client id are set. Scopes are space-separated;
# ACR_VALUES is sent as `acr_values` when not empty (FranceConnect asks for "eidas1").
# OIDC_TIMEOUT bounds every call to a provider; OIDC_LINK_MAX_AGE is the lifetime, in seconds, of
# the e-mailed link that confirms linking an identity to an existing account.
FRANCECONNECT_DISCOVERY_URL = env_str("FRANCECONNECT_DISCOVERY_URL", "")
FRANCECONNECT_CLIENT_ID = env_str("FRANCECONNECT_CLIENT_ID", "")
FRANCECONNECT_CLIENT_SECRET = env_str("FRANCECONNECT_CLIENT_SECRET", "")
FRANCECONNECT_SCOPES = env_str("FRANCECONNECT_SCOPES", "openid email given_name family_name")
FRANCECONNECT_ACR_VALUES = env_str("FRANCECONNECT_ACR_VALUES", "eidas1")
PROCONNECT_DISCOVERY_URL = env_str("PROCONNECT_DISCOVERY_URL", "")
PROCONNECT_CLIENT_ID = env_str("PROCONNECT_CLIENT_ID", "")
PROCONNECT_CLIENT_SECRET = env_str("PROCONNECT_CLIENT_SECRET", "")
PROCONNECT_SCOPES = env_str("PROCONNECT_SCOPES", "openid email given_name usual_name")
PROCONNECT_ACR_VALUES = env_str("PROCONNECT_ACR_VALUES", "")
for _name in ("FRANCECONNECT_DISCOVERY_URL", "PROCONNECT_DISCOVERY_URL"):
    if globals()[_name] and not globals()[_name].startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{_name}={globals()[_name]!r} is not an http(s) address")
for _prefix in ("FRANCECONNECT", "PROCONNECT"):
    if "openid" not in globals()[f"{_prefix}_SCOPES"].split():
        raise ImproperlyConfigured(f"{_prefix}_SCOPES must include openid")
    _enabled = globals()[f"{_prefix}_DISCOVERY_URL"] and globals()[f"{_prefix}_CLIENT_ID"]
    if _enabled and not globals()[f"{_prefix}_CLIENT_SECRET"]:
        raise ImproperlyConfigured(f"{_prefix}_CLIENT_SECRET is required when {_prefix}_CLIENT_ID is set")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10, minimum=1)
OIDC_LINK_MAX_AGE = env_int("OIDC_LINK_MAX_AGE", 1800, minimum=60)

# HTTP hardening: Content-Security-Policy (Django's own middleware), Permissions-Policy,
# Cross-Origin-Opener-Policy, HSTS and the HTTPS redirect.
# No page has an inline script or event handler: scripts come from our static files only. The
# one inline <style> (the town's colour, in base.html) and the admin's carry the request's nonce;
# style attributes are refused. Images may be data: URIs (Bootstrap's icons) and the town's logo.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
    "citizen_crm.headers.PermissionsPolicyMiddleware",
)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")
_logo_origin = re.match(r"https?://[^/?#]+", MUNICIPALITY_LOGO_URL)
_provider_origins = [
    match.group(0)
    for url in (FRANCECONNECT_DISCOVERY_URL, PROCONNECT_DISCOVERY_URL)
    if (match := re.match(r"https?://[^/?#]+", url))
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *([_logo_origin.group(0)] if _logo_origin else [])],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    # The sign-in buttons of FranceConnect and ProConnect post here, then redirect to the provider:
    # browsers hold that redirect to form-action too, so the providers' origins are allowed.
    "form-action": [CSP.SELF, *_provider_origins],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: off by default (plain HTTP on loopback for development and tests); production sets
# them (README, "Production settings"). SECURE_PROXY_SSL_HEADER (BEHIND_TLS_PROXY) must be on
# behind a TLS-terminating proxy, or the redirect would loop.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if (SECURE_HSTS_INCLUDE_SUBDOMAINS or SECURE_HSTS_PRELOAD) and not SECURE_HSTS_SECONDS:
    raise ImproperlyConfigured("SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_PRELOAD need SECURE_HSTS_SECONDS")
# Browsers' preload lists take a site only with a year or more, subdomains included.
if SECURE_HSTS_PRELOAD and (SECURE_HSTS_SECONDS < 31536000 or not SECURE_HSTS_INCLUDE_SUBDOMAINS):
    raise ImproperlyConfigured(
        "SECURE_HSTS_PRELOAD needs SECURE_HSTS_SECONDS of at least 31536000 and SECURE_HSTS_INCLUDE_SUBDOMAINS=true"
    )
# Celery workers keep the logging below (with its masking filter) instead of their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Abuse resistance: rate limits and bot checks on the forms anyone can send.
# Each limit has a rate per client address and one per identity (the account, the e-mail
# address typed in, or the Open311 API key): "<number>/<second|minute|hour|day>", empty for no
# limit. Counters live in the cache (shared by the web nodes through Redis). The client address
# is REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many proxies of ours add themselves to
# X-Forwarded-For: a client can send that header too, so it is never believed by default.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The REST API's throttling believes X-Forwarded-For entirely unless told how many proxies to trust.
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT


def env_rate(name: str, default: str) -> str:
    rate = env_str(name, default).strip()
    if rate and not re.fullmatch(r"[1-9]\d*/(second|minute|hour|day)", rate):
        raise ImproperlyConfigured(f"{name}={rate!r} is not a rate such as 20/hour")
    return rate


RATE_LIMITS = {
    "filing": {
        "address": env_rate("RATE_LIMIT_FILING_PER_ADDRESS", "20/hour"),
        "identity": env_rate("RATE_LIMIT_FILING_PER_PERSON", "10/hour"),
    },
    "signup": {
        "address": env_rate("RATE_LIMIT_SIGNUP_PER_ADDRESS", "10/hour"),
        "identity": env_rate("RATE_LIMIT_SIGNUP_PER_EMAIL", "3/hour"),
    },
    "password_reset": {
        "address": env_rate("RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS", "10/hour"),
        "identity": env_rate("RATE_LIMIT_PASSWORD_RESET_PER_EMAIL", "3/hour"),
    },
    "tracking_lookup": {
        "address": env_rate("RATE_LIMIT_TRACKING_LOOKUP_PER_ADDRESS", "10/hour"),
        "identity": env_rate("RATE_LIMIT_TRACKING_LOOKUP_PER_EMAIL", "5/hour"),
    },
    "verification_resend": {
        "address": env_rate("RATE_LIMIT_VERIFICATION_RESEND_PER_ADDRESS", "10/hour"),
        "identity": env_rate("RATE_LIMIT_VERIFICATION_RESEND_PER_EMAIL", "3/hour"),
    },
    "oidc_link_email": {
        "address": env_rate("RATE_LIMIT_OIDC_LINK_EMAIL_PER_ADDRESS", "10/hour"),
        "identity": env_rate("RATE_LIMIT_OIDC_LINK_EMAIL_PER_EMAIL", "3/hour"),
    },
    "open311_post": {
        "address": env_rate("RATE_LIMIT_OPEN311_POST_PER_ADDRESS", "60/hour"),
        "identity": env_rate("RATE_LIMIT_OPEN311_POST_PER_KEY", "1200/hour"),
    },
}
# The anonymous forms carry a hidden honeypot field and a signed, time-stamped token: a form
# sent sooner than ANTIBOT_MIN_FILL_SECONDS after it was served, or with a token older than
# ANTIBOT_MAX_AGE_SECONDS, is shown again (with what was typed) to be sent once more.
# ANTIBOT_ENABLED=false is for load tests that post forms without reading them.
ANTIBOT_ENABLED = env_bool("ANTIBOT_ENABLED", True)
ANTIBOT_MIN_FILL_SECONDS = env_int("ANTIBOT_MIN_FILL_SECONDS", 2)
ANTIBOT_MAX_AGE_SECONDS = env_int("ANTIBOT_MAX_AGE_SECONDS", 24 * 3600, minimum=60)

# Phone verification: a number links requests and appointments to an account only once its
# owner has typed the code texted to it.
PHONE_CODE_TTL_SECONDS = env_int("PHONE_CODE_TTL_SECONDS", 600, minimum=60)
PHONE_CODE_MAX_ATTEMPTS = env_int("PHONE_CODE_MAX_ATTEMPTS", 5, minimum=1)
PHONE_CODE_RESEND_SECONDS = env_int("PHONE_CODE_RESEND_SECONDS", 60)
PHONE_CODE_MAX_SENDS_PER_DAY = env_int("PHONE_CODE_MAX_SENDS_PER_DAY", 5, minimum=1)

# Staff authentication and login lockout (see README, "Security").
# Failed logins are counted by django-axes, in Redis when REDIS_URL is set (the same cache), in
# the database otherwise. "combination" locks an (account, address) pair, so nobody can lock a
# colleague out from elsewhere; "either" also locks an account from every address, and an
# address for every account, after the same number of failures.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1)
LOGIN_LOCKOUT_POLICY = env_str("LOGIN_LOCKOUT_POLICY", "combination")
_LOCKOUT_PARAMETERS = {
    "combination": [["username", "ip_address"]],
    "either": ["username", "ip_address"],
}
if LOGIN_LOCKOUT_POLICY not in _LOCKOUT_PARAMETERS:
    raise ImproperlyConfigured(f"LOGIN_LOCKOUT_POLICY={LOGIN_LOCKOUT_POLICY!r} is not one of: combination, either")
AXES_LOCKOUT_PARAMETERS = _LOCKOUT_PARAMETERS[LOGIN_LOCKOUT_POLICY]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_COOLOFF_MINUTES / 60  # hours
AXES_RESET_ON_SUCCESS = True
# Failures and lockouts are logged (with the address and account masked); not every startup.
AXES_VERBOSE = False
# No lasting record of every login's address and browser: only failures, for the cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_HANDLER = "accounts.lockout.CacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"
# The client's address as the rate limits see it: X-Forwarded-For is believed only as far as
# TRUSTED_PROXY_COUNT says (the left-most entry would be the client's own choice).
AXES_CLIENT_IP_CALLABLE = "citizen_crm.ratelimit.client_address"
# Roles whose staff must give a one-time code after their password; administrators always do.
STAFF_2FA_ROLES = env_list("STAFF_2FA_ROLES", "administrator") or ["administrator"]
_STAFF_ROLE_NAMES = {"agent", "supervisor", "manager", "administrator"}
if set(STAFF_2FA_ROLES) - _STAFF_ROLE_NAMES:
    raise ImproperlyConfigured(
        f"STAFF_2FA_ROLES has unknown roles {sorted(set(STAFF_2FA_ROLES) - _STAFF_ROLE_NAMES)}"
        f" (use: {', '.join(sorted(_STAFF_ROLE_NAMES))})"
    )
if "administrator" not in STAFF_2FA_ROLES:
    raise ImproperlyConfigured("STAFF_2FA_ROLES must include administrator")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Relation Citoyen")
# Staff sessions end after this much inactivity, and in any case this long after the login.
# Citizens keep Django's two-week session cookie (SESSION_COOKIE_AGE).
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30, minimum=1)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 8, minimum=1)
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "accounts.admin_app.StaffAdminConfig"
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.sessions.StaffSessionMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("accounts.sessions.StaffSessionMiddleware") + 1,
    "accounts.otp.StaffTwoFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS.insert(0, "axes.backends.AxesStandaloneBackend")
# CNIL (2022): at least 12 characters with the other rules, 14 for staff accounts.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.RoleMinimumLengthValidator", "OPTIONS": {"min_length": 12, "staff_min_length": 14}}
    if validator["NAME"].endswith(".MinimumLengthValidator")
    else validator
    for validator in AUTH_PASSWORD_VALIDATORS
]

# Trust: webhook addresses, inbound e-mail authentication, uploaded images.
# Webhook addresses (SSRF guard): endpoints resolving to loopback, link-local (cloud metadata),
# private, shared, multicast or reserved addresses are refused, at save and at every delivery,
# unless they lie in one of these networks (comma-separated CIDRs, e.g. "10.20.0.0/16").
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS", "")
for _network in WEBHOOK_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=True)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"WEBHOOK_ALLOWED_NETWORKS: {_network!r} is not a network in CIDR form ({_error})"
        ) from None
# Inbound e-mail: the authserv-id of the town's receiving mail server, as it writes it in the
# Authentication-Results header (RFC 8601). Set, replies it did not authenticate (DMARC, or
# aligned DKIM or SPF) are held for an agent; empty, the check is off.
INBOUND_AUTHSERV_ID = env_str("INBOUND_AUTHSERV_ID", "").strip()
if INBOUND_AUTHSERV_ID and not re.fullmatch(r"[^\s;()\"]+", INBOUND_AUTHSERV_ID):
    raise ImproperlyConfigured(f"INBOUND_AUTHSERV_ID={INBOUND_AUTHSERV_ID!r} is not a host name or token")
# Uploaded images are decoded and re-encoded without their metadata; larger ones are refused
# (a small compressed file can unfold into gigabytes: a "decompression bomb").
ATTACHMENT_IMAGE_MAX_PIXELS = env_int("ATTACHMENT_IMAGE_MAX_PIXELS", 40_000_000, minimum=1)

# Every handler masks phone numbers, e-mail addresses and the secret part of tracking and other
# private links before a line is written (citizen_crm/log_masking.py). Django's own loggers
# write through these handlers too: the development server's request lines and django.*.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "citizen_crm.log_masking.MaskPersonalData"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_personal_data"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
