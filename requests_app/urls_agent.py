"""The agents' workbench, under "agent/" in the `requests_app` namespace."""

from django.urls import path

from . import views_agent
from .views_agent import ACTION_FORMS

urlpatterns = [
    path("", views_agent.workbench, name="workbench"),
    path("saisie/", views_agent.quick_entry, name="quick_entry"),
    path("demandes/<str:reference>/", views_agent.agent_ticket, name="agent_ticket"),
    path("demandes/<str:reference>/pieces/<int:pk>/", views_agent.agent_attachment, name="agent_attachment"),
    path(
        "demandes/<str:reference>/notifications/<int:pk>/relancer/",
        views_agent.agent_retry_notification,
        name="agent_retry_notification",
    ),
    # One POST endpoint per workflow action: agent_take, agent_assign, agent_reroute, ...
    *(
        path(
            f"demandes/<str:reference>/{action.value}/",
            views_agent.agent_action,
            {"action": action.value},
            name=f"agent_{action.value}",
        )
        for action in ACTION_FORMS
    ),
]
