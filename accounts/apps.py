from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .sessions import start_staff_session

        user_logged_in.connect(start_staff_session, dispatch_uid="accounts.start_staff_session")
