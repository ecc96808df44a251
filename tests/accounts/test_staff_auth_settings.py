"""The staff login settings are read strictly: a typo in a role or a policy stops the start."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.STAFF_2FA_ROLES, settings.AXES_LOCKOUT_PARAMETERS, settings.AXES_HANDLER]))"
)


def settings_with(**env):
    variables = {**os.environ, "DJANGO_SETTINGS_MODULE": "citizen_crm.settings", "SECRET_KEY": "x", **env}
    return subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=variables, capture_output=True, text=True, timeout=60
    )


def test_it_asks_administrators_only_by_default():
    done = settings_with(STAFF_2FA_ROLES="", REDIS_URL="")

    roles, parameters, handler = json.loads(done.stdout.splitlines()[-1])
    assert roles == ["administrator"]
    assert parameters == [["username", "ip_address"]]
    assert handler == "axes.handlers.database.AxesDatabaseHandler"


def test_it_reads_a_comma_separated_list_of_roles():
    done = settings_with(STAFF_2FA_ROLES="administrator, supervisor,manager")

    assert json.loads(done.stdout.splitlines()[-1])[0] == ["administrator", "supervisor", "manager"]


def test_it_refuses_an_unknown_role():
    done = settings_with(STAFF_2FA_ROLES="administrator,admin")

    assert done.returncode != 0
    assert "STAFF_2FA_ROLES has unknown roles ['admin']" in done.stderr


def test_it_refuses_a_list_without_administrators():
    done = settings_with(STAFF_2FA_ROLES="agent")

    assert done.returncode != 0
    assert "STAFF_2FA_ROLES must include administrator" in done.stderr


def test_it_keeps_the_counters_in_redis_when_it_is_configured():
    done = settings_with(REDIS_URL="redis://127.0.0.1:6379/0", LOGIN_LOCKOUT_POLICY="either")

    _roles, parameters, handler = json.loads(done.stdout.splitlines()[-1])
    assert parameters == ["username", "ip_address"]
    assert handler == "accounts.lockout.CacheHandler"


def test_it_refuses_an_unknown_lockout_policy():
    done = settings_with(LOGIN_LOCKOUT_POLICY="strict")

    assert done.returncode != 0
    assert "LOGIN_LOCKOUT_POLICY" in done.stderr
