"""/toolkit/… (members only). Other parts of Kindred link to these exact paths."""

from django.urls import path

from kindred.toolkit.views import analysis, home, rewards, safety_plan, stepping_back, tracker

app_name = "toolkit"
urlpatterns = [
    path("", home.home, name="home"),
    path("safety-plan/", safety_plan.edit, name="safety_plan"),
    path("safety-plan/print/", safety_plan.print_view, name="safety_plan_print"),
    path("tracker/", tracker.month, name="tracker"),
    path("tracker/today/", tracker.today, name="tracker_today"),
    path("tracker/tags/", tracker.add_tag, name="tracker_tag_add"),
    path("tracker/<str:day>/", tracker.day, name="tracker_day"),
    path("analysis/", analysis.index, name="analysis"),
    path("analysis/new/", analysis.new, name="analysis_new"),
    path("analysis/<uuid:record_id>/", analysis.edit, name="analysis_edit"),
    path("analysis/<uuid:record_id>/delete/", analysis.delete, name="analysis_delete"),
    path("rewards/", rewards.index, name="rewards"),
    path("rewards/<uuid:record_id>/", rewards.edit, name="reward_edit"),
    path("rewards/<uuid:record_id>/delete/", rewards.delete, name="reward_delete"),
    path("rewards/log/", rewards.log, name="reward_log"),
    path("rewards/log/<uuid:record_id>/delete/", rewards.log_delete, name="reward_log_delete"),
    path("stepping-back/", stepping_back.index, name="stepping_back"),
    path("stepping-back/<uuid:record_id>/", stepping_back.edit, name="stepping_back_edit"),
    path(
        "stepping-back/<uuid:record_id>/delete/",
        stepping_back.delete,
        name="stepping_back_delete",
    ),
]

# Part 2: wellbeing check-ins, the self-care plan and the journal.
from kindred.toolkit.views import journal, self_care, wellbeing  # noqa: E402

urlpatterns += [
    path("wellbeing/", wellbeing.index, name="wellbeing"),
    path("wellbeing/reminder/", wellbeing.reminder, name="wellbeing_reminder"),
    path("wellbeing/<uuid:record_id>/delete/", wellbeing.delete, name="checkin_delete"),
    path("self-care/", self_care.index, name="self_care"),
    path("self-care/<uuid:record_id>/", self_care.edit, name="self_care_edit"),
    path("self-care/<uuid:record_id>/delete/", self_care.delete, name="self_care_delete"),
    path("self-care/<uuid:record_id>/log/", self_care.log, name="self_care_log"),
    path("journal/", journal.index, name="journal"),
    path("journal/<uuid:record_id>/", journal.edit, name="journal_edit"),
    path("journal/<uuid:record_id>/delete/", journal.delete, name="journal_delete"),
]


# The treatment-invitation planner.
from kindred.toolkit.views import invitation  # noqa: E402

urlpatterns += [
    path("invitation/", invitation.planner, name="invitation"),
    path("invitation/windows/", invitation.windows, name="invitation_windows"),
    path(
        "invitation/windows/<uuid:record_id>/delete/",
        invitation.window_delete,
        name="invitation_window_delete",
    ),
    path("invitation/answers/", invitation.answer_add, name="invitation_answer_add"),
    path("invitation/answers/<uuid:record_id>/", invitation.answer_edit, name="invitation_answer"),
    path(
        "invitation/answers/<uuid:record_id>/delete/",
        invitation.answer_delete,
        name="invitation_answer_delete",
    ),
    path("invitation/options/new/", invitation.option_new, name="invitation_option_new"),
    path(
        "invitation/options/directory/",
        invitation.option_directory,
        name="invitation_directory",
    ),
    path("invitation/options/<uuid:record_id>/", invitation.option_edit, name="invitation_option"),
    path(
        "invitation/options/<uuid:record_id>/delete/",
        invitation.option_delete,
        name="invitation_option_delete",
    ),
]
