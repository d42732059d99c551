from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "kindred.content"
    label = "content"
    verbose_name = "Content"
