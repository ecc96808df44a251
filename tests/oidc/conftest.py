"""A real OpenID Connect provider process for the FranceConnect and ProConnect tests.

The provider (tests/oidc/provider.py, Authlib's authorization server on Flask) runs on a free
loopback port for the whole test session; each test resets who logs in and what goes wrong.
The browser's part is played by the Django test client, which follows the redirect to the
provider's authorize endpoint with `requests` and comes back to the callback with the answer.
"""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
FRANCECONNECT_CLIENT = ("rc-franceconnect", "fc-secret-for-tests")
PROCONNECT_CLIENT = ("rc-proconnect", "pc-secret-for-tests")
DEFAULT_USER = {"sub": "fc-sub-0001", "email": "camille@example.fr", "given_name": "Camille", "family_name": "Martin"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Provider:
    def __init__(self):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process = None

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self):
        command = [sys.executable, "-m", "tests.oidc.provider", "--port", str(self.port)]
        for client_id, secret in (FRANCECONNECT_CLIENT, PROCONNECT_CLIENT):
            command += ["--client", f"{client_id}:{secret}"]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the test OpenID Connect provider exited at start")
            try:
                if requests.get(f"{self.issuer}/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the test OpenID Connect provider did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def control(self, **payload):
        response = requests.post(f"{self.issuer}/control", json=payload, timeout=5)
        response.raise_for_status()

    def log(self) -> list[dict]:
        return requests.get(f"{self.issuer}/control/log", timeout=5).json()

    def logs_in(self, **user):
        self.control(user={**DEFAULT_USER, **user})

    def misbehaves(self, misbehaviour: str):
        self.control(misbehaviour=misbehaviour)


@pytest.fixture(scope="session")
def _provider_process():
    provider = Provider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_provider(db, _provider_process):
    _provider_process.control(user=DEFAULT_USER, misbehaviour="", signed_userinfo=False, reset=True)
    return _provider_process


@pytest.fixture
def franceconnect(settings, oidc_provider):
    settings.FRANCECONNECT_DISCOVERY_URL = oidc_provider.discovery_url
    settings.FRANCECONNECT_CLIENT_ID, settings.FRANCECONNECT_CLIENT_SECRET = FRANCECONNECT_CLIENT
    settings.FRANCECONNECT_SCOPES = "openid email given_name family_name"
    settings.FRANCECONNECT_ACR_VALUES = "eidas1"
    allow_forms_to(settings, oidc_provider.discovery_url)
    return oidc_provider


@pytest.fixture
def proconnect(settings, oidc_provider):
    settings.PROCONNECT_DISCOVERY_URL = oidc_provider.discovery_url
    settings.PROCONNECT_CLIENT_ID, settings.PROCONNECT_CLIENT_SECRET = PROCONNECT_CLIENT
    settings.PROCONNECT_SCOPES = "openid email given_name usual_name"
    settings.PROCONNECT_ACR_VALUES = ""
    allow_forms_to(settings, oidc_provider.discovery_url)
    return oidc_provider


def allow_forms_to(settings, discovery_url: str) -> None:
    """What the settings do for a provider configured by the environment: the sign-in button's
    form may lead to its origin (the policy's form-action), or the browser stops the redirect."""
    origin = re.match(r"https?://[^/?#]+", discovery_url).group(0)
    policy = dict(settings.SECURE_CSP)
    policy["form-action"] = [*policy["form-action"], origin]
    settings.SECURE_CSP = policy
