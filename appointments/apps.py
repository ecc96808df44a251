from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointments")

    def ready(self):
        from requests_app import hooks

        from . import panels

        # The citizen's coming appointments in their personal space, which the core draws.
        hooks.citizen_space_panel("appointments.upcoming", panels.citizen_space_panels)
