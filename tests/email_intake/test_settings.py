"""The IMAP poll is scheduled only when a mailbox is configured; bad values fail loudly."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_SCHEDULE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.CELERY_BEAT_SCHEDULE.get('poll-inbound-mailbox')))"
)


def settings_with(**env):
    variables = {**os.environ, "DJANGO_SETTINGS_MODULE": "citizen_crm.settings", "SECRET_KEY": "x", **env}
    return subprocess.run(
        [sys.executable, "-c", READ_SCHEDULE], cwd=ROOT, env=variables, capture_output=True, text=True, timeout=60
    )


def test_it_schedules_the_poll_when_a_host_is_configured():
    done = settings_with(INBOUND_IMAP_HOST="imap.bourg-sur-loire.example", INBOUND_IMAP_POLL_SECONDS="120")

    assert json.loads(done.stdout) == {"task": "email_intake.poll_mailbox", "schedule": 120.0}


def test_it_schedules_nothing_without_a_host():
    done = settings_with(INBOUND_IMAP_HOST="")

    assert json.loads(done.stdout) is None


def test_it_refuses_an_unknown_security_mode():
    done = settings_with(INBOUND_IMAP_SECURITY="tls-maybe")

    assert done.returncode != 0
    assert "INBOUND_IMAP_SECURITY" in done.stderr
