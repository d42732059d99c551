from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "kindred.coach"
    label = "coach"
    verbose_name = "Communication coach"
