"""The citizen side, in the `requests_app` namespace; paths are French, as citizens read them."""

from django.urls import path

from . import views_citizen as views
from . import views_citizen_space as space
from . import views_citizen_ticket as ticket

urlpatterns: list = [
    path("", views.home, name="home"),
    path("demande/nouvelle/", views.new_ticket, name="new_ticket"),
    path("demande/envoyee/", views.ticket_created, name="ticket_created"),
    # By tracking link, without an account.
    path("suivi/", views.find_ticket, name="find_ticket"),
    path("suivi/<str:token>/", ticket.track, name="track"),
    path("suivi/<str:token>/repondre/", ticket.track_reply, name="track_reply"),
    path("suivi/<str:token>/confirmer/", ticket.track_confirm, name="track_confirm"),
    path("suivi/<str:token>/rouvrir/", ticket.track_reopen, name="track_reopen"),
    path("suivi/<str:token>/pieces/<int:pk>/", ticket.track_attachment, name="track_attachment"),
    # From the citizen's account.
    path("mon-espace/", space.my_space, name="my_space"),
    path("mes-demandes/", space.my_tickets, name="my_tickets"),
    path("mes-demandes/<str:reference>/", ticket.my_ticket, name="my_ticket"),
    path("mes-demandes/<str:reference>/repondre/", ticket.my_ticket_reply, name="my_ticket_reply"),
    path("mes-demandes/<str:reference>/confirmer/", ticket.my_ticket_confirm, name="my_ticket_confirm"),
    path("mes-demandes/<str:reference>/rouvrir/", ticket.my_ticket_reopen, name="my_ticket_reopen"),
    path("mes-demandes/<str:reference>/pieces/<int:pk>/", ticket.my_ticket_attachment, name="my_ticket_attachment"),
    # Information pages.
    path("donnees-personnelles/", views.privacy, name="privacy"),
    path("accessibilite/", views.accessibility, name="accessibility"),
]
