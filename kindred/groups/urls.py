"""Live groups, included from config/urls.py under /groups/ (before Wagtail's catch-all)."""

from django.urls import path

from kindred.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/rsvp/", views.rsvp, name="rsvp"),
    path("sessions/<int:session_id>/cancel/", views.rsvp_cancel, name="rsvp_cancel"),
    path("recordings/", views.recordings, name="recordings"),
    path("recordings/<int:recording_id>/", views.recording_detail, name="recording"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("facilitate/", views.facilitate, name="facilitate"),
    path(
        "facilitate/sessions/<int:session_id>/",
        views.facilitate_session,
        name="facilitate_session",
    ),
    path(
        "facilitate/sessions/<int:session_id>/print/",
        views.facilitate_print,
        name="facilitate_print",
    ),
    # Last: a group's own page (models.RESERVED_SLUGS keeps the words above free).
    path("<slug:slug>/", views.group_detail, name="group"),
]
