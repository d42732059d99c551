from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "kindred.resources"
    label = "resources"
    verbose_name = "Recovery resources"
