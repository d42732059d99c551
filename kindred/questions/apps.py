from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "kindred.questions"
    label = "questions"
    verbose_name = "Ask a coach"
