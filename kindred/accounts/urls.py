from django.urls import path

from kindred.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.welcome, name="welcome"),
    path("safety/", views.safety, name="safety"),
    path("account/", views.account, name="account"),
    path("account/name/", views.pseudonym, name="pseudonym"),
    path("account/profile/", views.profile, name="profile"),
    path("account/safety/", views.safety_answers, name="safety_answers"),
    path("account/export/", views.export, name="export"),
    path("account/delete/", views.delete, name="delete"),
    path("account/quick-exit/", views.quick_exit_preference, name="quick_exit"),
]
