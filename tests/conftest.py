"""Persona fixtures shared by every test module, and what keeps parallel test processes apart."""

import os
import shutil
from urllib.parse import urlsplit

import pytest

from accounts.models import Role

from .factories import CategoryFactory, ServiceFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    """Outside CI a missing service skips; under CI=true nothing may skip, it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def pytest_configure(config):
    _redis_database_of_this_worker()


def _redis_database_of_this_worker():
    """Under pytest-xdist, each test process takes a Redis database of its own.

    The cache (whose `clear()` flushes its whole database) and the Celery broker (whose queue a
    `worker` test purges, then consumes) would otherwise be shared by tests running at the same
    moment in the other processes. Worker `gwN` uses REDIS_URL's database number plus N: with
    redis://host/12 and two processes, databases 12 and 13 (the Makefile caps processes at 4).
    The database of each test process is kept apart by pytest-django itself, which suffixes the
    test database's name with the worker's id (SQLite tests use one in memory per process).
    """
    from django.conf import settings
    from django.test.utils import override_settings

    from citizen_crm.celery import app as celery_app

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not settings.REDIS_URL or not worker.startswith("gw"):
        return
    url = urlsplit(settings.REDIS_URL)
    number = int(url.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    redis_url = url._replace(path=f"/{number}").geturl()
    caches = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": redis_url}}
    # For the whole process: settings were read before any conftest could change the environment.
    override_settings(REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url, CACHES=caches).enable()
    celery_app.conf.broker_url = redis_url
    # Processes a test starts (Celery workers, web nodes) read the environment.
    os.environ["REDIS_URL"] = redis_url


@pytest.fixture(autouse=True)
def _required_services(request):
    """`@pytest.mark.postgres` / `@pytest.mark.redis` tests need the real service.

    The embedded pass (SQLite, eager Celery) deselects them with `-m`; a run that selects them
    without the service skips on a laptop and fails under CI=true.
    """
    from django.conf import settings
    from django.db import connection

    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL (set DATABASE_URL=postgres://...)")
    if request.node.get_closest_marker("redis") and not settings.REDIS_URL:
        skip_or_fail("needs Redis and a Celery worker (set REDIS_URL=redis://...)")


@pytest.fixture(autouse=True)
def _fresh_dashboard_figures():
    """Tests share one cache but each gets a fresh database: no figure cached by another may show."""
    from satisfaction import stats

    stats.facts_changed()


@pytest.fixture(autouse=True)
def _abuse_guards(request, settings):
    """Rate-limit counters start from zero in every test: tests share one cache per process.

    The honeypot and the form token need a page served before the post; tests that post a form
    without reading its page run without them. The browser tests fill real pages and keep them,
    as do the tests of the checks themselves (tests/abuse).
    """
    from citizen_crm import ratelimit

    ratelimit.reset_counters()
    settings.ANTIBOT_ENABLED = request.node.get_closest_marker("e2e") is not None


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Tasks run in-process except in `redis` tests, which use the real broker and worker."""
    from citizen_crm.celery import app

    eager = request.node.get_closest_marker("redis") is None
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = eager or saved
    yield
    app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing strength is Django's business; tests only need passwords to round-trip.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mailoutbox(db, mailoutbox):
    """pytest-django's outbox, resolved after the database so it is the list tests send to."""
    return mailoutbox


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def triage_service(db):
    return ServiceFactory(triage=True)


@pytest.fixture
def service(db):
    return ServiceFactory(name="Voirie", slug="voirie")


@pytest.fixture
def other_service(db):
    return ServiceFactory(name="État civil", slug="etat-civil")


@pytest.fixture
def category(service):
    return CategoryFactory(service=service, name="Nid-de-poule", service_code="nid-de-poule", sla_days=5)


@pytest.fixture
def other_category(other_service):
    return CategoryFactory(service=other_service, name="Acte de naissance", service_code="acte-naissance")


@pytest.fixture
def citizen(db):
    return UserFactory(email="camille@example.fr", first_name="Camille", last_name="Martin")


@pytest.fixture
def other_citizen(db):
    return UserFactory(email="dominique@example.fr", first_name="Dominique", last_name="Petit")


@pytest.fixture
def agent(service):
    return UserFactory(email="agent@mairie.example", role=Role.AGENT, services=[service])


@pytest.fixture
def colleague(service):
    return UserFactory(email="collegue@mairie.example", role=Role.AGENT, services=[service])


@pytest.fixture
def agent_of_other_service(other_service):
    return UserFactory(email="agent.etat-civil@mairie.example", role=Role.AGENT, services=[other_service])


@pytest.fixture
def supervisor(service, other_service):
    return UserFactory(email="chef@mairie.example", role=Role.SUPERVISOR, services=[service, other_service])


@pytest.fixture
def manager(db):
    return UserFactory(email="direction@mairie.example", role=Role.MANAGER)


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@mairie.example", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        skip_or_fail("Debian's chromium is not installed")
    return path


def close_download(response):
    """Close a file response the way the test client closes its requests.

    `response.close()` sends `request_finished`, whose handler closes the database connection
    the test still uses (the client itself disconnects that handler around each request).
    """
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _leave_logging_alone(**kwargs):
    """Answering Celery's setup_logging signal keeps the embedded worker off the root logger."""


@pytest.fixture
def worker(monkeypatch):
    """A real Celery worker in a thread, consuming the Redis broker (for `redis` + `postgres` tests).

    A worker thread must see committed rows, which SQLite in memory cannot share: the markers
    make the suite skip these tests without PostgreSQL and Redis (fail under CI=true).
    """
    import logging

    from celery import signals
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings
    from django.db import connection

    from citizen_crm.celery import app as celery_app

    assert settings.REDIS_URL
    assert connection.vendor == "postgresql"
    assert celery_app.conf.task_always_eager is False
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1)
    except Exception as error:
        skip_or_fail(f"the broker at REDIS_URL does not answer: {error}")
    # The embedded worker records its log settings in the environment: restore them after.
    monkeypatch.delenv("CELERY_LOG_LEVEL", raising=False)
    monkeypatch.delenv("CELERY_LOG_FILE", raising=False)
    signals.setup_logging.connect(_leave_logging_alone)
    # Tasks published by earlier tests that had no worker would be consumed first.
    celery_app.control.purge()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
            yield running
    finally:
        signals.setup_logging.disconnect(_leave_logging_alone)
        logging.captureWarnings(False)
