from django.urls import path

from . import views_dashboard

app_name = "dashboard"

urlpatterns = [
    path("", views_dashboard.index, name="index"),
    path("pilotage/", views_dashboard.overview, name="overview"),
    path("service/", views_dashboard.service, name="service"),
    path("mes-indicateurs/", views_dashboard.mine, name="mine"),
]
