from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "kindred.toolkit"
    label = "toolkit"
    verbose_name = "Member toolkit"
