from django.urls import path

from kindred.memberships import views

app_name = "memberships"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("redeem/", views.redeem, name="redeem"),
]
