from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("compte/", include("accounts.urls")),
    path("rendez-vous/", include("appointments.urls")),
    path("notifications/", include("notifications.urls_centre")),
    path("open311/v2/", include("interop.open311.urls")),
    path("api/v1/", include("interop.api.urls")),
    path("courriel/", include("email_intake.urls")),
    path("tableau-de-bord/", include("satisfaction.urls_dashboard")),
    path("enquete/", include("satisfaction.urls_survey", namespace="survey")),
    path("", include("satisfaction.urls_public")),
    path("", include("requests_app.urls")),
]

if settings.BENCH_FLOORS:
    urlpatterns.insert(0, path("bench/floors/", include("bench.floors.urls")))
