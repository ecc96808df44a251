"""The public indicators, in the `indicators` namespace; paths are French, as citizens read them."""

from django.urls import path

from . import views_public as views

app_name = "indicators"
urlpatterns = [
    path("indicateurs/", views.indicators_page, name="page"),
    path("indicateurs.csv", views.indicators_csv, name="csv"),
    path("indicateurs.json", views.indicators_json, name="json"),
]
