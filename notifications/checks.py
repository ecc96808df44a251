"""System checks of the SMS settings: run by `manage.py check`, `migrate` and `runserver`."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_sms_backend(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    backend = settings.SMS_BACKEND
    if backend == "console":
        return [
            Error(
                "SMS_BACKEND=console writes citizens' numbers and texts to the log and sends nothing.",
                hint="With DEBUG off, choose brevo (with SMS_API_KEY) or file.",
                id="notifications.E001",
            )
        ]
    if not backend:
        return [
            Error(
                "SMS_BACKEND is not set: with DEBUG off there is no default.",
                hint="Set SMS_BACKEND=brevo (with SMS_API_KEY), or file to keep texts in SMS_FILE_PATH.",
                id="notifications.E002",
            )
        ]
    if backend == "brevo" and not settings.SMS_API_KEY:
        return [Error("SMS_BACKEND=brevo needs SMS_API_KEY.", id="notifications.E003")]
    return []
