from django.urls import path

from . import oidc_views, otp_views, views, views_phone

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    # Django's LogoutView accepts POST only, then goes to LOGOUT_REDIRECT_URL.
    path("deconnexion/", oidc_views.LogoutView.as_view(), name="logout"),
    path("redirection/", views.after_login, name="after_login"),
    path("inscription/", views.signup, name="signup"),
    path("verifier/envoye/", views.check_mailbox, name="check_mailbox"),
    path("verifier/renvoyer/", views.resend_verification, name="resend_verification"),
    path("verifier/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path("telephone/", views_phone.phone_number, name="phone"),
    path("telephone/verifier/", views_phone.phone_verify, name="phone_verify"),
    path("telephone/code/", views_phone.phone_send_code, name="phone_send_code"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/oubli/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("mot-de-passe/modifie/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mot-de-passe/changer/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/change/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("double-authentification/", otp_views.verify, name="otp_verify"),
    path("double-authentification/activer/", otp_views.enrol, name="otp_enrol"),
    path("double-authentification/codes-de-secours/", otp_views.recovery_codes, name="recovery_codes"),
    path(
        "double-authentification/codes-de-secours/telecharger/",
        otp_views.download_recovery_codes,
        name="download_recovery_codes",
    ),
    path(
        "double-authentification/codes-de-secours/conserves/", otp_views.recovery_codes_kept, name="recovery_codes_kept"
    ),
]
# FranceConnect and ProConnect, under /compte/franceconnect/ and /compte/proconnect/.
urlpatterns += oidc_views.urlpatterns
