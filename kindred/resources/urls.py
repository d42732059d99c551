"""Included at /resources/ from config/urls.py, before Wagtail's catch-all (which serves each
entry's own page, /resources/<slug>/)."""

from django.urls import path

from kindred.resources import views

app_name = "resources"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("saved/", views.saved, name="saved"),
    path("report/<int:pk>/", views.report, name="report"),
    path("saved/<int:pk>/add/", views.save, name="save"),
    path("saved/<int:pk>/remove/", views.unsave, name="unsave"),
]
