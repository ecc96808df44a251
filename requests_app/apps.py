from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Requests")

    def ready(self):
        from notifications import outbox

        from . import notification_context

        # Notifications about a request are rendered with what the request knows.
        outbox.register_context("requests_app.ticket", notification_context.ticket_context)
        outbox.register_headers("requests_app.ticket", notification_context.ticket_headers)
