"""With DEBUG off the SMS backend is an explicit choice, and never the console one (system checks)."""

import pytest
from django.core import checks

from notifications import sms
from notifications.checks import check_sms_backend


def sms_errors() -> list[str]:
    return [message.id for message in check_sms_backend(None)]


def test_it_refuses_the_console_backend_with_debug_off(settings):
    settings.DEBUG = False
    settings.SMS_BACKEND = "console"

    assert sms_errors() == ["notifications.E001"]


def test_it_requires_a_choice_with_debug_off(settings):
    settings.DEBUG = False
    settings.SMS_BACKEND = ""

    assert sms_errors() == ["notifications.E002"]


def test_it_requires_the_key_of_the_provider(settings):
    settings.DEBUG = False
    settings.SMS_BACKEND = "brevo"
    settings.SMS_API_KEY = ""

    assert sms_errors() == ["notifications.E003"]


@pytest.mark.parametrize(("backend", "key"), [("brevo", "xkeysib-0123"), ("file", "")])
def test_it_accepts_a_provider_or_the_file_backend(settings, backend, key):
    settings.DEBUG = False
    settings.SMS_BACKEND = backend
    settings.SMS_API_KEY = key

    assert sms_errors() == []


def test_it_allows_the_console_backend_in_development(settings):
    settings.DEBUG = True
    settings.SMS_BACKEND = "console"

    assert sms_errors() == []


def test_it_reports_errors_that_stop_deployment_commands(settings):
    settings.DEBUG = False
    settings.SMS_BACKEND = "console"

    # Registered with Django's checks: `check`, `migrate` and `runserver` stop on it (the deploy
    # check test runs `manage.py check` with the console backend).
    assert check_sms_backend in checks.registry.registry.get_checks()
    (error,) = check_sms_backend(None)
    assert error.level == checks.ERROR
    assert error.is_serious()


def test_it_sends_nothing_without_a_backend(settings):
    settings.SMS_BACKEND = ""

    with pytest.raises(Exception, match="SMS_BACKEND=''"):
        sms.send_sms("0612345678", "Bonjour")
