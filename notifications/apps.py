from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts import phone

        from . import checks, identity  # noqa: F401 - importing `checks` registers the SMS settings' checks

        # Identity sends no text itself: the codes that verify phone numbers go through the outbox.
        phone.register_code_sender("notifications.sms", identity.send_phone_code)
