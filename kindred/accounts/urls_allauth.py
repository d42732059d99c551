"""allauth's URLs under /accounts/, with Kindred's sign-up view in front."""

from django.urls import include, path

from kindred.accounts import views

urlpatterns = [
    path("signup/", views.SignupView.as_view(), name="account_signup"),
    path("", include("allauth.urls")),
]
