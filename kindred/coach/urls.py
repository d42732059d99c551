from django.urls import path

from kindred.coach import views

app_name = "coach"
urlpatterns = [
    path("", views.practice, name="practice"),
    path("<uuid:draft_id>/", views.draft_detail, name="draft"),
    path("<uuid:draft_id>/delete/", views.draft_delete, name="draft_delete"),
]
