"""`manage.py check --deploy` with the README's production settings reports nothing."""

import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# The checks run on the test database (see below), which exists only with database access.
pytestmark = pytest.mark.django_db


def production_block() -> str:
    """The shell block of the README's "Production settings" section, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Production settings", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def this_runs_postgresql() -> str:
    """The address of the test run's PostgreSQL database (which exists while tests run), or ""."""
    if connection.vendor != "postgresql":
        return ""
    database = connection.settings_dict
    credentials = quote(database["USER"]) + (f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{quote(database['NAME'])}"


def run_with_production_settings(command: str) -> subprocess.CompletedProcess:
    """Run `command` after the README's block, in a clean environment: nothing of the test run
    (DEBUG, SECRET_KEY, SMS_BACKEND...) leaks in.

    Only the database address is replaced, the README's being an example: model checks ask the
    database its version. It is this run's PostgreSQL test database when there is one, else a
    SQLite file.
    """
    environment = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(ROOT / "var")}
    database = shlex.quote(this_runs_postgresql())
    sqlite = shlex.quote(str(ROOT / "var" / "deploy-check.sqlite3"))
    script = (
        f"set -euo pipefail\n{production_block()}\nexport DATABASE_URL={database} SQLITE_PATH={sqlite}\n{command}\n"
    )
    return subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_it_reports_nothing_with_the_readme_production_settings():
    done = run_with_production_settings(f"{sys.executable} manage.py check --deploy --fail-level WARNING")

    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output


def test_it_turns_on_https_hsts_and_the_content_security_policy_with_them():
    done = run_with_production_settings(
        f"DJANGO_SETTINGS_MODULE=citizen_crm.settings {sys.executable} -c '"
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SMS_BACKEND, bool(s.SECURE_CSP))'"
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "31536000", "True", "True", "True", "True", "brevo", "True"]


def test_it_fails_the_deploy_check_with_the_console_sms_backend():
    done = run_with_production_settings(
        f"export SMS_BACKEND=console\n{sys.executable} manage.py check --deploy --fail-level WARNING"
    )

    assert done.returncode != 0
    assert "notifications.E001" in done.stdout + done.stderr
