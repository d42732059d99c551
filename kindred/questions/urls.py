"""Ask a coach. Included from config/urls.py at the root, before Wagtail's catch-all (the
public /questions/ listing and pages are Wagtail pages; /questions/ask/ is a Django view)."""

from django.urls import path

from kindred.questions.views import coach, member

app_name = "questions"
urlpatterns = [
    path("questions/ask/", member.ask, name="ask"),
    path("questions/ask/<uuid:question_id>/", member.ask, name="ask_draft"),
    path("my/questions/", member.my_questions, name="my_questions"),
    path("my/questions/email/", member.email_preference, name="email_preference"),
    path("my/questions/<uuid:question_id>/", member.my_question, name="my_question"),
    path("my/questions/<uuid:question_id>/sent/", member.sent, name="sent"),
    path("my/questions/<uuid:question_id>/withdraw/", member.withdraw, name="withdraw"),
    path("my/questions/<uuid:question_id>/delete/", member.draft_delete, name="draft_delete"),
    path("my/notifications/", member.notifications, name="notifications"),
    path("email/unsubscribe/<str:token>/", member.unsubscribe, name="unsubscribe"),
    path("coach/queue/", coach.queue, name="queue"),
    path("coach/queue/<uuid:question_id>/", coach.question_detail, name="coach_question"),
    path("coach/queue/<uuid:question_id>/publish/", coach.publish, name="publish"),
    path("coach/access-log/", coach.access_log, name="access_log"),
]
