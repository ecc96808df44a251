from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import docs, views

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    path("tickets/", views.TicketList.as_view(), name="tickets"),
    path("tickets/<str:reference>/", views.TicketDetail.as_view(), name="ticket"),
    path("tickets/<str:reference>/messages/", views.TicketMessages.as_view(), name="ticket_messages"),
    path("tickets/<str:reference>/events/", views.TicketEvents.as_view(), name="ticket_events"),
    path("tickets/<str:reference>/attachments/", views.TicketAttachments.as_view(), name="ticket_attachments"),
    path(
        "tickets/<str:reference>/attachments/<int:attachment_id>/download/",
        views.AttachmentDownload.as_view(),
        name="attachment_download",
    ),
    *(
        path(f"tickets/<str:reference>/{slug}/", views.ACTION_VIEWS[action].as_view(), name=f"ticket_{action.value}")
        for action, slug in views.ACTION_SLUGS.items()
    ),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("services/", views.ServiceList.as_view(), name="services"),
    path("appointments/", views.AppointmentList.as_view(), name="appointments"),
    path("appointments/<int:appointment_id>/cancel/", views.AppointmentCancel.as_view(), name="appointment_cancel"),
    # Unknown paths get a JSON 404; paths without their final slash still get redirected to it first.
    re_path(r"^.*/$", views.NotFoundView.as_view(), name="not_found"),
]
