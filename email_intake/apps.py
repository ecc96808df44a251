from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmailIntakeConfig(AppConfig):
    name = "email_intake"
    verbose_name = _("E-mail intake")

    def ready(self):
        from notifications import outbox

        from . import receivers, threads

        receivers.connect()
        outbox.register_headers("email_intake.reply_to", threads.reply_to_header)
