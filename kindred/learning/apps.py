from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "kindred.learning"
    label = "learning"
    verbose_name = "Learning program"
