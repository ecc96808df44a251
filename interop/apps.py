from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = _("Interoperability")

    def ready(self):
        from requests_app import hooks

        from . import webhooks

        # Every timeline event is offered to the webhook endpoints, in the event's transaction.
        hooks.on_ticket_event("interop.webhooks", webhooks.queue_event)
