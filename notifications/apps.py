from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from requests_app import hooks

        from . import webhooks

        # Every timeline event is offered to the webhook endpoints, in the event's transaction.
        hooks.on_ticket_event("webhooks", webhooks.queue_event)
