"""allauth's URLs under /accounts/, with Kindred's sign-up view in front."""

from django.urls import include, path

from kindred.accounts import staff_auth, views

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="account_signup"),
    # Someone with a second factor reauthenticates with it, never with the password alone.
    path("reauthenticate/", staff_auth.reauthenticate, name="account_reauthenticate"),
    path(
        "reauthenticate/code/",
        staff_auth.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "reauthenticate/code/confirm/",
        staff_auth.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("", include("allauth.urls")),
]
