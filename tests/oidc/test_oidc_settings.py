"""The provider settings fail loudly on a configuration that could not work."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "citizen_crm.settings", **env}
    code = "from django.conf import settings; print(settings.FRANCECONNECT_SCOPES)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        (
            {
                "FRANCECONNECT_DISCOVERY_URL": "https://fc.example/.well-known/openid-configuration",
                "FRANCECONNECT_CLIENT_ID": "x",
            },
            "FRANCECONNECT_CLIENT_SECRET is required",
        ),
        ({"PROCONNECT_SCOPES": "email given_name"}, "PROCONNECT_SCOPES must include openid"),
        ({"FRANCECONNECT_DISCOVERY_URL": "fc.example"}, "is not an http(s) address"),
    ],
)
def test_it_refuses_a_configuration_that_cannot_work(env, complaint):
    result = load_settings(**env)

    assert result.returncode != 0
    assert complaint in result.stderr


def test_it_accepts_a_complete_provider():
    result = load_settings(
        FRANCECONNECT_DISCOVERY_URL="https://fc.example/.well-known/openid-configuration",
        FRANCECONNECT_CLIENT_ID="x",
        FRANCECONNECT_CLIENT_SECRET="y",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "openid email given_name family_name"
