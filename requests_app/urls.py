from django.urls import include, path

from .urls_agent import urlpatterns as agent_urlpatterns
from .urls_citizen import urlpatterns as citizen_urlpatterns

app_name = "requests_app"
urlpatterns = [
    path("agent/", include(agent_urlpatterns)),
    *citizen_urlpatterns,
]
