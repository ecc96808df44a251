"""The HTTPS and policy settings come from the environment, parsed strictly: junk fails loudly."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "s.SECURE_HSTS_PRELOAD, s.SECURE_CSP['img-src'], s.SMS_BACKEND]))"
)
HTTPS_VARIABLES = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "MUNICIPALITY_LOGO_URL",
)


def settings_with(**env) -> subprocess.CompletedProcess:
    variables = {key: value for key, value in os.environ.items() if key not in HTTPS_VARIABLES}
    variables.update({"DJANGO_SETTINGS_MODULE": "citizen_crm.settings", "SECRET_KEY": "x", **env})
    return subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=variables, capture_output=True, text=True, timeout=60
    )


def read(**env) -> list:
    done = settings_with(**env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_it_leaves_https_to_the_deployment_by_default():
    assert read()[:4] == [False, 0, False, False]


def test_it_reads_the_https_settings():
    settings = read(
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="yes",
        SECURE_HSTS_PRELOAD="1",
    )

    assert settings[:4] == [True, 31536000, True, True]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECURE_SSL_REDIRECT": "sometimes"}, "SECURE_SSL_REDIRECT='sometimes' is not a boolean"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS='a year' is not a whole number"),
        ({"SECURE_HSTS_SECONDS": "-1"}, "SECURE_HSTS_SECONDS=-1 is below its minimum 0"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}, "need SECURE_HSTS_SECONDS"),
        (
            {"SECURE_HSTS_SECONDS": "3600", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"},
            "SECURE_HSTS_PRELOAD needs SECURE_HSTS_SECONDS of at least 31536000",
        ),
        (
            {"SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_PRELOAD": "true"},
            "SECURE_HSTS_INCLUDE_SUBDOMAINS=true",
        ),
    ],
)
def test_it_refuses_junk_and_incoherent_values(env, message):
    done = settings_with(**env)

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert message in done.stderr


def test_it_allows_images_from_the_site_data_uris_and_the_logos_origin():
    assert read()[4] == ["'self'", "data:"]
    assert read(MUNICIPALITY_LOGO_URL="https://static.bourg.example/img/logo.png")[4] == [
        "'self'",
        "data:",
        "https://static.bourg.example",
    ]
    # A logo on the site itself needs no other origin.
    assert read(MUNICIPALITY_LOGO_URL="/static/logo.png")[4] == ["'self'", "data:"]


def test_it_has_no_sms_backend_by_default_with_debug_off_and_the_console_one_with_debug_on():
    variables = {key: value for key, value in os.environ.items() if key != "SMS_BACKEND"}
    for debug, expected in (("false", ""), ("true", "console")):
        done = subprocess.run(
            [sys.executable, "-c", READ],
            cwd=ROOT,
            env={**variables, "DJANGO_SETTINGS_MODULE": "citizen_crm.settings", "SECRET_KEY": "x", "DEBUG": debug},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)[5] == expected


def test_it_lets_forms_lead_to_the_configured_sign_in_providers_only():
    form_action = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.SECURE_CSP['form-action']))"
    )
    variables = {key: value for key, value in os.environ.items() if not key.startswith(("FRANCECONNECT", "PROCONNECT"))}
    variables.update({"DJANGO_SETTINGS_MODULE": "citizen_crm.settings", "SECRET_KEY": "x"})

    def allowed(**env):
        done = subprocess.run(
            [sys.executable, "-c", form_action], cwd=ROOT, env={**variables, **env}, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert allowed() == ["'self'"]
    assert allowed(
        FRANCECONNECT_DISCOVERY_URL="https://fcp.integ01.dev-franceconnect.fr/api/v2/.well-known/openid-configuration",
        FRANCECONNECT_CLIENT_ID="id",
        FRANCECONNECT_CLIENT_SECRET="secret",
    ) == ["'self'", "https://fcp.integ01.dev-franceconnect.fr"]
