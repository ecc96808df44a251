"""Appointments, under "rendez-vous/" in the `appointments` namespace."""

from django.urls import path

from . import views

app_name = "appointments"
urlpatterns = [
    path("", views.my_appointments, name="mine"),
    path("prendre/", views.book, name="book"),
    path("<int:pk>/deplacer/", views.move, name="move"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("calendrier/<str:token>/", views.feed, name="feed"),
    path("agent/", views.agenda, name="agenda"),
    path("agent/prendre/", views.agent_book, name="agent_book"),
    path("agent/<int:pk>/absent/", views.mark_no_show, name="mark_no_show"),
    path("agent/<int:pk>/venu/", views.mark_attended, name="mark_attended"),
]
