"""Real-browser tests: Playwright driving Debian's Chromium against the live server.

Every module here sets `pytestmark = pytest.mark.e2e`. Chromium is started once per session,
when the first browser test runs; each test gets fresh browser contexts (locale fr-FR).
"""

import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Playwright's sync API keeps an asyncio loop running in the test thread while the browser is
# up, and Django refuses ORM calls from a thread with a running loop. The tests query the
# database from that thread on purpose (factories, assertions); this is test-only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
# Chromium's console messages when a Content-Security-Policy or Permissions-Policy refuses something.
POLICY_MESSAGE = re.compile(r"Content Security Policy|Refused to|Permissions[- ]Policy", re.IGNORECASE)


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    Playwright's event loop stays alive until the session ends once the browser has started;
    running these tests last keeps it out of the thread of every other test.
    """
    browser_tests = [item for item in items if item.get_closest_marker("e2e")]
    if browser_tests:
        others = [item for item in items if not item.get_closest_marker("e2e")]
        items[:] = others + browser_tests


class Chromium:
    """Playwright and one headless Chromium, started on first use and stopped once."""

    def __init__(self):
        self._playwright = None
        self._browser = None

    def browser(self, executable_path: str):
        if self._playwright is None:
            self._playwright = sync_playwright().start()
        if self._browser is None:
            self._browser = self._playwright.chromium.launch(
                executable_path=executable_path, headless=True, args=CHROMIUM_ARGS
            )
        return self._browser

    def stop(self):
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists.

    On the in-memory SQLite test database the server threads must share the test thread's
    connection, and the server only shares it when the database is set up before it starts;
    otherwise every request thread opens (and leaks) a connection of its own.
    """
    return live_server


@pytest.fixture(scope="session")
def _chromium():
    chromium = Chromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(chromium_path, _chromium):
    # `chromium_path` skips, or fails under CI=true, when Chromium is missing.
    return _chromium.browser(chromium_path)


def serve_collected_static(route):
    """Static files as production serves them: the collected tree, under their hashed names.

    The test server finds static files by their source names, while pages (DEBUG off, manifest
    storage) link to hashed names; the browser gets them from `collectstatic`'s output instead,
    as WhiteNoise serves them.
    """
    name = unquote(urlsplit(route.request.url).path).removeprefix(settings.STATIC_URL)
    root = Path(settings.STATIC_ROOT).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        route.fulfill(status=404, body="")
        return
    route.fulfill(path=path, content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (a citizen and an agent are two contexts)."""
    contexts = []
    script_errors = []

    def open_page():
        context = browser.new_context(locale="fr-FR", base_url=live_server.url)
        context.route(f"{live_server.url}{settings.STATIC_URL}**", serve_collected_static)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
        # What the Content-Security-Policy or the Permissions-Policy refused: every browser test
        # also proves its pages work under them.
        page.on(
            "console",
            lambda message: (
                policy_errors.append(f"{page.url}: {message.text}") if POLICY_MESSAGE.search(message.text) else None
            ),
        )
        # A page checked without its style sheet or scripts would pass axe for the wrong reasons.
        page.on(
            "response",
            lambda response: (
                missing_static.append(response.url)
                if response.status >= 400 and settings.STATIC_URL in response.url
                else None
            ),
        )
        return page

    missing_static = []
    policy_errors = []
    yield open_page
    for context in contexts:
        context.close()
    assert not script_errors, "Uncaught script errors:\n" + "\n".join(script_errors)
    assert not policy_errors, "Refused by the page's security policies:\n" + "\n".join(policy_errors)
    assert not missing_static, "Static files not found:\n" + "\n".join(missing_static)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in(live_server):
    """Sign `user` in for the page's whole context, without going through the login form.

    Staff who owe a one-time code get a session verified by one, as after the code page.
    """
    from tests.accounts.helpers import log_in_with_second_factor

    def log_in(page, user):
        client = Client()
        log_in_with_second_factor(client, user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])

    return log_in
