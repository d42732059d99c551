from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kindred.core"
    label = "core"
    verbose_name = "Kindred core"

    def ready(self) -> None:
        from django.urls import register_converter

        from kindred.core.converters import IdConverter

        register_converter(IdConverter, "id")

        from kindred.core import page_cache_signals

        page_cache_signals.connect()
