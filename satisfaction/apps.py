from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "satisfaction"
    verbose_name = _("Satisfaction")

    def ready(self):
        from requests_app import hooks

        from . import panels, surveys

        # A resolved request invites its citizen to the survey, in the resolving transaction.
        hooks.on_ticket_resolved("satisfaction.survey_invitation", surveys.invite_after_resolution)
        hooks.agent_ticket_panel("satisfaction.survey", panels.agent_ticket_panel)
