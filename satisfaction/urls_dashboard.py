from django.urls import path

from .dashboards import access, mine, overview, service

app_name = "dashboard"

urlpatterns = [
    path("", access.index, name="index"),
    path("pilotage/", overview.overview, name="overview"),
    path("service/", service.service, name="service"),
    path("mes-indicateurs/", mine.mine, name="mine"),
]
