"""The survey pages under "enquete/", in the `survey` namespace; paths are French, as citizens read them."""

from django.urls import path

from . import views_survey as views

app_name = "survey"

urlpatterns = [
    # Before the signed links, which are any string.
    path("suivis/", views.follow_ups, name="follow_ups"),
    path("suivis/<int:pk>/traite/", views.follow_up_done, name="follow_up_done"),
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/note/<int:score>/", views.rate, name="rate"),
    path("<str:token>/merci/", views.thanks, name="thanks"),
]
