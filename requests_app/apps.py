from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Requests")

    def ready(self):
        from accounts import phone, verification
        from notifications import outbox

        from . import intake, notification_context

        # A citizen who verifies their address finds the requests they filed with it before.
        verification.on_email_verified("requests_app.attach_tickets", intake.attach_tickets_to_account)
        # And one who verifies their phone number, those filed with it since the account was opened.
        phone.on_phone_verified("requests_app.attach_tickets", intake.attach_phone_tickets_to_account)

        # Notifications about a request are rendered with what the request knows.
        outbox.register_context("requests_app.ticket", notification_context.ticket_context)
        outbox.register_headers("requests_app.ticket", notification_context.ticket_headers)
